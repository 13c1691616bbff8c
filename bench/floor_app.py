"""The intake floor: a bare FastAPI app validating the same body, storing nothing."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, Header, status

from feedback_api.domain.schemas import FeedbackCreate


def create_floor_app() -> FastAPI:
    app = FastAPI()

    @app.post("/api/v1/experiments/{experiment}/feedback", status_code=status.HTTP_201_CREATED)
    async def submit(
        experiment: str,
        data: FeedbackCreate,
        idempotency_key: Annotated[str | None, Header(alias="Idempotency-Key")] = None,
    ) -> FeedbackCreate:
        return data

    @app.get("/healthz")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
