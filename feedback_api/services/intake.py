"""Group commit for feedback intake.

One writer per process collects the submissions that arrive together, stores them in one
transaction on one connection and resolves each caller's future only after the COMMIT: an
acknowledgement still means "durably stored", but many submissions share one fsync.

The batch itself (classification, idempotency, the transaction, retrying members alone when
the batch fails) is services.intake_batch. Where it runs:

- SQLite with a file (the embedded default): in a writer process of its own
  (services.intake_process), so the models and the commit do not compete with the event loop;
- PostgreSQL and in-memory SQLite: classification in a thread, the transaction on a session.

Classification runs on the whole batch before the COMMIT, so the 201 body carries themes and
sentiment. With `classify=False` rows are stored with `classified_at` NULL and
`themes`/`sentiment` empty/null in the 201 body; `kokeilu classify` labels them later.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from analysis.preprocess import detect_language, normalize, redact_pii
from feedback_api.db.base import utcnow
from feedback_api.db.models import Feedback
from feedback_api.domain.enums import Channel, FitsWork, Role, Sentiment, ThemeSource, WouldUse
from feedback_api.domain.errors import NotFoundError, UnavailableError
from feedback_api.domain.schemas import (
    FeedbackCreate,
    FeedbackPublic,
    SentimentPublic,
    ThemeAssignment,
)
from feedback_api.services.experiments import find_experiment
from feedback_api.services.feedback import (
    _check_role_questions,
    local_date,
    request_fingerprint,
    to_public,
)
from feedback_api.services.intake_batch import Item, SessionStore, classify, write_batch

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer
    from feedback_api.services.intake_process import WriterProcess

logger = logging.getLogger(__name__)

MAX_BATCH = 256
PIPELINE = 2  # batches sent to the writer process and not yet answered, at most
_STOP = object()


class IntakeClosedError(UnavailableError):
    """The writer is shutting down and takes no new submissions."""


_Pending = tuple[Item, "asyncio.Future[tuple[FeedbackPublic, bool]]"]


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
        self.process: WriterProcess | None = None
        bind = sessions.kw.get("bind")
        if bind is not None and bind.dialect.name == "sqlite":
            database = bind.url.database
            if database and database != ":memory:":
                from feedback_api.services.intake_process import WriterProcess

                self.process = WriterProcess(bind.url.render_as_string(hide_password=False))

    async def open(self) -> None:
        """Starts the writer (and its process) now rather than at the first submission."""
        self.start()
        if self.process is not None:
            await self.process.start(self.analyzer)

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
        self._queue.put_nowait((Item(str(experiment), row, fallback), future))
        # shield: a client that goes away must not cancel the others' batch
        return await asyncio.shield(future)

    async def aclose(self) -> None:
        """Take no more submissions; store every queued one, then stop."""
        self._closing = True
        if self._task is not None:
            self._queue.put_nowait(_STOP)
            await self._task
            self._task = None
        if self.process is not None:
            await self.process.aclose()

    async def _run(self) -> None:
        # The writer process takes a batch while it still commits the one before; in-process
        # writes go one at a time. A batch takes everything queued when it can be sent.
        slots = asyncio.Semaphore(PIPELINE if self.process is not None else 1)
        sending: set[asyncio.Task[None]] = set()
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is _STOP:
                break
            await slots.acquire()
            batch: list[_Pending] = [first]
            while len(batch) < self._max_batch:
                try:
                    pending = self._queue.get_nowait()
                except asyncio.QueueEmpty:
                    break
                if pending is _STOP:
                    stopping = True
                    break
                batch.append(pending)
            task = asyncio.get_running_loop().create_task(self._write_batch(batch))
            sending.add(task)
            task.add_done_callback(sending.discard)
            task.add_done_callback(lambda _task: slots.release())
        await asyncio.gather(*sending)

    async def _write_batch(self, batch: list[_Pending]) -> None:
        try:
            await self._write(batch)
        except BaseException as error:  # never leave a caller waiting forever
            for _item, future in batch:
                if not future.done():
                    future.set_exception(error)
            if not isinstance(error, Exception):
                raise

    async def _write(self, batch: list[_Pending]) -> None:
        items = [item for item, _future in batch]
        if self.process is not None:
            items = await self.process.write(items, self.analyzer)
        else:
            await asyncio.to_thread(classify, items, self.analyzer)
            async with self._sessions() as session:
                await session.run_sync(lambda sync: write_batch(SessionStore(sync), items))
        self.batches += 1
        self.stored += sum(1 for item in items if "id" in item.row)
        replays = await self._load_replays(items)
        for item, (_, future) in zip(items, batch, strict=True):
            if future.done():
                continue
            if item.error is not None:
                future.set_exception(item.error)
            elif "id" in item.row:
                future.set_result((_public(item.row, item.themes), True))
            elif item.replay_of is None:
                future.set_exception(RuntimeError("submission was not processed"))
            elif isinstance(replay := replays.get(item.replay_of), BaseException):
                future.set_exception(replay)
            elif replay is not None:
                future.set_result((replay, False))
            else:  # erased between the commit and the read
                future.set_exception(NotFoundError("feedback not found"))

    async def _load_replays(self, items: list[Item]) -> dict[int, FeedbackPublic | BaseException]:
        """The stored feedback that replayed submissions answer with, read after the commit."""
        wanted = {item.replay_of for item in items if item.error is None and item.replay_of}
        if not wanted:
            return {}
        try:
            async with self._sessions() as session:
                rows = await session.scalars(select(Feedback).where(Feedback.id.in_(wanted)))
                return {row.id: to_public(row) for row in rows}
        except Exception as error:  # committed, but the stored copy could not be read
            return dict.fromkeys(wanted, error)


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
