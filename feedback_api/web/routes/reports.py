"""Reports: one experiment's, and the programme overview."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from feedback_api.domain.reports import ExperimentReport, ProgrammeOverview
from feedback_api.services import experiments as experiments_service
from feedback_api.services import reports as service
from feedback_api.web.deps import CurrentPrincipal, SessionDep

router = APIRouter(prefix="/api/v1", tags=["reports"])
Lang = Annotated[str, Query(pattern="^(fi|sv|en)$", description="language of names and titles")]


@router.get("/experiments/{experiment}/report", summary="One experiment's report")
async def experiment_report(
    experiment: str, session: SessionDep, principal: CurrentPrincipal, lang: Lang = "en"
) -> ExperimentReport:
    row = await experiments_service.get_readable_experiment(session, experiment, principal)
    return await service.experiment_report(session=session, experiment=row, language=lang)


@router.get("/reports/overview", summary="The programme overview (an owner: their experiments)")
async def overview(
    session: SessionDep, principal: CurrentPrincipal, lang: Lang = "en"
) -> ProgrammeOverview:
    return await service.programme_overview(session=session, principal=principal, language=lang)
