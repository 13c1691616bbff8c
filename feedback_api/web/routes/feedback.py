"""Feedback: anyone submits to a running experiment; staff and its owner read it."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Header, Path, Query, Request, Response, status

from feedback_api.domain.enums import Channel, Role, Sentiment
from feedback_api.domain.schemas import (
    FeedbackCreate,
    FeedbackPublic,
    FeedbacksPublic,
    FeedbackStaffPublic,
    ThemeCorrection,
)
from feedback_api.services import experiments as experiments_service
from feedback_api.services import feedback as service
from feedback_api.services.submission import Submission
from feedback_api.web.deps import CurrentPrincipal, PageDep, SessionDep, StaffPrincipal

router = APIRouter(prefix="/api/v1", tags=["feedback"])

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        pattern=r"^[\x21-\x7e]+$",
        description="Retries with the same key store the feedback once.",
    ),
]


@router.post(
    "/experiments/{experiment}/feedback",
    status_code=status.HTTP_201_CREATED,
    summary="Give feedback on a running experiment",
    response_model=FeedbackPublic,
    responses={200: {"description": "A retry: the feedback stored for this Idempotency-Key"}},
)
async def submit_feedback(
    experiment: str,
    data: FeedbackCreate,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Acknowledged (201) only after the transaction that holds it committed."""
    stored = await request.app.state.intake.submit(
        Submission(
            experiment=experiment,
            data=data,
            channel=Channel.API,
            idempotency_key=idempotency_key,
            client=request.client.host if request.client else None,
        )
    )
    return Response(
        stored.feedback.model_dump_json(),
        status_code=status.HTTP_201_CREATED if stored.created else status.HTTP_200_OK,
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
