"""Submitting feedback: the one use case behind the JSON API, the web form and the bot.

Three steps, the same for every channel:

1. `prepare` checks the submission against the policy (text length, the role's question),
   normalises and redacts the text and fingerprints the request;
2. `classify` detects the language and, with models, labels themes and sentiment (pure CPU,
   one call for many submissions);
3. `store` writes it in the caller's transaction: the experiment must be running, a retried
   Idempotency-Key answers with what it stored (a different body under it is a conflict),
   and only a new submission counts against the per-client and per-respondent limits, so a
   retry is never refused and a refused submission stores nothing.

`submit_feedback` runs the three for one submission (the bot, whose update is a transaction
of its own); `services.intake` runs them for the submissions that arrive together, in one
transaction.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from analysis.preprocess import detect_languages, normalize, redact_pii
from feedback_api.db.base import insert_ignoring_conflicts, utcnow
from feedback_api.db.models import Experiment, Feedback, FeedbackTheme, Theme
from feedback_api.domain.enums import Channel, ExperimentStatus, Role, ThemeSource
from feedback_api.domain.errors import (
    KEY_REUSED,
    ConflictError,
    InvalidInputError,
    KokeiluError,
    NotFoundError,
    TextTooLongError,
)
from feedback_api.domain.schemas import FeedbackCreate, FeedbackPublic, ThemeAssignment
from feedback_api.domain.time import local_date
from feedback_api.services.experiments import parse_experiment_ref
from feedback_api.services.feedback import public_feedback, to_public

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer
    from feedback_api.config import Settings
    from feedback_api.services.ratelimit import SubmissionLimiter

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Submission:
    """One feedback as a channel received it."""

    experiment: str | int  # an id or a slug
    data: FeedbackCreate
    channel: Channel
    idempotency_key: str | None = None
    client: str | None = None  # the sender's address: the per-client limit
    respondent_id: int | None = None  # the bot's pseudonymous respondent
    respondent_key: str | None = None  # ... and its key: the per-respondent limit
    respondent_language: str | None = None  # fallback when the text does not tell


@dataclass(frozen=True)
class Policy:
    """The rules a deployment sets for every channel alike."""

    max_text_length: int
    limiter: SubmissionLimiter | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> Policy:
        """KOKEILU_MAX_TEXT_LENGTH and the rate limits (counted in Redis when configured)."""
        from feedback_api.services.ratelimit import Limits, SubmissionLimiter

        limits = Limits(
            settings.rate_limit_per_client or None, settings.rate_limit_per_respondent or None
        )
        return cls(settings.max_text_length, SubmissionLimiter(limits, settings.redis_url))

    async def aclose(self) -> None:
        if self.limiter is not None:
            await self.limiter.aclose()


@dataclass
class Prepared:
    """A checked submission: the feedback row to store and, once classified, its themes."""

    submission: Submission
    values: dict[str, Any]
    themes: list[tuple[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Stored:
    """What a submission stored (or, for a retry, had stored) as its sender sees it."""

    feedback: FeedbackPublic
    created: bool  # False: a retry, answered with what its Idempotency-Key stored


def fingerprint(data: FeedbackCreate) -> str:
    """What a retry with the same Idempotency-Key must repeat: the validated body."""
    canonical = json.dumps(data.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def prepare(
    submission: Submission, *, policy: Policy, received_at: datetime | None = None
) -> Prepared:
    """The feedback row of a submission (InvalidInputError when it breaks a rule)."""
    data = submission.data
    if data.text is not None and len(data.text) > policy.max_text_length:
        raise TextTooLongError(limit=policy.max_text_length, length=len(data.text))
    if data.role is Role.EMPLOYEE and data.would_use is not None:
        raise InvalidInputError("would_use is asked from residents, customers and partners")
    if data.role is not Role.EMPLOYEE and data.fits_work is not None:
        raise InvalidInputError("fits_work is asked from city employees only")
    text, redactions = None, 0
    if data.text is not None:
        redaction = redact_pii(normalize(data.text))
        text, redactions = redaction.text or None, redaction.total
    moment = received_at or utcnow()
    language = data.language.value if data.language else submission.respondent_language
    return Prepared(
        submission,
        {
            "respondent_id": submission.respondent_id,
            "role": data.role.value,
            "channel": submission.channel.value,
            "language": language,
            "text": text,
            "rating": data.rating,
            "would_use": data.would_use.value if data.would_use else None,
            "fits_work": data.fits_work.value if data.fits_work else None,
            "created_at": moment,
            "created_date": local_date(moment),
            "idempotency_key": submission.idempotency_key,
            "request_hash": fingerprint(data),
            "redactions": redactions,
            "sentiment_label": None,
            "sentiment_score": None,
            "sentiment_model_version": None,
            "theme_model_version": None,
            "classified_at": None,
        },
    )


def classify(items: Sequence[Prepared], analyzer: Analyzer | None) -> None:
    """Language always; themes and sentiment with an analyzer. One call for all the texts.

    A failure of the models leaves the rows unclassified (`kokeilu classify` labels them
    later), never unstored.
    """
    with_text = [item for item in items if item.values["text"]]
    texts = [item.values["text"] for item in with_text]
    fallbacks = [item.values["language"] for item in with_text]
    if analyzer is None:
        for item, language in zip(with_text, detect_languages(texts, fallbacks), strict=True):
            item.values["language"] = language
        return
    try:
        results = analyzer.analyze(texts, fallback=fallbacks) if texts else []
    except Exception:
        logger.exception("classification failed; storing unclassified")
        for item, language in zip(with_text, detect_languages(texts, fallbacks), strict=True):
            item.values["language"] = language
        return
    now = utcnow()
    for item, result in zip(with_text, results, strict=True):
        item.values.update(
            language=result.language,
            sentiment_label=result.sentiment,
            sentiment_score=result.sentiment_score,
            sentiment_model_version=analyzer.sentiment_version,
            theme_model_version=analyzer.theme_version,
        )
        item.themes = [(key, round(float(score), 4)) for key, score in result.themes]
    for item in items:
        item.values["classified_at"] = now


async def store(
    session: AsyncSession, items: Sequence[Prepared], *, limiter: SubmissionLimiter | None
) -> list[Stored | KokeiluError]:
    """Writes the prepared submissions in the session's transaction; one outcome each.

    The caller commits. A submission that fails a rule (unknown or closed experiment, a
    reused key, a limit) gets its error and leaves nothing behind; the others are stored.
    """
    experiments = await _experiments(session, [item.submission.experiment for item in items])
    outcomes: list[Prepared | _Replay | KokeiluError] = []
    for item in items:
        ref = parse_experiment_ref(item.submission.experiment)
        experiment = experiments.get(ref) if ref is not None else None
        if experiment is None:
            outcomes.append(NotFoundError(f"experiment {item.submission.experiment} not found"))
            continue
        if experiment.status != ExperimentStatus.RUNNING.value:
            outcomes.append(
                ConflictError(
                    f"experiment {experiment.slug} is {experiment.status}: "
                    "feedback is accepted for running experiments only"
                )
            )
            continue
        item.values["experiment_id"] = experiment.id
        inserted = await _insert(session, item.values)
        if not isinstance(inserted, int):
            outcomes.append(inserted)
            continue
        try:
            await _count(limiter, item.submission)
        except KokeiluError as error:  # past a limit: nothing of it stays
            await session.execute(delete(Feedback).where(Feedback.id == inserted))
            outcomes.append(error)
            continue
        item.values["id"] = inserted
        outcomes.append(item)
    await _link_themes(session, [o for o in outcomes if isinstance(o, Prepared)])
    replayed = await _feedback(session, [o.feedback_id for o in outcomes if isinstance(o, _Replay)])
    result: list[Stored | KokeiluError] = []
    for outcome in outcomes:
        if isinstance(outcome, Prepared):
            result.append(Stored(_public(outcome), created=True))
        elif isinstance(outcome, _Replay):
            row = replayed.get(outcome.feedback_id)
            # None: erased between the insert and this read
            result.append(
                Stored(to_public(row), created=False)
                if row is not None
                else NotFoundError("feedback not found")
            )
        else:
            result.append(outcome)
    return result


async def submit_feedback(
    *,
    session: AsyncSession,
    submission: Submission,
    policy: Policy,
    analyzer: Analyzer | None,
) -> Stored:
    """Store one feedback in the caller's transaction (which the caller commits)."""
    item = prepare(submission, policy=policy)
    classify([item], analyzer)
    (outcome,) = await store(session, [item], limiter=policy.limiter)
    if isinstance(outcome, KokeiluError):
        raise outcome
    return outcome


async def _experiments(
    session: AsyncSession, refs: Sequence[str | int]
) -> dict[int | str, Experiment]:
    """The experiments these references name, by parsed reference (id or slug)."""
    parsed = {parse_experiment_ref(ref) for ref in refs} - {None}
    ids = {ref for ref in parsed if isinstance(ref, int)}
    slugs = {ref for ref in parsed if isinstance(ref, str)}
    found: dict[int | str, Experiment] = {}
    if ids:
        for row in await session.scalars(select(Experiment).where(Experiment.id.in_(ids))):
            found[row.id] = row
    if slugs:
        for row in await session.scalars(select(Experiment).where(Experiment.slug.in_(slugs))):
            found[row.slug] = row
    return found


@dataclass(frozen=True)
class _Replay:
    """A retry: its Idempotency-Key stored this feedback already."""

    feedback_id: int


async def _insert(session: AsyncSession, values: dict[str, Any]) -> int | _Replay | ConflictError:
    """The new row's id; for a key already stored, the replay or (another body) a conflict."""
    dialect = session.get_bind().dialect.name
    statement = (
        insert_ignoring_conflicts(Feedback, dialect, ["experiment_id", "idempotency_key"])
        .values(values)
        .returning(Feedback.id)
    )
    new_id = await session.scalar(statement)
    if new_id is not None:
        return int(new_id)
    stored = (
        await session.execute(
            select(Feedback.id, Feedback.request_hash).where(
                Feedback.experiment_id == values["experiment_id"],
                Feedback.idempotency_key == values["idempotency_key"],
            )
        )
    ).one()
    if stored.request_hash != values["request_hash"]:
        return ConflictError(KEY_REUSED)
    return _Replay(int(stored.id))


async def _count(limiter: SubmissionLimiter | None, submission: Submission) -> None:
    if limiter is None:
        return
    if submission.client:
        await limiter.check("client", submission.client)
    if submission.respondent_key:
        await limiter.check("respondent", submission.respondent_key)


async def _link_themes(session: AsyncSession, new: list[Prepared]) -> None:
    wanted = {key for item in new for key, _score in item.themes}
    if not wanted:
        return
    rows = await session.execute(select(Theme.key, Theme.id).where(Theme.key.in_(wanted)))
    theme_ids = {key: theme_id for key, theme_id in rows}
    links: list[dict[str, Any]] = []
    for item in new:
        item.themes = [(key, score) for key, score in item.themes if key in theme_ids]
        links.extend(
            {
                "feedback_id": item.values["id"],
                "theme_id": theme_ids[key],
                "score": score,
                "source": ThemeSource.MODEL.value,
            }
            for key, score in item.themes
        )
    if links:
        await session.execute(insert(FeedbackTheme), links)


async def _feedback(session: AsyncSession, ids: list[int]) -> dict[int, Feedback]:
    if not ids:
        return {}
    rows = await session.scalars(select(Feedback).where(Feedback.id.in_(ids)))
    return {row.id: row for row in rows}


def _public(item: Prepared) -> FeedbackPublic:
    best_first = sorted(item.themes, key=lambda theme: -theme[1])
    return public_feedback(
        item.values,
        [
            ThemeAssignment(key=key, score=score, source=ThemeSource.MODEL)
            for key, score in best_first
        ],
    )
