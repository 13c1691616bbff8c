"""Group commit for feedback intake.

One writer per process collects the submissions that arrive together, stores them in one
transaction on one connection and resolves each caller's future only after the COMMIT: an
acknowledgement still means "durably stored", but many submissions share one fsync.

The server only checks a request and queues it. The batch itself (redaction, classification,
idempotency, the transaction, retrying members alone when the batch fails, the answers' JSON)
is services.intake_batch. Where it runs:

- SQLite with a file (the embedded default): in a writer process of its own
  (services.intake_process), so neither the models nor the commit compete with the event loop;
- PostgreSQL and in-memory SQLite: preparing and classifying in a thread, the transaction and
  the answers on a session.

Classification runs on the whole batch before the COMMIT, so the 201 body carries themes and
sentiment; except in the SQLite writer process under a backlog, which acknowledges first and
classifies in bulk when the burst is over (services.intake_process.serve). Without models
(`KOKEILU_CLASSIFY_ON_SUBMIT=false`) rows are stored with `classified_at` NULL and
`themes`/`sentiment` empty/null in the 201 body; `kokeilu classify` labels them later.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback_api.db.base import utcnow
from feedback_api.db.models import Feedback
from feedback_api.domain.enums import Channel
from feedback_api.domain.errors import UnavailableError
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services.experiments import find_experiment
from feedback_api.services.feedback import _check_role_questions
from feedback_api.services.intake_batch import (
    Outcome,
    SessionStore,
    Submission,
    prepare,
    store_batch,
)

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer
    from feedback_api.services.intake_process import WriterProcess

logger = logging.getLogger(__name__)

MAX_BATCH = 256
PIPELINE = 3  # batches sent to the writer process and not yet answered, at most
_STOP = object()


class IntakeClosedError(UnavailableError):
    """The writer is shutting down and takes no new submissions."""


_Pending = tuple[Submission, "asyncio.Future[Outcome]"]


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
    ) -> Outcome:
        """Store one feedback; returns its public form as JSON and whether it is new.

        Returns only after the transaction holding it has committed. Everything but checking
        the body happens in the writer (redaction, fingerprint, classification, the answer's
        JSON): the server's event loop only parses requests and writes answers.
        """
        if self._closing:
            raise IntakeClosedError("the service is shutting down; please try again")
        _check_role_questions(data)
        self.start()
        submission = Submission(
            str(experiment), data.model_dump(mode="json"), channel.value, idempotency_key, utcnow()
        )
        future: asyncio.Future[Outcome] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((submission, future))
        # Not shielded: a caller that goes away cancels its own future only; the batch goes on
        # and the writer skips answering it.
        return await future

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
        submissions = [submission for submission, _future in batch]
        if self.process is not None:
            outcomes = await self.process.write(submissions, self.analyzer)
        else:
            items = await asyncio.to_thread(prepare, submissions, self.analyzer)
            async with self._sessions() as session:
                outcomes = await session.run_sync(
                    lambda sync: store_batch(SessionStore(sync), items)
                )
        self.batches += 1
        self.stored += sum(isinstance(outcome, Outcome) and outcome.created for outcome in outcomes)
        for outcome, (_, future) in zip(outcomes, batch, strict=True):
            if future.done():  # its caller went away
                continue
            if isinstance(outcome, BaseException):
                future.set_exception(outcome)
            else:
                future.set_result(outcome)


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
