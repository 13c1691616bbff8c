"""Liveness and dependency health."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from feedback_api.services.health import database_answers, redis_answers

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Health of the service and its database")
async def healthz(request: Request) -> JSONResponse:
    body = {"status": "ok", "database": "ok"}
    if not await database_answers(request.app.state.read_sessions):
        body.update(status="unavailable", database="unavailable")
    redis_url = request.app.state.settings.redis_url
    if redis_url:
        body["redis"] = "ok" if await redis_answers(redis_url) else "unavailable"
        if body["redis"] != "ok":
            body["status"] = "unavailable"
    return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)
