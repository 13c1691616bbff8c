"""Experiments: public list of running ones, staff views, admin changes."""

from __future__ import annotations

from fastapi import APIRouter, status

from feedback_api.domain.enums import ExperimentStatus
from feedback_api.domain.schemas import (
    ExperimentCreate,
    ExperimentPublic,
    ExperimentsPublic,
    ExperimentUpdate,
)
from feedback_api.services import experiments as service
from feedback_api.web.deps import AdminPrincipal, OptionalPrincipal, PageDep, SessionDep

router = APIRouter(prefix="/api/v1/experiments", tags=["experiments"])


@router.get("", summary="List experiments visible to the caller")
async def list_experiments(
    session: SessionDep,
    principal: OptionalPrincipal,
    page: PageDep,
    status: ExperimentStatus | None = None,
) -> ExperimentsPublic:
    rows, total = await service.list_experiments(
        session, principal=principal, status=status, limit=page.limit, offset=page.offset
    )
    return ExperimentsPublic(
        items=[ExperimentPublic.model_validate(row) for row in rows], total=total
    )


@router.get("/{experiment}", summary="One experiment, by id or slug")
async def get_experiment(
    experiment: str, session: SessionDep, principal: OptionalPrincipal
) -> ExperimentPublic:
    row = await service.get_experiment(session, experiment, principal=principal)
    return ExperimentPublic.model_validate(row)


@router.post("", status_code=status.HTTP_201_CREATED, summary="Create an experiment (admin)")
async def create_experiment(
    data: ExperimentCreate, session: SessionDep, _admin: AdminPrincipal
) -> ExperimentPublic:
    row = await service.create_experiment(session=session, data=data)
    return ExperimentPublic.model_validate(row)


@router.patch("/{experiment}", summary="Change fields or status (admin)")
async def update_experiment(
    experiment: str, data: ExperimentUpdate, session: SessionDep, admin: AdminPrincipal
) -> ExperimentPublic:
    row = await service.get_experiment(session, experiment, principal=admin)
    row = await service.update_experiment(session=session, experiment=row, data=data)
    return ExperimentPublic.model_validate(row)
