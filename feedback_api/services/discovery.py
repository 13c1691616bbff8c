"""Theme discovery: candidate themes from feedback that fits no theme well."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.base import utcnow
from feedback_api.db.models import Experiment, Feedback, FeedbackTheme, Theme, ThemeCandidate
from feedback_api.domain.enums import ThemeOrigin, ThemeSource
from feedback_api.domain.errors import ConflictError, NotFoundError
from feedback_api.services.themes import set_feedback_themes

# A model theme scored below this "fits no theme well".
WEAK_FIT = 0.5
MAX_TEXTS = 5000
MIN_TEXTS = 10
_WORD = re.compile(r"[^\W\d_]{3,}")


async def poorly_fitting_feedback(
    *, session: AsyncSession, experiment: Experiment | None = None
) -> list[tuple[int, str]]:
    """(id, text) of classified feedback with no theme, or only weak model themes."""
    best = (
        select(func.max(func.coalesce(FeedbackTheme.score, 1.0)))
        .where(FeedbackTheme.feedback_id == Feedback.id)
        .scalar_subquery()
    )
    query = select(Feedback.id, Feedback.text).where(
        Feedback.text.is_not(None),
        Feedback.classified_at.is_not(None),
        Feedback.themes_reviewed_at.is_(None),
        func.coalesce(best, 0.0) < WEAK_FIT,
    )
    if experiment is not None:
        query = query.where(Feedback.experiment_id == experiment.id)
    rows = await session.execute(query.order_by(Feedback.id.desc()).limit(MAX_TEXTS))
    return [(fid, text) for fid, text in rows if text]


async def discover_candidates(
    *, session: AsyncSession, experiment: Experiment | None = None, n_candidates: int = 5
) -> list[ThemeCandidate]:
    """Propose new candidates (replacing earlier undecided ones for the same scope)."""
    from analysis.discovery import discover_themes

    rows = await poorly_fitting_feedback(session=session, experiment=experiment)
    known = set((await session.scalars(select(Theme.key))).all())
    # Words naming an existing theme or the experiment itself make no new theme.
    exclude = {part for key in known for part in key.split("_")}
    if experiment is not None:
        for lang in ("fi", "sv", "en"):
            title = experiment.localized_title(lang)
            exclude |= {word.lower() for word in _WORD.findall(title)}
    found = (
        await asyncio.to_thread(
            discover_themes,
            [text for _, text in rows],
            n_candidates=n_candidates,
            exclude_terms=sorted(exclude),
        )
        if len(rows) >= MIN_TEXTS
        else []
    )
    scope = (
        ThemeCandidate.experiment_id == experiment.id
        if experiment is not None
        else ThemeCandidate.experiment_id.is_(None)
    )
    await session.execute(delete(ThemeCandidate).where(scope, ThemeCandidate.status == "proposed"))
    candidates = [
        ThemeCandidate(
            experiment_id=experiment.id if experiment is not None else None,
            key_suggestion=candidate.key_suggestion[:60],
            top_terms=list(candidate.top_terms),
            example_feedback_ids=[rows[i][0] for i in candidate.example_indices],
            size=candidate.size,
            status="proposed",
        )
        for candidate in found
        if candidate.key_suggestion not in known
    ]
    session.add_all(candidates)
    await session.flush()
    return candidates


async def list_candidates(
    *, session: AsyncSession, experiment: Experiment | None = None, status: str | None = "proposed"
) -> Sequence[ThemeCandidate]:
    query = select(ThemeCandidate).order_by(ThemeCandidate.size.desc(), ThemeCandidate.id)
    if experiment is not None:
        query = query.where(ThemeCandidate.experiment_id == experiment.id)
    if status:
        query = query.where(ThemeCandidate.status == status)
    return (await session.scalars(query)).all()


async def _undecided(session: AsyncSession, candidate_id: int) -> ThemeCandidate:
    candidate = await session.get(ThemeCandidate, candidate_id)
    if candidate is None:
        raise NotFoundError(f"candidate theme {candidate_id} not found")
    if candidate.status != "proposed":
        raise ConflictError(f"candidate theme {candidate_id} was already {candidate.status}")
    return candidate


async def example_texts(
    *, session: AsyncSession, candidate: ThemeCandidate
) -> list[tuple[int, str]]:
    rows = await session.execute(
        select(Feedback.id, Feedback.text).where(Feedback.id.in_(candidate.example_feedback_ids))
    )
    return [(fid, text) for fid, text in rows if text]


async def accept_candidate(
    *,
    session: AsyncSession,
    candidate_id: int,
    key: str | None = None,
    name_fi: str | None = None,
    name_sv: str | None = None,
    name_en: str | None = None,
    description: str | None = None,
) -> Theme:
    """Make the candidate a theme; its example comments become the theme's first examples."""
    candidate = await _undecided(session, candidate_id)
    key = key or candidate.key_suggestion
    if await session.scalar(select(Theme.id).where(Theme.key == key)) is not None:
        raise ConflictError(f"a theme with key {key!r} exists already")
    default_name = ", ".join(candidate.top_terms[:3])
    theme = Theme(
        key=key,
        name_fi=name_fi or default_name,
        name_sv=name_sv or default_name,
        name_en=name_en or default_name,
        description=description or f"Discovered from feedback: {', '.join(candidate.top_terms)}",
        origin=ThemeOrigin.DISCOVERED.value,
    )
    session.add(theme)
    await session.flush()
    examples = (
        await session.scalars(
            select(Feedback).where(Feedback.id.in_(candidate.example_feedback_ids))
        )
    ).all()
    now = utcnow()
    for feedback in examples:
        # They fitted no theme well (that is how discovery found them): this is their theme.
        set_feedback_themes(feedback, [(theme, None, ThemeSource.STAFF.value)])
        feedback.themes_reviewed_at = now
    candidate.status = "accepted"
    candidate.theme_id = theme.id
    candidate.decided_at = now
    await session.flush()
    return theme


async def dismiss_candidate(*, session: AsyncSession, candidate_id: int) -> ThemeCandidate:
    candidate = await _undecided(session, candidate_id)
    candidate.status = "dismissed"
    candidate.decided_at = utcnow()
    await session.flush()
    return candidate
