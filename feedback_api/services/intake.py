"""Group commit: the submissions that arrive together share one transaction.

A COMMIT waits for the disk (SQLite's fsync, PostgreSQL's WAL flush); under load one commit
per submission makes them queue behind each other. The intake takes whatever has queued
while the previous batch was being written, classifies the texts in one call and stores
them all (`services.submission.store`) in one transaction; each sender is answered only
after that COMMIT, so an answer still means "stored". One intake per process, for the JSON
API and the web form; both backends.

A submission that breaks a rule fails alone inside the batch. If the batch fails as a whole
(a constraint nobody expected), each submission is tried again alone, so none is lost for
another's sake; if the database is away, every sender gets 503 and may retry with the same
Idempotency-Key.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback_api.domain.errors import KokeiluError, UnavailableError
from feedback_api.services.submission import (
    Policy,
    Prepared,
    Stored,
    Submission,
    classify,
    prepare,
    store,
)

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer

logger = logging.getLogger(__name__)

MAX_BATCH = 256
_Pending = tuple[Prepared, "asyncio.Future[Stored]"]


class IntakeClosedError(UnavailableError):
    """The process is shutting down and takes no new submissions."""


class Intake:
    """The process's writer of submitted feedback (see the module docstring)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        policy: Policy,
        analyzer: Callable[[], Analyzer | None],
        max_batch: int = MAX_BATCH,
    ) -> None:
        self._sessions = sessions
        self.policy = policy
        self._analyzer = analyzer
        self._max_batch = max_batch
        self._queue: asyncio.Queue[_Pending] = asyncio.Queue()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.batches = 0  # for the operator's logs and the tests: batches committed

    async def submit(self, submission: Submission) -> Stored:
        """Store one feedback; returns only after the transaction holding it committed."""
        if self._closing:
            raise IntakeClosedError("the service is shutting down; please try again")
        item = prepare(submission, policy=self.policy)
        future: asyncio.Future[Stored] = asyncio.get_running_loop().create_future()
        self._queue.put_nowait((item, future))
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run(), name="intake")
        # A sender that goes away cancels its own wait only: the batch is stored anyway, and
        # a retry with its Idempotency-Key is answered with what was stored.
        return await future

    async def aclose(self) -> None:
        """Take no more submissions; store the queued ones, then stop."""
        self._closing = True
        if self._task is not None:
            await self._queue.join()
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    async def _run(self) -> None:
        while True:
            batch = [await self._queue.get()]
            while len(batch) < self._max_batch and not self._queue.empty():
                batch.append(self._queue.get_nowait())
            try:
                await self._write(batch)
            except BaseException as error:  # never leave a sender waiting
                for _item, future in batch:
                    if not future.done():
                        future.set_exception(error)
                if not isinstance(error, Exception):
                    raise
            finally:
                for _ in batch:
                    self._queue.task_done()

    async def _write(self, batch: list[_Pending]) -> None:
        items = [item for item, _future in batch]
        # The models' CPU work off the event loop, which meanwhile reads the next requests.
        await asyncio.to_thread(classify, items, self._analyzer())
        try:
            outcomes = await self._store(items)
        except (IntegrityError, DBAPIError) as error:
            if len(batch) == 1 or not isinstance(error, IntegrityError):
                raise
            logger.warning("a batch of %d failed (%s); storing one by one", len(batch), error)
            for pending in batch:
                await self._write_alone(pending)
            return
        for (_item, future), outcome in zip(batch, outcomes, strict=True):
            _answer(future, outcome)

    async def _write_alone(self, pending: _Pending) -> None:
        item, future = pending
        item.values.pop("id", None)
        try:
            (outcome,) = await self._store([item])
        except Exception as error:
            if not future.done():
                future.set_exception(error)
            return
        _answer(future, outcome)

    async def _store(self, items: list[Prepared]) -> list[Stored | KokeiluError]:
        async with self._sessions() as session:
            outcomes = await store(session, items, limiter=self.policy.limiter)
            await session.commit()
        self.batches += 1
        return outcomes


def _answer(future: asyncio.Future[Stored], outcome: Stored | KokeiluError) -> None:
    if future.done():  # its sender went away
        return
    if isinstance(outcome, KokeiluError):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
