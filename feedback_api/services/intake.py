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
import sqlite3
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import Engine, Table, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session
from sqlalchemy.pool import PoolProxiedConnection

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
from feedback_api.domain.errors import KEY_REUSED, ConflictError, KokeiluError, NotFoundError
from feedback_api.domain.schemas import (
    FeedbackCreate,
    FeedbackPublic,
    SentimentPublic,
    ThemeAssignment,
)
from feedback_api.services.experiments import find_experiment, parse_experiment_ref

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
    replay_of: int | None = None  # the id of the stored feedback this retry answers with


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
        self.analyzer = analyzer  # replaceable: the next batch uses the new one
        self._max_batch = max_batch
        self._queue: asyncio.Queue[Any] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.batches = 0
        self.stored = 0
        # SQLite with a file: the whole transaction in one hop to one thread, in plain SQL on
        # its own connection (aiosqlite hops threads per statement). Otherwise the session.
        self._executor: ThreadPoolExecutor | None = None
        self._sync_engine: Engine | None = None
        self._raw: PoolProxiedConnection | None = None
        self._sqlite_store: _SqliteStore | None = None
        bind = sessions.kw.get("bind")
        if bind is not None and bind.dialect.name == "sqlite":
            database = bind.url.database
            if database and database != ":memory:":
                self._sync_engine = create_sync_engine(bind.url)
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
        if self._task is not None:
            self._queue.put_nowait(_STOP)
            await self._task
            self._task = None
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        if self._raw is not None:
            self._raw.close()
            self._raw = None
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
            if self._executor is not None:
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(self._executor, self._write_sqlite, batch)
            else:
                async with self._sessions() as session:
                    await session.run_sync(lambda sync: self._store(_SessionStore(sync), batch))
                    await session.commit()
        except Exception as error:
            if len(batch) == 1:
                batch[0].outcome = error
            else:
                logger.warning("intake batch of %d failed; storing one by one", len(batch))
                for item in batch:
                    item.outcome = item.replay_of = None
                    item.row.pop("id", None)  # from the rolled-back attempt
                    await self._write_rows([item])
                return
        self.batches += 1
        self.stored += sum(1 for item in batch if "id" in item.row)
        try:
            await self._load_replays(batch)
        except Exception as error:  # committed, but the stored copy could not be read
            for item in batch:
                if item.replay_of is not None and item.outcome is None:
                    item.outcome = error
        for item in batch:
            if item.future.done():
                continue
            if isinstance(item.outcome, BaseException):
                item.future.set_exception(item.outcome)
            elif item.outcome is not None:
                item.future.set_result(item.outcome)
            else:
                item.future.set_exception(RuntimeError("submission was not processed"))

    def _write_sqlite(self, batch: list[_Item]) -> None:
        """SQLite: the whole transaction in one hop to the writer thread, on its own connection."""
        if self._raw is None:
            assert self._sync_engine is not None
            self._raw = self._sync_engine.raw_connection()
            connection: sqlite3.Connection = self._raw.driver_connection  # type: ignore[assignment]
            self._sqlite_store = _SqliteStore(connection, self._sync_engine)
        assert self._sqlite_store is not None
        connection = self._sqlite_store.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                self._store(self._sqlite_store, batch)
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
        except sqlite3.Error as error:  # the same exceptions as the ORM path raises
            raise DBAPIError.instance(None, None, error, sqlite3.Error) from error

    def _store(self, store: _Store, batch: list[_Item]) -> None:
        experiments = {
            ref: store.experiment(ref) for ref in {item.experiment_ref for item in batch}
        }
        new: list[_Item] = []
        first_by_key: dict[tuple[int, str], _Item] = {}
        repeats: list[tuple[_Item, _Item]] = []
        for item in batch:
            found = experiments[item.experiment_ref]
            if found is None:
                item.outcome = NotFoundError(f"experiment {item.experiment_ref} not found")
                continue
            experiment_id, slug, status = found
            if status != ExperimentStatus.RUNNING.value:
                item.outcome = ConflictError(
                    f"experiment {slug} is {status}: "
                    "feedback is accepted for running experiments only"
                )
                continue
            item.row["experiment_id"] = experiment_id
            key = item.row["idempotency_key"]
            if key is not None:
                if (experiment_id, key) in first_by_key:
                    repeats.append((item, first_by_key[(experiment_id, key)]))
                    continue
                first_by_key[(experiment_id, key)] = item
            new.append(item)
        if first_by_key:
            _match_stored(store, first_by_key)
            new = [item for item in new if item.outcome is None and item.replay_of is None]
        if new:
            self._insert(store, new)
        for item, first in repeats:
            _repeat(item, first)

    def _insert(self, store: _Store, items: list[_Item]) -> None:
        lost_race: dict[tuple[int, str], _Item] = {}
        for item, new_id in zip(items, store.insert([item.row for item in items]), strict=True):
            if new_id is not None:
                item.row["id"] = new_id
            else:  # another process stored this key first: replay theirs
                lost_race[(item.row["experiment_id"], item.row["idempotency_key"])] = item
        if lost_race:
            _match_stored(store, lost_race)
        stored = [item for item in items if "id" in item.row]
        wanted = {key for item in stored for key, _ in item.themes}
        theme_ids = store.theme_ids(wanted) if wanted else {}
        links: list[tuple[int, int, float, str]] = []
        for item in stored:
            item.themes = [(key, score) for key, score in item.themes if key in theme_ids]
            links.extend(
                (item.row["id"], theme_ids[key], score, ThemeSource.MODEL.value)
                for key, score in item.themes
            )
            item.outcome = (_public(item.row, item.themes), True)
        if links:
            store.insert_links(links)

    async def _load_replays(self, batch: list[_Item]) -> None:
        """The stored feedback that replayed submissions answer with, read after the commit."""
        replays = [item for item in batch if item.replay_of is not None and item.outcome is None]
        if not replays:
            return
        from feedback_api.services.feedback import to_public

        async with self._sessions() as session:
            rows = await session.scalars(
                select(Feedback).where(Feedback.id.in_({item.replay_of for item in replays}))
            )
            public = {row.id: to_public(row) for row in rows}
        for item in replays:
            found = public.get(item.replay_of or 0)
            # erased between the commit and this read
            item.outcome = (found, False) if found else NotFoundError("feedback not found")

    async def _classify(self, items: list[_Item]) -> None:
        """Language (always), themes and sentiment (with an analyzer) of the batch's texts.

        One call for the batch, in a thread: per call the models cost ~15 ms, per text ~0.2 ms,
        and the event loop keeps parsing requests meanwhile.
        """
        analyzer = self.analyzer
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


_FEEDBACK_COLUMNS = (
    "experiment_id",
    "respondent_id",
    "role",
    "channel",
    "language",
    "text",
    "rating",
    "would_use",
    "fits_work",
    "created_at",
    "created_date",
    "idempotency_key",
    "request_hash",
    "redactions",
    "sentiment_label",
    "sentiment_score",
    "sentiment_model_version",
    "theme_model_version",
    "classified_at",
)


class _Store(Protocol):
    """The statements of one batch's transaction (see IntakeWriter._store)."""

    def experiment(self, ref: str) -> tuple[int, str, str] | None:
        """(id, slug, status) of the experiment `ref` (an id or a slug) names."""

    def stored(self, keys: Iterable[tuple[int, str]]) -> list[tuple[int, str, int, str | None]]:
        """(experiment_id, key, id, request_hash) of stored feedback with these keys."""

    def insert(self, rows: list[dict[str, Any]]) -> list[int | None]:
        """The new ids, in order; None where a keyed row was already stored."""

    def theme_ids(self, keys: Iterable[str]) -> dict[str, int]: ...

    def insert_links(self, links: list[tuple[int, int, float, str]]) -> None:
        """(feedback_id, theme_id, score, source) rows of feedback_themes."""


class _SessionStore:
    """SQLAlchemy Core on a session: PostgreSQL (asyncpg), and SQLite without a file."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def experiment(self, ref: str) -> tuple[int, str, str] | None:
        found = _find_experiment(self.session, ref)
        return (found.id, found.slug, found.status) if found is not None else None

    def stored(self, keys: Iterable[tuple[int, str]]) -> list[tuple[int, str, int, str | None]]:
        keys = set(keys)
        rows = self.session.execute(
            select(
                Feedback.experiment_id, Feedback.idempotency_key, Feedback.id, Feedback.request_hash
            ).where(
                Feedback.experiment_id.in_({exp for exp, _ in keys}),
                Feedback.idempotency_key.in_({key for _, key in keys}),
            )
        )
        return [(exp, key or "", id_, fingerprint) for exp, key, id_, fingerprint in rows]

    def insert(self, rows: list[dict[str, Any]]) -> list[int | None]:
        ids: dict[int, int | None] = {}
        plain = [i for i, row in enumerate(rows) if row["idempotency_key"] is None]
        keyed = [i for i, row in enumerate(rows) if row["idempotency_key"] is not None]
        table = Feedback.__table__
        assert isinstance(table, Table)
        if plain:
            statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
            new = self.session.scalars(statement, [rows[i] for i in plain]).all()
            ids.update(zip(plain, new, strict=True))
        if keyed:
            statement = _insert_ignoring_conflicts(self.session).returning(
                table.c.id, table.c.experiment_id, table.c.idempotency_key
            )
            by_key = {(rows[i]["experiment_id"], rows[i]["idempotency_key"]): i for i in keyed}
            for new_id, exp_id, key in self.session.execute(statement, [rows[i] for i in keyed]):
                ids[by_key[(exp_id, key)]] = new_id
        return [ids.get(i) for i in range(len(rows))]

    def theme_ids(self, keys: Iterable[str]) -> dict[str, int]:
        rows = self.session.execute(select(Theme.key, Theme.id).where(Theme.key.in_(set(keys))))
        return {key: theme_id for key, theme_id in rows}

    def insert_links(self, links: list[tuple[int, int, float, str]]) -> None:
        names = ("feedback_id", "theme_id", "score", "source")
        self.session.execute(
            insert(FeedbackTheme), [dict(zip(names, link, strict=True)) for link in links]
        )


class _SqliteStore:
    """Plain SQL on the SQLite writer's own sqlite3 connection.

    The ORM's per-row bookkeeping cost more than the rest of a submission (profiled); here a
    row is one C call. Values are converted by the columns' own SQLAlchemy types, so rows are
    stored exactly as the ORM would store them.
    """

    def __init__(self, connection: sqlite3.Connection, engine: Engine) -> None:
        self.connection = connection
        columns, dialect = Feedback.__table__.c, engine.dialect
        self._convert = [
            (name, columns[name].type.dialect_impl(dialect).bind_processor(dialect))
            for name in _FEEDBACK_COLUMNS
        ]
        self._insert = (
            f"INSERT INTO feedback ({', '.join(_FEEDBACK_COLUMNS)}) "  # noqa: S608 (constants)
            f"VALUES ({', '.join('?' * len(_FEEDBACK_COLUMNS))}) "
            "ON CONFLICT (experiment_id, idempotency_key) DO NOTHING"
        )

    def experiment(self, ref: str) -> tuple[int, str, str] | None:
        parsed = parse_experiment_ref(ref)
        if parsed is None:
            return None
        column = "id" if isinstance(parsed, int) else "slug"
        sql = f"SELECT id, slug, status FROM experiments WHERE {column} = ?"  # noqa: S608
        row = self.connection.execute(sql, (parsed,)).fetchone()
        return (row[0], row[1], row[2]) if row is not None else None

    def stored(self, keys: Iterable[tuple[int, str]]) -> list[tuple[int, str, int, str | None]]:
        keys = set(keys)
        experiments = sorted({exp for exp, _ in keys})
        names = sorted({key for _, key in keys})
        sql = (
            "SELECT experiment_id, idempotency_key, id, request_hash FROM feedback "  # noqa: S608
            f"WHERE experiment_id IN ({', '.join('?' * len(experiments))}) "
            f"AND idempotency_key IN ({', '.join('?' * len(names))})"
        )
        return [tuple(row) for row in self.connection.execute(sql, [*experiments, *names])]

    def insert(self, rows: list[dict[str, Any]]) -> list[int | None]:
        ids: list[int | None] = []
        execute, convert = self.connection.execute, self._convert
        for row in rows:
            values = [
                row[name] if process is None or row[name] is None else process(row[name])
                for name, process in convert
            ]
            cursor = execute(self._insert, values)
            ids.append(cursor.lastrowid if cursor.rowcount == 1 else None)
        return ids

    def theme_ids(self, keys: Iterable[str]) -> dict[str, int]:
        keys = sorted(set(keys))
        sql = f"SELECT key, id FROM themes WHERE key IN ({', '.join('?' * len(keys))})"  # noqa: S608
        return {key: theme_id for key, theme_id in self.connection.execute(sql, keys)}

    def insert_links(self, links: list[tuple[int, int, float, str]]) -> None:
        self.connection.executemany(
            "INSERT INTO feedback_themes (feedback_id, theme_id, score, source)"
            " VALUES (?, ?, ?, ?)",
            links,
        )


def _match_stored(store: _Store, by_key: dict[tuple[int, str], _Item]) -> None:
    """Marks the items whose key is already stored: a replay, or a conflict if the body differs."""
    for experiment_id, key, feedback_id, fingerprint in store.stored(by_key):
        item = by_key.get((experiment_id, key))
        if item is None:
            continue
        if fingerprint != item.row["request_hash"]:
            item.outcome = ConflictError(KEY_REUSED)
        else:
            item.replay_of = feedback_id


def _repeat(item: _Item, first: _Item) -> None:
    """The outcome of a repeat of `first` (same experiment and key) within one batch."""
    if first.row["request_hash"] != item.row["request_hash"]:
        item.outcome = ConflictError(KEY_REUSED)
    elif isinstance(first.outcome, tuple):
        item.outcome = (first.outcome[0], False)
    elif first.outcome is not None:
        item.outcome = first.outcome
    elif first.replay_of is not None:
        item.replay_of = first.replay_of
    else:
        item.outcome = RuntimeError("submission was not processed")


def _find_experiment(session: Session, ref: str) -> Experiment | None:
    """services.experiments.find_experiment, on a sync session."""
    parsed = parse_experiment_ref(ref)
    if isinstance(parsed, int):
        return session.get(Experiment, parsed)
    if parsed is None:
        return None
    return session.scalar(select(Experiment).where(Experiment.slug == parsed))


def _insert_ignoring_conflicts(session: Session) -> Any:
    index = ["experiment_id", "idempotency_key"]
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(Feedback).on_conflict_do_nothing(index_elements=index)
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(Feedback).on_conflict_do_nothing(index_elements=index)


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
