"""Group commit for feedback intake.

One writer task per process collects the submissions that arrive together, stores them in
one transaction on one connection and resolves each caller's future only after the COMMIT:
an acknowledgement still means "durably stored", but many submissions share one fsync.

Idempotency stays in the database (the unique (experiment_id, idempotency_key)): keys already
stored are replayed, repeats inside one batch are stored once, and keyed rows are inserted with
ON CONFLICT DO NOTHING so a race with another process becomes a replay, not a failure. When a
batch fails as a whole, each member is retried alone, so one bad member loses no other.

Classification runs in the writer on the whole batch (one `Analyzer.analyze` call) before the
COMMIT, so the 201 body carries themes and sentiment as before. With `classify=False` rows are
stored with `classified_at` NULL and `themes`/`sentiment` empty/null in the 201 body;
`kokeilu classify` labels them later.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

from analysis.preprocess import detect_language, detect_languages, normalize, redact_pii
from feedback_api.db.base import utcnow
from feedback_api.db.engine import create_sync_engine
from feedback_api.db.models import Experiment, Feedback, FeedbackTheme, Theme
from feedback_api.domain.enums import (
    Channel,
    ExperimentStatus,
    FitsWork,
    Role,
    Sentiment,
    ThemeSource,
    WouldUse,
)
from feedback_api.domain.errors import ConflictError, KokeiluError, NotFoundError
from feedback_api.domain.schemas import (
    FeedbackCreate,
    FeedbackPublic,
    SentimentPublic,
    ThemeAssignment,
)
from feedback_api.domain.slugs import is_valid_slug
from feedback_api.services.experiments import MAX_ID, find_experiment

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer

logger = logging.getLogger(__name__)

MAX_BATCH = 256
_STOP = object()


class IntakeClosedError(KokeiluError):
    """The writer is shutting down and takes no new submissions."""


@dataclass
class _Item:
    experiment_ref: str
    row: dict[str, Any]
    future: asyncio.Future[tuple[FeedbackPublic, bool]]
    outcome: tuple[FeedbackPublic, bool] | BaseException | None = None
    themes: list[tuple[str, float]] = field(default_factory=list)
    fallback_language: str | None = None


def prepare_row(
    data: FeedbackCreate,
    *,
    channel: Channel,
    idempotency_key: str | None,
    now: datetime | None = None,
    detect: bool = True,
) -> dict[str, Any]:
    """The feedback row as stored: redacted text, detected language, fingerprint, dates.

    `detect=False` leaves a text's language to the writer, which detects a batch at once.
    """
    from feedback_api.services.feedback import (
        _check_role_questions,
        local_date,
        request_fingerprint,
    )

    _check_role_questions(data)
    text, redactions = None, 0
    if data.text is not None:
        redaction = redact_pii(normalize(data.text))
        text, redactions = redaction.text or None, redaction.total
    fallback = data.language.value if data.language else None
    language = detect_language(text, fallback=fallback) if text and detect else fallback
    now = now or utcnow()
    return {
        "respondent_id": None,
        "role": data.role.value,
        "channel": channel.value,
        "language": language,
        "text": text,
        "rating": data.rating,
        "would_use": data.would_use.value if data.would_use else None,
        "fits_work": data.fits_work.value if data.fits_work else None,
        "created_at": now,
        "created_date": local_date(now),
        "idempotency_key": idempotency_key,
        "request_hash": request_fingerprint(data),
        "redactions": redactions,
        "sentiment_label": None,
        "sentiment_score": None,
        "sentiment_model_version": None,
        "theme_model_version": None,
        "classified_at": None,
    }


def _public(row: dict[str, Any], themes: Sequence[tuple[str, float]]) -> FeedbackPublic:
    sentiment = None
    if row["sentiment_label"] is not None:
        sentiment = SentimentPublic(
            label=Sentiment(row["sentiment_label"]),
            score=row["sentiment_score"],
            model_version=row["sentiment_model_version"],
        )
    return FeedbackPublic(
        id=row["id"],
        experiment_id=row["experiment_id"],
        text=row["text"],
        rating=row["rating"],
        role=Role(row["role"]),
        channel=Channel(row["channel"]),
        language=row["language"],
        would_use=WouldUse(row["would_use"]) if row["would_use"] else None,
        fits_work=FitsWork(row["fits_work"]) if row["fits_work"] else None,
        redactions=row["redactions"],
        created_at=row["created_at"],
        themes=[
            ThemeAssignment(key=key, score=score, source=ThemeSource.MODEL)
            for key, score in sorted(themes, key=lambda t: -t[1])
        ],
        sentiment=sentiment,
    )


class IntakeWriter:
    """The single writer of submitted feedback (see the module docstring)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        analyzer: Analyzer | None = None,
        max_batch: int = MAX_BATCH,
    ) -> None:
        self._sessions = sessions
        self._analyzer = analyzer
        self._max_batch = max_batch
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.batches = 0
        self.stored = 0
        # SQLite: one sync connection on one thread does the whole transaction in one hop
        # (aiosqlite hops threads per statement); PostgreSQL: the async session.
        self._sync_sessions: sessionmaker[Session] | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._sync_engine: Engine | None = None
        bind = sessions.kw.get("bind")
        if bind is not None and bind.dialect.name == "sqlite":
            database = bind.url.database
            if database and database != ":memory:":
                self._sync_engine = create_sync_engine(bind.url)
                self._sync_sessions = sessionmaker(
                    self._sync_engine, expire_on_commit=False, autoflush=False
                )
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="intake-writer")

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="intake")

    async def submit(
        self,
        *,
        experiment: str | int,
        data: FeedbackCreate,
        channel: Channel = Channel.API,
        idempotency_key: str | None = None,
    ) -> tuple[FeedbackPublic, bool]:
        """Store one feedback; returns its public form and whether it is new (False: replay).

        Returns only after the transaction holding it has committed.
        """
        if self._closing:
            raise IntakeClosedError("the service is shutting down; please try again")
        self.start()
        row = prepare_row(data, channel=channel, idempotency_key=idempotency_key, detect=False)
        future: asyncio.Future[tuple[FeedbackPublic, bool]] = (
            asyncio.get_running_loop().create_future()
        )
        fallback = data.language.value if data.language else None
        self._queue.put_nowait(_Item(str(experiment), row, future, fallback_language=fallback))
        # shield: a client that goes away must not cancel the others' batch
        return await asyncio.shield(future)

    async def aclose(self) -> None:
        """Take no more submissions; store every queued one, then stop."""
        self._closing = True
        if self._task is None:
            if self._sync_engine is not None:
                self._sync_engine.dispose()
            return
        self._queue.put_nowait(_STOP)
        await self._task
        self._task = None
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        if self._sync_engine is not None:
            self._sync_engine.dispose()

    async def _run(self) -> None:
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is _STOP:
                break
            batch: list[_Item] = [first]
            while len(batch) < self._max_batch:
                try:
                    item = self._queue.get_nowait()
                except asyncio.QueueEmpty:
                    break
                if item is _STOP:
                    stopping = True
                    break
                batch.append(item)
            try:
                await self._write(batch)
            except BaseException as error:  # never leave a caller waiting forever
                for item in batch:
                    if not item.future.done():
                        item.future.set_exception(error)
                if not isinstance(error, Exception):
                    raise

    async def _write(self, batch: list[_Item]) -> None:
        # Before the transaction: the write lock is not held while the models run.
        try:
            await self._classify(batch)
        except Exception:  # stored unclassified; `kokeilu classify` picks them up
            logger.exception("intake classification failed; storing unclassified")
        await self._write_rows(batch)

    async def _write_rows(self, batch: list[_Item]) -> None:
        try:
            if self._sync_sessions is not None:
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(self._executor, self._write_sync, batch)
            else:
                async with self._sessions() as session:
                    await session.run_sync(self._store, batch)
                    await session.commit()
        except Exception as error:
            if len(batch) == 1:
                batch[0].outcome = error
            else:
                logger.warning("intake batch of %d failed; storing one by one", len(batch))
                for item in batch:
                    item.outcome = None
                    item.row.pop("id", None)  # from the rolled-back attempt
                    await self._write_rows([item])
                return
        self.batches += 1
        for item in batch:
            if item.future.done():
                continue
            if isinstance(item.outcome, BaseException):
                item.future.set_exception(item.outcome)
            elif item.outcome is not None:
                item.future.set_result(item.outcome)
            else:
                item.future.set_exception(RuntimeError("submission was not processed"))

    def _write_sync(self, batch: list[_Item]) -> None:
        """SQLite: the whole transaction in one hop to the writer thread (one connection)."""
        assert self._sync_sessions is not None
        with self._sync_sessions() as session:
            self._store(session, batch)
            session.commit()

    def _store(self, session: Session, batch: list[_Item]) -> None:
        experiments: dict[str, Experiment | None] = {}
        for ref in {item.experiment_ref for item in batch}:
            experiments[ref] = _find_experiment(session, ref)
        new: list[_Item] = []
        first_by_key: dict[tuple[int, str], _Item] = {}
        repeats: list[tuple[_Item, _Item]] = []
        for item in batch:
            experiment = experiments[item.experiment_ref]
            if experiment is None:
                item.outcome = NotFoundError(f"experiment {item.experiment_ref} not found")
                continue
            if experiment.status != ExperimentStatus.RUNNING.value:
                item.outcome = ConflictError(
                    f"experiment {experiment.slug} is {experiment.status}: "
                    "feedback is accepted for running experiments only"
                )
                continue
            item.row["experiment_id"] = experiment.id
            key = item.row["idempotency_key"]
            if key is not None:
                if (experiment.id, key) in first_by_key:
                    repeats.append((item, first_by_key[(experiment.id, key)]))
                    continue
                first_by_key[(experiment.id, key)] = item
            new.append(item)
        if first_by_key:
            self._replay_stored(session, first_by_key, new)
            new = [item for item in new if item.outcome is None]
        if new:
            self._insert(session, new)
        for item, first in repeats:
            item.outcome = _replayed(first.outcome, item.row["request_hash"], first)
        self.stored += sum(1 for item in new if isinstance(item.outcome, tuple) and item.outcome[1])

    def _replay_stored(
        self,
        session: Session,
        by_key: dict[tuple[int, str], _Item],
        new: list[_Item],
        keys: set[tuple[int, str]] | None = None,
    ) -> None:
        wanted = keys or set(by_key)
        experiment_ids = {exp for exp, _ in wanted}
        names = {key for _, key in wanted}
        rows = session.scalars(
            select(Feedback).where(
                Feedback.experiment_id.in_(experiment_ids), Feedback.idempotency_key.in_(names)
            )
        )
        from feedback_api.services.feedback import to_public

        for existing in rows:
            item = by_key.get((existing.experiment_id, existing.idempotency_key or ""))
            if item is None or (existing.experiment_id, existing.idempotency_key) not in wanted:
                continue
            if existing.request_hash != item.row["request_hash"]:
                item.outcome = ConflictError(
                    "this Idempotency-Key was already used with a different request"
                )
            else:
                item.outcome = (to_public(existing), False)

    async def _classify(self, items: list[_Item]) -> None:
        """Language (always), themes and sentiment (with an analyzer) of the batch's texts.

        One call for the batch, in a thread: per call the models cost ~15 ms, per text ~0.2 ms,
        and the event loop keeps parsing requests meanwhile.
        """
        analyzer = self._analyzer
        with_text = [item for item in items if item.row["text"]]
        texts = [item.row["text"] for item in with_text]
        fallbacks = [item.fallback_language for item in with_text]
        if analyzer is None:
            if with_text:
                languages = await asyncio.to_thread(detect_languages, texts, fallbacks)
                for item, language in zip(with_text, languages, strict=True):
                    item.row["language"] = language
            return
        now = utcnow()
        if with_text:
            results = await asyncio.to_thread(analyzer.analyze, texts, fallback=fallbacks)
            for item, result in zip(with_text, results, strict=True):
                item.row.update(
                    language=result.language,
                    sentiment_label=result.sentiment,
                    sentiment_score=result.sentiment_score,
                    sentiment_model_version=analyzer.sentiment_version,
                    theme_model_version=analyzer.theme_version,
                )
                item.themes = [(key, round(float(score), 4)) for key, score in result.themes]
        for item in items:
            item.row["classified_at"] = now

    def _insert(self, session: Session, items: list[_Item]) -> None:
        keyed = [item for item in items if item.row["idempotency_key"] is not None]
        plain = [item for item in items if item.row["idempotency_key"] is None]
        if plain:
            ids = (
                session.scalars(
                    insert(Feedback).returning(Feedback.id, sort_by_parameter_order=True),
                    [item.row for item in plain],
                )
            ).all()
            for item, new_id in zip(plain, ids, strict=True):
                item.row["id"] = new_id
        if keyed:
            statement = _insert_ignoring_conflicts(session).returning(
                Feedback.id, Feedback.experiment_id, Feedback.idempotency_key
            )
            by_key = {(i.row["experiment_id"], i.row["idempotency_key"]): i for i in keyed}
            result = session.execute(statement, [item.row for item in keyed])
            for new_id, exp_id, key in result:
                by_key[(exp_id, key)].row["id"] = new_id
            lost_race = {k for k, item in by_key.items() if "id" not in item.row}
            if lost_race:  # another process stored these keys first: replay theirs
                self._replay_stored(session, by_key, keyed, lost_race)
        stored = [item for item in items if "id" in item.row and item.outcome is None]
        wanted = {key for item in stored for key, _ in item.themes}
        theme_ids: dict[str, int] = {}
        if wanted:
            theme_ids = {
                key: theme_id
                for theme_id, key in session.execute(
                    select(Theme.id, Theme.key).where(Theme.key.in_(wanted))
                )
            }
        links: list[dict[str, object]] = []
        for item in stored:
            item.themes = [(key, score) for key, score in item.themes if key in theme_ids]
            links.extend(
                {
                    "feedback_id": item.row["id"],
                    "theme_id": theme_ids[key],
                    "score": score,
                    "source": ThemeSource.MODEL.value,
                }
                for key, score in item.themes
            )
            item.outcome = (_public(item.row, item.themes), True)
        if links:
            session.execute(insert(FeedbackTheme), links)


def _find_experiment(session: Session, ref: str) -> Experiment | None:
    """services.experiments.find_experiment, on a sync session."""
    text = ref.strip()
    if text.isdigit():
        number = int(text)
        return session.get(Experiment, number) if number <= MAX_ID else None
    slug = text.lower()
    if not is_valid_slug(slug):
        return None
    return session.scalar(select(Experiment).where(Experiment.slug == slug))


def _insert_ignoring_conflicts(session: Session) -> Any:
    index = ["experiment_id", "idempotency_key"]
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(Feedback).on_conflict_do_nothing(index_elements=index)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(Feedback).on_conflict_do_nothing(index_elements=index)


def _replayed(
    outcome: tuple[FeedbackPublic, bool] | BaseException | None, fingerprint: str, first: _Item
) -> tuple[FeedbackPublic, bool] | BaseException:
    """The outcome of a repeat of `first` (same experiment and key) within one batch."""
    if outcome is None:
        return RuntimeError("submission was not processed")
    if isinstance(outcome, BaseException):
        return outcome
    if first.row["request_hash"] != fingerprint:
        return ConflictError("this Idempotency-Key was already used with a different request")
    return outcome[0], False


async def is_stored(
    sessions: async_sessionmaker[AsyncSession], experiment: str | int, idempotency_key: str
) -> bool:
    """Whether a feedback with this key is stored for the experiment (a read, no write lock)."""
    async with sessions() as session:
        found = await find_experiment(session, experiment)
        if found is None:
            return False
        return (
            await session.scalar(
                select(Feedback.id).where(
                    Feedback.experiment_id == found.id,
                    Feedback.idempotency_key == idempotency_key,
                )
            )
        ) is not None
