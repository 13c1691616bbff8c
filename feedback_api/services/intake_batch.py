"""One batch of submitted feedback: prepare, classify, store in one transaction, answer.

Synchronous and free of the event loop, so the same code runs in the SQLite writer process
(services.intake_process) and, for PostgreSQL and in-memory SQLite, beside the server's loop
(services.intake). The server only validates a request and queues its `Submission`; here each
one becomes a row (redacted text, fingerprint, dates), is classified with its batch and stored,
and its answer is made: `Outcome`, the 201/200 body as JSON, or the error to raise.

Idempotency stays in the database (the unique (experiment_id, idempotency_key)): keys already
stored are replayed, repeats inside one batch are stored once, and keyed rows are inserted with
ON CONFLICT DO NOTHING so a race with another process becomes a replay, not a failure. When a
batch fails as a whole, each member is retried alone, so one bad member loses no other.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from pydantic import TypeAdapter
from sqlalchemy import Connection, Table, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from analysis.preprocess import detect_languages
from feedback_api.db.base import insert_ignoring_conflicts, utcnow
from feedback_api.db.models import Experiment, Feedback, FeedbackTheme, Theme
from feedback_api.domain.enums import ExperimentStatus, ThemeSource
from feedback_api.domain.errors import KEY_REUSED, ConflictError, NotFoundError
from feedback_api.domain.schemas import FeedbackPublic, ThemeAssignment
from feedback_api.services.experiments import parse_experiment_ref
from feedback_api.services.feedback import feedback_row, public_feedback, to_public

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer

logger = logging.getLogger(__name__)


class Submission(NamedTuple):
    """What the server hands the writer for one request: its body validated, nothing else done."""

    experiment_ref: str
    body: dict[str, Any]  # FeedbackCreate.model_dump(mode="json")
    channel: str
    idempotency_key: str | None
    received_at: datetime


class Outcome(NamedTuple):
    """A submission's answer: the stored feedback as FeedbackPublic JSON, and whether it is new
    (False: a retry answered with what its key stored)."""

    body: bytes
    created: bool

    def public(self) -> FeedbackPublic:
        return FeedbackPublic.model_validate_json(self.body)


@dataclass(slots=True)
class Item:
    """One submission in a batch: the row to store, and what became of it."""

    experiment_ref: str
    row: dict[str, Any]
    fallback_language: str | None = None
    themes: list[tuple[str, float]] = field(default_factory=list)
    error: BaseException | None = None
    replay_of: int | None = None  # the id of the stored feedback this retry answers with

    def reset(self) -> None:
        """Forget a rolled-back attempt."""
        self.error = self.replay_of = None
        self.row.pop("id", None)


def prepare(submissions: Iterable[Submission], analyzer: Analyzer | None) -> list[Item]:
    """The batch's rows (redacted, fingerprinted), classified: everything before the database."""
    items = []
    for submission in submissions:
        try:
            row = feedback_row(
                submission.body,
                channel=submission.channel,
                idempotency_key=submission.idempotency_key,
                received_at=submission.received_at,
            )
        except Exception as error:  # a body the server validated: never expected
            logger.exception("intake could not prepare a submission")
            item = Item(submission.experiment_ref, {}, error=error)
        else:
            item = Item(submission.experiment_ref, row, submission.body["language"])
        items.append(item)
    classify([item for item in items if item.error is None], analyzer)
    return items


def classify(items: list[Item], analyzer: Analyzer | None) -> None:
    """Language (always), themes and sentiment (with an analyzer) of the batch's texts.

    One call for the batch: per call the models cost a few ms, per text ~0.2 ms. A failure
    leaves the rows unclassified (`kokeilu classify` picks them up), never unstored.
    """
    with_text = [item for item in items if item.row["text"]]
    texts = [item.row["text"] for item in with_text]
    fallbacks = [item.fallback_language for item in with_text]
    try:
        if analyzer is None:
            for item, language in zip(with_text, detect_languages(texts, fallbacks), strict=True):
                item.row["language"] = language
            return
        results = analyzer.analyze(texts, fallback=fallbacks) if with_text else []
    except Exception:
        logger.exception("intake classification failed; storing unclassified")
        return
    for item, result in zip(with_text, results, strict=True):
        item.row.update(
            language=result.language,
            sentiment_label=result.sentiment,
            sentiment_score=result.sentiment_score,
            sentiment_model_version=analyzer.sentiment_version,
            theme_model_version=analyzer.theme_version,
        )
        item.themes = [(key, round(float(score), 4)) for key, score in result.themes]
    now = utcnow()
    for item in items:
        item.row["classified_at"] = now


def label_stored(store: SqliteStore, items: list[Item], analyzer: Analyzer) -> int:
    """Classifies stored, not yet classified feedback and stores the labels; returns how many.

    For the writer process, which under a backlog acknowledges a batch first and labels many
    at once later: per call the models cost a few ms, per text a fraction of that. A row
    classified meanwhile (`kokeilu classify`) or erased is left as it is. A failure leaves
    the rows unclassified (`kokeilu classify` picks them up).
    """
    for item in items:
        item.themes = []
    classify(items, analyzer)
    labelled = [item for item in items if item.row["classified_at"] is not None]
    if not labelled:
        return 0
    try:
        with store.transaction():
            updated = store.label([item.row for item in labelled])
            links = _theme_links(
                store, [item for item, ok in zip(labelled, updated, strict=True) if ok]
            )
            if links:
                store.insert_links(links)
    except Exception:
        logger.exception("storing the labels of %d feedback failed", len(labelled))
        return 0
    return sum(updated)


def write_batch(store: Store, items: list[Item]) -> None:
    """Stores the batch in one transaction; if that fails, each item alone."""
    try:
        with store.transaction():
            _store(store, items)
    except Exception as error:
        if len(items) == 1:
            items[0].reset()
            items[0].error = error
            return
        logger.warning("intake batch of %d failed; storing one by one", len(items))
        for item in items:
            item.reset()
            write_batch(store, [item])


def store_batch(store: Store, items: list[Item]) -> list[Outcome | BaseException]:
    """Stores the prepared batch (write_batch), then makes each member's answer."""
    write_batch(store, [item for item in items if item.error is None])
    wanted = {item.replay_of for item in items if item.error is None and item.replay_of}
    try:  # read after the commit: the stored feedback that replayed submissions answer with
        replays: dict[int, FeedbackPublic | BaseException] = dict(store.public(wanted))
    except Exception as error:  # committed, but the stored copy could not be read
        replays = dict.fromkeys(wanted, error)
    outcomes: list[Outcome | BaseException] = []
    for item in items:
        if item.error is not None:
            outcomes.append(item.error)
        elif "id" in item.row:
            outcomes.append(Outcome(_JSON.dump_json(_public(item.row, item.themes)), True))
        elif item.replay_of is None:
            outcomes.append(RuntimeError("submission was not processed"))
        elif isinstance(replay := replays.get(item.replay_of), BaseException):
            outcomes.append(replay)
        elif replay is not None:
            outcomes.append(Outcome(_JSON.dump_json(replay), False))
        else:  # erased between the commit and the read
            outcomes.append(NotFoundError("feedback not found"))
    return outcomes


_JSON: TypeAdapter[FeedbackPublic] = TypeAdapter(FeedbackPublic)


def _public(row: dict[str, Any], themes: Sequence[tuple[str, float]]) -> FeedbackPublic:
    best_first = sorted(themes, key=lambda t: -t[1])
    return public_feedback(
        row,
        [
            ThemeAssignment(key=key, score=score, source=ThemeSource.MODEL)
            for key, score in best_first
        ],
    )


def _stored_public(session: Session, ids: Iterable[int]) -> dict[int, FeedbackPublic]:
    rows = session.scalars(select(Feedback).where(Feedback.id.in_(set(ids))))
    return {row.id: to_public(row) for row in rows}


def _store(store: Store, batch: list[Item]) -> None:
    experiments = {ref: store.experiment(ref) for ref in {item.experiment_ref for item in batch}}
    new: list[Item] = []
    first_by_key: dict[tuple[int, str], Item] = {}
    repeats: list[tuple[Item, Item]] = []
    for item in batch:
        found = experiments[item.experiment_ref]
        if found is None:
            item.error = NotFoundError(f"experiment {item.experiment_ref} not found")
            continue
        experiment_id, slug, status = found
        if status != ExperimentStatus.RUNNING.value:
            item.error = ConflictError(
                f"experiment {slug} is {status}: feedback is accepted for running experiments only"
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
    # No look-up of the keys first: the INSERT skips a key already stored and _insert then
    # matches those rows (a replay, or a conflict); new submissions are the common case.
    if new:
        _insert(store, new)
    for item, first in repeats:
        _repeat(item, first)


def _insert(store: Store, items: list[Item]) -> None:
    lost_race: dict[tuple[int, str], Item] = {}
    for item, new_id in zip(items, store.insert([item.row for item in items]), strict=True):
        if new_id is not None:
            item.row["id"] = new_id
        else:  # the key is stored already (a retry, or another process was first)
            lost_race[(item.row["experiment_id"], item.row["idempotency_key"])] = item
    if lost_race:
        _match_stored(store, lost_race)
    links = _theme_links(store, [item for item in items if "id" in item.row])
    if links:
        store.insert_links(links)


def _theme_links(store: Store, stored: list[Item]) -> list[tuple[int, int, float, str]]:
    """The feedback_themes rows of the items' model themes (unknown theme keys dropped)."""
    wanted = {key for item in stored for key, _ in item.themes}
    theme_ids = store.theme_ids(wanted) if wanted else {}
    links: list[tuple[int, int, float, str]] = []
    for item in stored:
        item.themes = [(key, score) for key, score in item.themes if key in theme_ids]
        links.extend(
            (item.row["id"], theme_ids[key], score, ThemeSource.MODEL.value)
            for key, score in item.themes
        )
    return links


def _match_stored(store: Store, by_key: dict[tuple[int, str], Item]) -> None:
    """Marks the items whose key is already stored: a replay, or a conflict if the body differs."""
    for experiment_id, key, feedback_id, fingerprint in store.stored(by_key):
        item = by_key.get((experiment_id, key))
        if item is None:
            continue
        if fingerprint != item.row["request_hash"]:
            item.error = ConflictError(KEY_REUSED)
        else:
            item.replay_of = feedback_id


def _repeat(item: Item, first: Item) -> None:
    """The outcome of a repeat of `first` (same experiment and key) within one batch."""
    if first.row["request_hash"] != item.row["request_hash"]:
        item.error = ConflictError(KEY_REUSED)
    elif first.error is not None:
        item.error = first.error
    else:  # a replay of what `first` stored or replayed
        item.replay_of = first.row.get("id", first.replay_of)


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


_LABEL_COLUMNS = (
    "language",
    "sentiment_label",
    "sentiment_score",
    "sentiment_model_version",
    "theme_model_version",
    "classified_at",
)


class Store(Protocol):
    """The statements of one batch's transaction (see write_batch)."""

    def transaction(self) -> AbstractContextManager[None]:
        """Commits when the block succeeds, rolls back when it raises."""

    def experiment(self, ref: str) -> tuple[int, str, str] | None:
        """(id, slug, status) of the experiment `ref` (an id or a slug) names."""

    def stored(self, keys: Iterable[tuple[int, str]]) -> list[tuple[int, str, int, str | None]]:
        """(experiment_id, key, id, request_hash) of stored feedback with these keys."""

    def insert(self, rows: list[dict[str, Any]]) -> list[int | None]:
        """The new ids, in order; None where a keyed row was already stored."""

    def theme_ids(self, keys: Iterable[str]) -> dict[str, int]: ...

    def insert_links(self, links: list[tuple[int, int, float, str]]) -> None:
        """(feedback_id, theme_id, score, source) rows of feedback_themes."""

    def public(self, ids: set[int]) -> dict[int, FeedbackPublic]:
        """The stored feedback with these ids as answered to its submitter (after the commit)."""


class SessionStore:
    """SQLAlchemy Core on a (sync) session: PostgreSQL, and SQLite without a file."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            yield
            self.session.commit()
        except BaseException:
            self.session.rollback()
            raise

    def experiment(self, ref: str) -> tuple[int, str, str] | None:
        parsed = parse_experiment_ref(ref)
        if isinstance(parsed, int):
            found = self.session.get(Experiment, parsed)
        elif parsed is not None:
            found = self.session.scalar(select(Experiment).where(Experiment.slug == parsed))
        else:
            found = None
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
            dialect = self.session.get_bind().dialect.name
            index = ["experiment_id", "idempotency_key"]
            # render_nulls: an ORM bulk INSERT otherwise leaves out each row's None values and
            # so sends one statement per run of rows alike (9 round trips for 16 rows).
            statement = (
                insert_ignoring_conflicts(Feedback, dialect, index)
                .returning(table.c.id, table.c.experiment_id, table.c.idempotency_key)
                .execution_options(render_nulls=True)
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

    def public(self, ids: set[int]) -> dict[int, FeedbackPublic]:
        return _stored_public(self.session, ids) if ids else {}


class SqliteStore:
    """Plain SQL on the SQLite writer's own sqlite3 connection.

    The ORM's per-row bookkeeping cost more than the rest of a submission (profiled); here a
    row is one C call. Values are converted by the columns' own SQLAlchemy types, so rows are
    stored exactly as the ORM would store them.
    """

    def __init__(self, connection: Connection) -> None:
        self.orm = connection  # for reads that build answers with the ORM
        driver: Any = connection.connection.driver_connection
        self.connection: sqlite3.Connection = driver
        columns, dialect = Feedback.__table__.c, connection.dialect
        self._convert = [
            (name, columns[name].type.dialect_impl(dialect).bind_processor(dialect))
            for name in _FEEDBACK_COLUMNS
        ]
        self._convert_labels = [(name, dict(self._convert)[name]) for name in _LABEL_COLUMNS]
        assignments = ", ".join(f"{name} = ?" for name in _LABEL_COLUMNS)
        self._label = (
            f"UPDATE feedback SET {assignments} "  # noqa: S608 (constants)
            "WHERE id = ? AND classified_at IS NULL"
        )
        self._insert = (
            f"INSERT INTO feedback ({', '.join(_FEEDBACK_COLUMNS)}) "  # noqa: S608 (constants)
            f"VALUES ({', '.join('?' * len(_FEEDBACK_COLUMNS))}) "
            "ON CONFLICT (experiment_id, idempotency_key) DO NOTHING"
        )

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT; sqlite3 errors raised as SQLAlchemy's, like the ORM's."""
        connection = self.connection
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield
                connection.execute("COMMIT")
            finally:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
        except sqlite3.Error as error:
            raise DBAPIError.instance(None, None, error, sqlite3.Error) from error

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
        execute = self.connection.execute
        for row in rows:
            cursor = execute(self._insert, _bound(row, self._convert))
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

    def public(self, ids: set[int]) -> dict[int, FeedbackPublic]:
        if not ids:
            return {}
        with Session(self.orm) as session:  # a read, rolled back when the session closes
            return _stored_public(session, ids)

    def label(self, rows: list[dict[str, Any]]) -> list[bool]:
        """Stores each row's classification, unless it was classified meanwhile; per row,
        whether it was (False: classified already, or erased)."""
        updated = []
        for row in rows:
            values = _bound(row, self._convert_labels)
            cursor = self.connection.execute(self._label, [*values, row["id"]])
            updated.append(cursor.rowcount == 1)
        return updated


def _bound(row: dict[str, Any], columns: list[tuple[str, Any]]) -> list[Any]:
    """The row's values of these (name, bind processor) columns, as the driver takes them."""
    return [
        row[name] if process is None or row[name] is None else process(row[name])
        for name, process in columns
    ]
