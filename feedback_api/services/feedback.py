"""Feedback intake and reading: validation, redaction, idempotency, classification."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from analysis.preprocess import detect_language, normalize, redact_pii
from feedback_api.db.base import utcnow
from feedback_api.db.models import Experiment, Feedback, FeedbackTheme, Respondent, Theme
from feedback_api.domain.enums import (
    Channel,
    ExperimentStatus,
    FitsWork,
    Role,
    Sentiment,
    ThemeSource,
    WouldUse,
)
from feedback_api.domain.errors import KEY_REUSED, ConflictError, InvalidInputError, NotFoundError
from feedback_api.domain.schemas import (
    FeedbackCreate,
    FeedbackPublic,
    FeedbackStaffPublic,
    SentimentPublic,
    ThemeAssignment,
)
from feedback_api.services.classification import classify_feedback
from feedback_api.services.themes import require_themes, set_feedback_themes

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer
    from feedback_api.services.ratelimit import SubmissionLimiter

HELSINKI = ZoneInfo("Europe/Helsinki")
UNCLEAR = "unclear"


def local_date(moment: datetime) -> date:
    """The Europe/Helsinki calendar date of a moment (weekly figures use it)."""
    return moment.astimezone(HELSINKI).date()


def request_fingerprint(body: dict[str, Any]) -> str:
    """What a retry with the same Idempotency-Key must repeat: the validated body
    (`FeedbackCreate.model_dump(mode="json")`), canonically."""
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def feedback_row(
    body: dict[str, Any],
    *,
    channel: str,
    idempotency_key: str | None,
    received_at: datetime,
    fallback_language: str | None = None,
) -> dict[str, Any]:
    """The feedback table's values for a validated body (`FeedbackCreate.model_dump(mode="json")`).

    The text normalized and its personal data redacted; `language` is the body's own, else
    `fallback_language` (detecting it from the text is left to the caller); not classified.
    """
    text, redactions = None, 0
    if body["text"] is not None:
        redaction = redact_pii(normalize(body["text"]))
        text, redactions = redaction.text or None, redaction.total
    return {
        "respondent_id": None,
        "role": body["role"],
        "channel": channel,
        "language": body["language"] or fallback_language,
        "text": text,
        "rating": body["rating"],
        "would_use": body["would_use"],
        "fits_work": body["fits_work"],
        "created_at": received_at,
        "created_date": local_date(received_at),
        "idempotency_key": idempotency_key,
        "request_hash": request_fingerprint(body),
        "redactions": redactions,
        "sentiment_label": None,
        "sentiment_score": None,
        "sentiment_model_version": None,
        "theme_model_version": None,
        "classified_at": None,
    }


def _check_role_questions(data: FeedbackCreate) -> None:
    if data.role is Role.EMPLOYEE and data.would_use is not None:
        raise InvalidInputError("would_use is asked from residents, customers and partners")
    if data.role is not Role.EMPLOYEE and data.fits_work is not None:
        raise InvalidInputError("fits_work is asked from city employees only")


async def _find_by_key(session: AsyncSession, experiment_id: int, key: str) -> Feedback | None:
    return await session.scalar(
        select(Feedback).where(
            Feedback.experiment_id == experiment_id, Feedback.idempotency_key == key
        )
    )


def _replay(existing: Feedback, fingerprint: str) -> tuple[Feedback, bool]:
    if existing.request_hash != fingerprint:
        raise ConflictError(KEY_REUSED)
    return existing, False


async def submit_feedback(
    *,
    session: AsyncSession,
    experiment: Experiment,
    data: FeedbackCreate,
    channel: Channel,
    respondent: Respondent | None = None,
    idempotency_key: str | None = None,
    analyzer: Analyzer | None = None,
    limiter: SubmissionLimiter | None = None,
    client: str | None = None,
) -> tuple[Feedback, bool]:
    """Store one feedback; returns it and whether it is new (False: an idempotent replay).

    `limiter` counts the submission against the client address and the respondent
    (RateLimitedError past a limit). The idempotency key is unique per experiment in the
    database itself, so concurrent
    retries on different workers store one row: the loser of the race gets the winner's row.
    """
    if experiment.status != ExperimentStatus.RUNNING.value:
        raise ConflictError(
            f"experiment {experiment.slug} is {experiment.status}: "
            "feedback is accepted for running experiments only"
        )
    _check_role_questions(data)
    row = feedback_row(
        data.model_dump(mode="json"),
        channel=channel.value,
        idempotency_key=idempotency_key,
        received_at=utcnow(),
        fallback_language=respondent.language if respondent else None,
    )
    if row["text"]:
        row["language"] = detect_language(row["text"], fallback=row["language"])
    row["respondent_id"] = respondent.id if respondent else None
    feedback = Feedback(experiment_id=experiment.id, themes=[], **row)
    if analyzer is not None:
        # Before the INSERT, so the row is written once with its labels (not INSERT + UPDATE).
        await classify_feedback(session=session, rows=[feedback], analyzer=analyzer)
    try:
        async with session.begin_nested():
            session.add(feedback)
            await session.flush()
            # Only a new submission is counted, so a retry of an acknowledged one is never
            # refused; past a limit the savepoint takes the row back.
            if limiter is not None:
                if client:
                    await limiter.check("client", client)
                if respondent is not None:
                    await limiter.check("respondent", respondent.key)
    except IntegrityError:
        # The idempotency key is taken: a retry, answered with the stored feedback (no
        # SELECT before the INSERT: a first submission is by far the common case).
        if idempotency_key is None:
            raise
        existing = await _find_by_key(session, experiment.id, idempotency_key)
        if existing is None:
            raise
        return _replay(existing, row["request_hash"])
    return feedback, True


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
    return FeedbackStaffPublic(**dict(to_public(feedback)), respondent=key)


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
