"""Experiments: create, change, list, look up by id or slug."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.models import Experiment
from feedback_api.domain.enums import TRANSITIONS, ExperimentStatus
from feedback_api.domain.errors import ConflictError, NotFoundError
from feedback_api.domain.principal import Principal
from feedback_api.domain.schemas import ExperimentCreate, ExperimentUpdate
from feedback_api.domain.slugs import is_valid_slug, slugify

MAX_ID = 2**31 - 1


def _visible(principal: Principal | None) -> ColumnElement[bool]:
    """SQL condition: which experiments this caller may see."""
    running = Experiment.status == ExperimentStatus.RUNNING.value
    if principal is None:
        return running
    if principal.is_staff:
        return true()
    return or_(running, Experiment.id.in_(principal.experiment_ids))


def parse_experiment_ref(ref: str | int) -> int | str | None:
    """An experiment reference as an id (int) or a slug (str); None when none can match."""
    text = str(ref).strip()
    # isascii: "²" and other Unicode digits pass isdigit() but int() refuses them.
    if text.isascii() and text.isdigit():
        number = int(text)
        # Larger ids cannot exist and would overflow PostgreSQL's integer column.
        return number if number <= MAX_ID else None
    slug = text.lower()
    # cannot exist; and PostgreSQL rejects some strings (NUL) outright
    return slug if is_valid_slug(slug) else None


async def find_experiment(session: AsyncSession, ref: str | int) -> Experiment | None:
    """By integer id or by slug."""
    parsed = parse_experiment_ref(ref)
    if isinstance(parsed, int):
        return await session.get(Experiment, parsed)
    if parsed is None:
        return None
    return await session.scalar(select(Experiment).where(Experiment.slug == parsed))


async def get_experiment(
    session: AsyncSession,
    ref: str | int,
    *,
    principal: Principal | None = None,
    anyone: bool = False,
) -> Experiment:
    """The experiment, or NotFoundError when it does not exist or the caller may not see it."""
    experiment = await find_experiment(session, ref)
    if experiment is None:
        raise NotFoundError(f"experiment {ref!s} not found")
    if not anyone and not _can_see(experiment, principal):
        raise NotFoundError(f"experiment {ref!s} not found")
    return experiment


def _can_see(experiment: Experiment, principal: Principal | None) -> bool:
    if experiment.status == ExperimentStatus.RUNNING.value:
        return True
    return principal is not None and principal.can_read(experiment.id)


async def list_experiments(
    session: AsyncSession,
    *,
    principal: Principal | None,
    status: ExperimentStatus | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[Sequence[Experiment], int]:
    condition = _visible(principal)
    query = select(Experiment).where(condition)
    if status is not None:
        query = query.where(Experiment.status == status.value)
    total = await session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = await session.scalars(query.order_by(Experiment.id).limit(limit).offset(offset))
    return rows.all(), total


async def _unique_slug(session: AsyncSession, base: str) -> str:
    taken = set(
        (
            await session.scalars(
                select(Experiment.slug).where(
                    or_(Experiment.slug == base, Experiment.slug.like(f"{base}-%"))
                )
            )
        ).all()
    )
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = base[: 60 - len(suffix)] + suffix
        if candidate not in taken:
            return candidate
        n += 1


async def create_experiment(*, session: AsyncSession, data: ExperimentCreate) -> Experiment:
    """Create an experiment in any status (admins record history); slug unique."""
    if data.slug:
        if await find_experiment(session, data.slug) is not None:
            raise ConflictError(f"slug {data.slug!r} is already taken")
        slug = data.slug
    else:
        slug = await _unique_slug(session, slugify(data.title))
    experiment = Experiment(
        slug=slug, partners=list(data.partners), **data.model_dump(exclude={"slug", "partners"})
    )
    experiment.status = data.status.value
    session.add(experiment)
    await session.flush()
    return experiment


def check_transition(current: str, new: ExperimentStatus) -> None:
    old = ExperimentStatus(current)
    if new is old:
        return
    if new not in TRANSITIONS[old]:
        allowed = ", ".join(sorted(s.value for s in TRANSITIONS[old])) or "none"
        raise ConflictError(
            f"cannot change status from {old.value} to {new.value} (allowed: {allowed})"
        )


async def update_experiment(
    *, session: AsyncSession, experiment: Experiment, data: ExperimentUpdate
) -> Experiment:
    changes = data.model_dump(exclude_unset=True)
    if "status" in changes and changes["status"] is not None:
        check_transition(experiment.status, data.status)  # type: ignore[arg-type]
        changes["status"] = data.status.value  # type: ignore[union-attr]
    for required in ("title", "status", "partners"):
        if required in changes and changes[required] is None:
            changes.pop(required)
    start = changes.get("start_date", experiment.start_date)
    end = changes.get("end_date", experiment.end_date)
    if start and end and end < start:
        raise ConflictError("end_date must not be before start_date")
    for name, value in changes.items():
        setattr(experiment, name, value)
    await session.flush()
    return experiment


async def change_status(
    *, session: AsyncSession, experiment: Experiment, status: ExperimentStatus
) -> Experiment:
    return await update_experiment(
        session=session, experiment=experiment, data=ExperimentUpdate(status=status)
    )


async def get_readable_experiment(
    session: AsyncSession, ref: str | int, principal: Principal
) -> Experiment:
    """For staff routes: staff read any experiment, an owner only theirs (others: 404)."""
    experiment = await get_experiment(session, ref, principal=principal)
    if not principal.can_read(experiment.id):
        raise NotFoundError(f"experiment {ref!s} not found")
    return experiment
