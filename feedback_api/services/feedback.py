"""Reading stored feedback: its public form, the staff list with filters, theme corrections.

Submitting is `services.submission`."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.base import utcnow
from feedback_api.db.models import Experiment, Feedback, FeedbackTheme, Theme
from feedback_api.domain.enums import Channel, FitsWork, Role, Sentiment, ThemeSource, WouldUse
from feedback_api.domain.errors import NotFoundError
from feedback_api.domain.schemas import (
    FeedbackPublic,
    FeedbackStaffPublic,
    SentimentPublic,
    ThemeAssignment,
)
from feedback_api.services.themes import require_themes, set_feedback_themes

UNCLEAR = "unclear"


def to_public(feedback: Feedback) -> FeedbackPublic:
    themes = sorted(feedback.themes, key=lambda t: -(t.score if t.score is not None else 2.0))
    return public_feedback(
        {name: getattr(feedback, name) for name in _PUBLIC_COLUMNS},
        [
            ThemeAssignment(key=t.theme.key, score=t.score, source=ThemeSource(t.source))
            for t in themes
        ],
    )


_PUBLIC_COLUMNS = (
    "id",
    "experiment_id",
    "text",
    "rating",
    "role",
    "channel",
    "language",
    "would_use",
    "fits_work",
    "redactions",
    "created_at",
    "sentiment_label",
    "sentiment_score",
    "sentiment_model_version",
)


def public_feedback(values: Mapping[str, Any], themes: list[ThemeAssignment]) -> FeedbackPublic:
    """A stored feedback as its submitter sees it, from its column values (a row of the
    feedback table, as the ORM or the intake writer holds it) and its themes."""
    sentiment = None
    if values["sentiment_label"] is not None:
        sentiment = SentimentPublic(
            label=Sentiment(values["sentiment_label"]),
            score=values["sentiment_score"],
            model_version=values["sentiment_model_version"],
        )
    return FeedbackPublic(
        id=values["id"],
        experiment_id=values["experiment_id"],
        text=values["text"],
        rating=values["rating"],
        role=Role(values["role"]),
        channel=Channel(values["channel"]),
        language=values["language"],
        would_use=WouldUse(values["would_use"]) if values["would_use"] else None,
        fits_work=FitsWork(values["fits_work"]) if values["fits_work"] else None,
        redactions=values["redactions"],
        created_at=values["created_at"],
        themes=themes,
        sentiment=sentiment,
    )


def to_staff_public(feedback: Feedback) -> FeedbackStaffPublic:
    key = feedback.respondent.key if feedback.respondent is not None else None
    return FeedbackStaffPublic(
        **dict(to_public(feedback)),
        respondent=key,
        reviewed=feedback.themes_reviewed_at is not None,
    )


async def iter_feedback(
    *, session: AsyncSession, experiment_id: int, batch: int = 1000
) -> AsyncIterator[FeedbackStaffPublic]:
    """All of an experiment's feedback in id order, a batch at a time (bounded memory)."""
    last_id = 0
    while True:
        rows = (
            await session.scalars(
                select(Feedback)
                .where(Feedback.experiment_id == experiment_id, Feedback.id > last_id)
                .order_by(Feedback.id)
                .limit(batch)
            )
        ).all()
        if not rows:
            return
        for row in rows:
            yield to_staff_public(row)
        last_id = rows[-1].id
        session.expunge_all()


@dataclass(frozen=True)
class FeedbackFilter:
    theme: str | None = None
    sentiment: str | None = None
    role: str | None = None
    language: str | None = None
    since: date | None = None
    until: date | None = None


def filter_conditions(experiment_id: int, filters: FeedbackFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [Feedback.experiment_id == experiment_id]
    if filters.sentiment:
        conditions.append(Feedback.sentiment_label == filters.sentiment)
    if filters.role:
        conditions.append(Feedback.role == filters.role)
    if filters.language:
        conditions.append(Feedback.language == filters.language)
    if filters.since:
        conditions.append(Feedback.created_date >= filters.since)
    if filters.until:
        conditions.append(Feedback.created_date <= filters.until)
    if filters.theme == UNCLEAR:
        conditions.append(Feedback.text.is_not(None))
        conditions.append(~exists().where(FeedbackTheme.feedback_id == Feedback.id))
    elif filters.theme:
        conditions.append(
            exists().where(
                and_(
                    FeedbackTheme.feedback_id == Feedback.id,
                    FeedbackTheme.theme_id == Theme.id,
                    Theme.key == filters.theme,
                )
            )
        )
    return conditions


async def list_feedback(
    *,
    session: AsyncSession,
    experiment: Experiment,
    filters: FeedbackFilter,
    limit: int = 50,
    offset: int = 0,
) -> tuple[Sequence[Feedback], int]:
    conditions = filter_conditions(experiment.id, filters)
    total = await session.scalar(select(func.count(Feedback.id)).where(*conditions)) or 0
    rows = await session.scalars(
        select(Feedback)
        .where(*conditions)
        .order_by(Feedback.created_at.desc(), Feedback.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return rows.unique().all(), total


async def get_feedback(*, session: AsyncSession, feedback_id: int) -> Feedback:
    feedback = await session.get(Feedback, feedback_id)
    if feedback is None:
        raise NotFoundError(f"feedback {feedback_id} not found")
    return feedback


async def correct_themes(
    *, session: AsyncSession, feedback: Feedback, keys: Sequence[str]
) -> Feedback:
    """Staff's correction: replaces the themes; becomes training data for the next model."""
    themes = await require_themes(session=session, keys=keys)
    set_feedback_themes(feedback, [(theme, None, ThemeSource.STAFF.value) for theme in themes])
    feedback.themes_reviewed_at = utcnow()
    await session.flush()
    return feedback
