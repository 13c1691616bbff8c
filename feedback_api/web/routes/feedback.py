"""Feedback: anyone submits to a running experiment; staff and its owner read it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from typing import Annotated

from fastapi import APIRouter, FastAPI, Path, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from pydantic import StringConstraints, TypeAdapter, ValidationError

from feedback_api.domain.enums import Channel, Role, Sentiment
from feedback_api.domain.errors import InvalidInputError
from feedback_api.domain.schemas import (
    FeedbackCreate,
    FeedbackPublic,
    FeedbacksPublic,
    FeedbackStaffPublic,
    ThemeCorrection,
)
from feedback_api.services import experiments as experiments_service
from feedback_api.services import feedback as service
from feedback_api.services import intake
from feedback_api.web.deps import CurrentPrincipal, PageDep, SessionDep, StaffPrincipal


@asynccontextmanager
async def intake_lifespan(app: FastAPI) -> AsyncIterator[None]:
    """The group-commit writer lives as long as the app; shutdown stores what is queued.

    Runs inside the app's own lifespan (FastAPI merges router lifespans), so the engine
    and the analyzer exist before it starts and outlive its drain.
    """
    writer = intake.IntakeWriter(app.state.sessions, analyzer=app.state.analyzer)
    app.state.intake = writer
    try:
        await writer.open()
        yield
    finally:
        await writer.aclose()


router = APIRouter(prefix="/api/v1", tags=["feedback"], lifespan=intake_lifespan)

_IDEMPOTENCY_KEY: TypeAdapter[str] = TypeAdapter(
    Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$")]
)
_IDEMPOTENCY_KEY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Retries with the same key store the feedback once.",
    "schema": _IDEMPOTENCY_KEY.json_schema(),
}


def idempotency_key(request: Request) -> str | None:
    """The request's Idempotency-Key, validated as the OpenAPI document above describes.

    Read here rather than declared as a `Header` parameter: FastAPI's handling of header
    parameters cost ~50 µs a request, a fifth of a whole submission (measured).
    """
    raw = request.headers.get("idempotency-key")
    if raw is None:
        return None
    try:
        return _IDEMPOTENCY_KEY.validate_python(raw)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("header", "Idempotency-Key", *e["loc"])} for e in error.errors()]
        ) from None


@router.post(
    "/experiments/{experiment}/feedback",
    status_code=status.HTTP_201_CREATED,
    summary="Give feedback on a running experiment",
    response_model=FeedbackPublic,
    responses={200: {"description": "A retry: the feedback stored for this Idempotency-Key"}},
    openapi_extra={"parameters": [_IDEMPOTENCY_KEY_PARAMETER]},
)
async def submit_feedback(experiment: str, data: FeedbackCreate, request: Request) -> Response:
    """Acknowledged (201) only after the group commit that holds it: see services.intake."""
    app = request.app
    key = idempotency_key(request)
    limit = app.state.settings.max_text_length
    if data.text is not None and len(data.text) > limit:
        # The schema allows the absolute maximum; a deployment may set a lower one.
        raise InvalidInputError(f"text is longer than this service accepts ({limit} characters)")
    client = request.client.host if request.client else None
    if client and app.state.settings.rate_limit_per_client:
        # A retry of an acknowledged submission is never refused: look for it first.
        if key is None or not await intake.is_stored(app.state.sessions, experiment, key):
            await app.state.limiter.check("client", client)
    outcome = await app.state.intake.submit(
        experiment=experiment, data=data, channel=Channel.API, idempotency_key=key
    )
    # The writer made the JSON (FeedbackPublic) with the row: FastAPI would validate it again.
    return Response(
        outcome.body,
        status_code=status.HTTP_201_CREATED if outcome.created else status.HTTP_200_OK,
        media_type="application/json",
    )


@router.get("/experiments/{experiment}/feedback", summary="Feedback of one experiment")
async def list_feedback(
    experiment: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    page: PageDep,
    theme: Annotated[
        str | None, Query(pattern=r"^[a-z][a-z0-9_]{0,59}$", description="a theme key or 'unclear'")
    ] = None,
    sentiment: Sentiment | None = None,
    role: Role | None = None,
    language: Annotated[str | None, Query(pattern="^(fi|sv|en|other)$")] = None,
    since: date | None = None,
    until: date | None = None,
) -> FeedbacksPublic:
    row = await experiments_service.get_readable_experiment(session, experiment, principal)
    filters = service.FeedbackFilter(
        theme=theme,
        sentiment=sentiment.value if sentiment else None,
        role=role.value if role else None,
        language=language,
        since=since,
        until=until,
    )
    rows, total = await service.list_feedback(
        session=session, experiment=row, filters=filters, limit=page.limit, offset=page.offset
    )
    return FeedbacksPublic(items=[service.to_staff_public(r) for r in rows], total=total)


@router.put("/feedback/{feedback_id}/themes", summary="Correct a feedback's themes (staff)")
async def correct_themes(
    feedback_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    data: ThemeCorrection,
    session: SessionDep,
    _staff: StaffPrincipal,
) -> FeedbackStaffPublic:
    feedback = await service.get_feedback(session=session, feedback_id=feedback_id)
    feedback = await service.correct_themes(session=session, feedback=feedback, keys=data.themes)
    return service.to_staff_public(feedback)
