"""The SQLite intake writer as a process of its own.

Classifying a batch and committing it take a few milliseconds of CPU each. In the server's
process they compete for one interpreter lock with the event loop that parses the next
requests: under load the writer was busy all the time and the models ran 2x slower than
alone (measured). A child process runs them in parallel instead, the way PostgreSQL's own
server process takes the writing off an app that uses it.

The parent (`WriterProcess`) sends a batch over a pipe and waits for its results without
blocking the event loop; one batch is in flight at a time, so the group commit is unchanged.
The child holds the only write connection, the models (sent pickled with its first batch and
after each retraining) and no state that a restart would lose:

- a child that died between batches is restarted and the batch is sent to the new one;
- a child that died with a batch in flight fails that batch with 503: it may or may not have
  committed, so only its submitter can safely retry (with its Idempotency-Key);
- the child ignores SIGINT and SIGTERM (a Ctrl-C reaches the whole process group) and exits
  when the parent closes the pipe, after the batch in hand.

Children are forked from a `forkserver` that has imported the analysis stack once: a new child
starts in milliseconds, and never inherits the server's threads or event loop.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import pickle
import signal
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import forkserver
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from feedback_api.db.engine import create_sync_engine
from feedback_api.domain.errors import UnavailableError
from feedback_api.services.intake_batch import Item, SqliteStore, classify, write_batch

if TYPE_CHECKING:
    from multiprocessing.context import ForkServerProcess

    from analysis.pipeline import Analyzer

logger = logging.getLogger(__name__)

_CONTEXT = multiprocessing.get_context("forkserver")
# Each child is forked from a server that imported what it needs once (intake_preload).
# multiprocessing also imports the main module in a child ("safe importing of main module"):
# a script that starts a server must keep its own start under `if __name__ == "__main__"`.
_CONTEXT.set_forkserver_preload(["feedback_api.services.intake_preload"])
STOP_TIMEOUT_S = 30


class WriterDiedError(UnavailableError):
    """The writer process ended while it held a batch: its submissions may or may not be stored."""


class WriterProcess:
    """The parent's handle on the writer process of one SQLite database file."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._process: ForkServerProcess | None = None
        self._connection: Connection | None = None
        self._analyzer: Analyzer | None = None  # the models the child holds
        # Sends and starts block (a large batch fills the pipe; a start waits for the fork
        # server): they run here, never on the event loop.
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="intake-writer")
        self.starts = 0
        self.in_flight = 0  # submissions sent to the child and not yet answered

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def prepare(self) -> None:
        """Starts the fork server (once per process, ~2 s): the first batch then starts fast."""
        await self._run_in_thread(forkserver.ensure_running)

    async def write(self, items: list[Item], analyzer: Analyzer | None) -> list[Item]:
        """Classifies and stores the batch in the child; returns the items as the child left them.

        Raises WriterDiedError when the child ended with the batch in flight.
        """
        if self._process is None or not self._process.is_alive():
            await self._run_in_thread(self._spawn)
        try:
            await self._send(items, analyzer)
        except OSError:  # it died between batches: nothing of this batch reached it
            logger.warning("intake writer process %s had ended; starting a new one", self.pid)
            await self._run_in_thread(self._spawn)
            await self._send(items, analyzer)
        self.in_flight = len(items)
        try:
            reply = await self._receive()
        except (EOFError, OSError) as error:
            pid = self.pid
            self._discard()
            logger.error("intake writer process %s ended with a batch in flight", pid)
            raise WriterDiedError(
                "the feedback store restarted while saving; please send it again"
            ) from error
        finally:
            self.in_flight = 0
        results: list[Item] = pickle.loads(reply)  # noqa: S301 (our own child, over a pipe)
        return results

    async def aclose(self) -> None:
        """Closes the pipe (the child finishes and exits) and waits for the child."""
        if self._process is not None:
            process = self._process
            self._discard()
            await asyncio.get_running_loop().run_in_executor(
                self._thread, process.join, STOP_TIMEOUT_S
            )
            if process.is_alive():
                logger.error("intake writer process %s did not stop; killing it", process.pid)
                process.kill()
                process.join()
            process.close()
        self._thread.shutdown(wait=True)

    async def _run_in_thread(self, function: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._thread, function, *args)

    def _spawn(self) -> None:
        self._discard()
        parent_end, child_end = _CONTEXT.Pipe(duplex=True)
        process = _CONTEXT.Process(
            target=serve, args=(child_end, self._url), name="kokeilu-intake-writer", daemon=True
        )
        process.start()
        child_end.close()
        self._process, self._connection, self._analyzer = process, parent_end, None
        self.starts += 1

    async def _send(self, items: list[Item], analyzer: Analyzer | None) -> None:
        """The batch, and the models if the child does not hold these yet."""
        connection = self._connection
        assert connection is not None
        models = (True, analyzer) if analyzer is not self._analyzer else (False, None)
        message = pickle.dumps((*models, items), protocol=pickle.HIGHEST_PROTOCOL)
        await self._run_in_thread(connection.send_bytes, message)
        self._analyzer = analyzer

    async def _receive(self) -> bytes:
        """The child's reply, read when the pipe is readable (the loop keeps serving)."""
        connection = self._connection
        assert connection is not None
        loop = asyncio.get_running_loop()
        reply: asyncio.Future[bytes] = loop.create_future()

        def readable() -> None:
            loop.remove_reader(connection.fileno())
            try:
                reply.set_result(connection.recv_bytes())
            except BaseException as error:  # EOFError: the child is gone
                reply.set_exception(error)

        loop.add_reader(connection.fileno(), readable)
        try:
            return await reply
        finally:
            if not connection.closed:
                loop.remove_reader(connection.fileno())

    def _discard(self) -> None:
        """Forgets the current child: closing our end tells it to exit."""
        if self._connection is not None:
            self._connection.close()
        self._process = self._connection = None
        self._analyzer = None


def serve(connection: Connection, database_url: str) -> None:
    """The child: classify and store each batch that arrives, reply, until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    engine = create_sync_engine(database_url)
    raw = engine.raw_connection()
    store = SqliteStore(raw.driver_connection, engine)  # type: ignore[arg-type]
    analyzer: Analyzer | None = None
    try:
        while True:
            try:
                message = connection.recv_bytes()
            except EOFError:
                return
            replace, models, items = pickle.loads(message)  # noqa: S301 (our parent)
            if replace:
                analyzer = models
            if items:
                classify(items, analyzer)
                write_batch(store, items)
            connection.send_bytes(_portable(items))
    finally:
        raw.close()
        engine.dispose()


def _portable(items: list[Item]) -> bytes:
    """The items pickled; an error that does not pickle travels as its message."""
    try:
        return pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        for item in items:
            if item.error is not None:
                try:
                    pickle.dumps(item.error)
                except Exception:
                    item.error = RuntimeError(f"{type(item.error).__name__}: {item.error}")
        return pickle.dumps(items, protocol=pickle.HIGHEST_PROTOCOL)
