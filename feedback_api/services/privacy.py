"""Erasure on request and the retention rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.base import utcnow
from feedback_api.db.models import Feedback, Respondent
from feedback_api.domain.errors import InvalidInputError, NotFoundError


@dataclass(frozen=True)
class ErasureResult:
    respondents: int
    feedback: int


async def erase_respondent(*, session: AsyncSession, key: str) -> ErasureResult:
    """Delete the respondent and every feedback they gave (the /forget right)."""
    respondent = await session.scalar(select(Respondent).where(Respondent.key == key))
    if respondent is None:
        raise NotFoundError("respondent not found")
    # Explicit, not only ON DELETE CASCADE: erasure must not depend on a pragma being set.
    result = await session.execute(delete(Feedback).where(Feedback.respondent_id == respondent.id))
    await session.execute(delete(Respondent).where(Respondent.id == respondent.id))
    await session.flush()
    session.expunge(respondent)
    return ErasureResult(respondents=1, feedback=result.rowcount or 0)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class PurgeResult:
    feedback_anonymised: int
    respondents_deleted: int


async def purge_older_than(*, session: AsyncSession, days: int) -> PurgeResult:
    """Anonymise feedback older than `days`: text and respondent link go, aggregates stay."""
    if days < 1:
        raise InvalidInputError("--older-than must be at least 1 day")
    cutoff = utcnow() - timedelta(days=days)
    anonymised = await session.execute(
        update(Feedback)
        .where(Feedback.created_at < cutoff, Feedback.anonymised_at.is_(None))
        .values(
            text=None,
            respondent_id=None,
            idempotency_key=None,
            request_hash=None,
            anonymised_at=utcnow(),
        )
    )
    still_linked = select(func.count(Feedback.id)).where(Feedback.respondent_id == Respondent.id)
    deleted = await session.execute(
        delete(Respondent).where(
            Respondent.last_seen_at < cutoff, still_linked.scalar_subquery() == 0
        )
    )
    await session.flush()
    return PurgeResult(
        feedback_anonymised=anonymised.rowcount or 0,  # type: ignore[attr-defined]
        respondents_deleted=deleted.rowcount or 0,  # type: ignore[attr-defined]
    )
