"""Analysis for staff: theme discovery (accept or dismiss candidates) and model training."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal

from fastapi import APIRouter, Path, Query, Request, status

from feedback_api.domain.schemas import (
    CandidateAcceptance,
    CandidateExample,
    DiscoveryRequest,
    JobPublic,
    ModelVersionPublic,
    ModelVersionsPublic,
    ThemeCandidatePublic,
    ThemeCandidatesPublic,
    ThemePublic,
)
from feedback_api.services import discovery, training
from feedback_api.services.experiments import get_readable_experiment
from feedback_api.web.deps import AdminPrincipal, SessionDep, StaffPrincipal

if TYPE_CHECKING:
    from feedback_api.db.models import ThemeCandidate  # what the services hand out

router = APIRouter(prefix="/api/v1", tags=["analysis"])
CandidateId = Annotated[int, Path(ge=1, le=2**31 - 1)]


async def _public(session: SessionDep, candidate: ThemeCandidate) -> ThemeCandidatePublic:
    examples = await discovery.example_texts(session=session, candidate=candidate)
    return ThemeCandidatePublic(
        id=candidate.id,
        experiment_id=candidate.experiment_id,
        key_suggestion=candidate.key_suggestion,
        top_terms=candidate.top_terms,
        size=candidate.size,
        status=candidate.status,
        theme_id=candidate.theme_id,
        examples=[CandidateExample(feedback_id=fid, text=text) for fid, text in examples],
        created_at=candidate.created_at,
    )


@router.get("/themes/candidates", summary="Candidate themes from discovery (staff)")
async def list_candidates(
    session: SessionDep,
    staff: StaffPrincipal,
    experiment: Annotated[str | None, Query(max_length=60)] = None,
    candidate_status: Annotated[
        Literal["proposed", "accepted", "dismissed"], Query(alias="status")
    ] = "proposed",
) -> ThemeCandidatesPublic:
    scope = await get_readable_experiment(session, experiment, staff) if experiment else None
    rows = await discovery.list_candidates(
        session=session, experiment=scope, status=candidate_status
    )
    return ThemeCandidatesPublic(
        items=[await _public(session, row) for row in rows], total=len(rows)
    )


@router.post(
    "/themes/candidates/discover",
    status_code=status.HTTP_201_CREATED,
    summary="Propose candidate themes from feedback that fits no theme well (staff)",
)
async def discover(
    data: DiscoveryRequest, session: SessionDep, staff: StaffPrincipal
) -> ThemeCandidatesPublic:

    scope = (
        await get_readable_experiment(session, data.experiment, staff)
        if data.experiment is not None
        else None
    )
    rows = await discovery.discover_candidates(
        session=session, experiment=scope, n_candidates=data.n_candidates
    )
    return ThemeCandidatesPublic(
        items=[await _public(session, row) for row in rows], total=len(rows)
    )


@router.post(
    "/themes/candidates/{candidate_id}/accept",
    status_code=status.HTTP_201_CREATED,
    summary="Accept a candidate: it becomes a theme (staff)",
)
async def accept(
    candidate_id: CandidateId,
    data: CandidateAcceptance,
    session: SessionDep,
    _staff: StaffPrincipal,
) -> ThemePublic:
    theme = await discovery.accept_candidate(
        session=session, candidate_id=candidate_id, **data.model_dump()
    )
    return ThemePublic.model_validate(theme)


@router.post(
    "/themes/candidates/{candidate_id}/dismiss", summary="Dismiss a candidate theme (staff)"
)
async def dismiss(
    candidate_id: CandidateId, session: SessionDep, _staff: StaffPrincipal
) -> ThemeCandidatePublic:
    candidate = await discovery.dismiss_candidate(session=session, candidate_id=candidate_id)
    return await _public(session, candidate)


@router.get("/models", summary="Model versions, the ones in use and training jobs (staff)")
async def list_models(
    request: Request, session: SessionDep, _staff: StaffPrincipal
) -> ModelVersionsPublic:
    rows = await training.model_versions(session=session)
    analyzer = request.app.state.models.analyzer
    return ModelVersionsPublic(
        items=[ModelVersionPublic.model_validate(r) for r in rows],
        total=len(rows),
        current=(
            {"themes": analyzer.theme_version, "sentiment": analyzer.sentiment_version}
            if analyzer is not None
            else {}
        ),
        training=[
            JobPublic.model_validate(job) for job in await training.training_jobs(session=session)
        ],
    )


@router.post(
    "/models/{kind}/train",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Retrain from the seed and staff corrections, then reclassify, in the background "
    "(admin); GET /api/v1/models shows its progress",
)
async def train(
    kind: Literal["themes", "sentiment"],
    request: Request,
    session: SessionDep,
    _admin: AdminPrincipal,
) -> JobPublic:
    job = await request.app.state.jobs.train(session, kind)
    return JobPublic.model_validate(job)
