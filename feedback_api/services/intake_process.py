"""The SQLite intake writer as a process of its own.

Classifying a batch and committing it take a few milliseconds of CPU each. In the server's
process they compete for one interpreter lock with the event loop that parses the next
requests: under load the writer was busy all the time and the models ran 2x slower than
alone (measured). A child process runs them in parallel instead, the way PostgreSQL's own
server process takes the writing off an app that uses it.

The parent (`WriterProcess`) sends batches over a socket pair with asyncio streams (no
threads: a thread waiting for the interpreter lock left the child idle a third of the time)
and reads the results in order. The child takes the batches one after the other, each in its
own transaction, so the next batch is already waiting when one commits.
The child holds the only write connection, the models (sent pickled when it starts and after
each retraining) and no state that a restart would lose:

- a child that died between batches is restarted and the batch is sent to the new one;
- a child that died with a batch in flight fails that batch with 503: it may or may not have
  committed, so only its submitter can safely retry (with its Idempotency-Key);
- the child ignores SIGINT and SIGTERM (a Ctrl-C reaches the whole process group) and exits
  when the parent closes its end of the socket, after the batch in hand.

Children are forked from a `forkserver` that has imported the analysis stack once: a new child
starts in milliseconds, and never inherits the server's threads or event loop.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import pickle
import signal
import socket
import struct
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

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
_HEADER = struct.Struct("!Q")  # each message: its length, then the pickle


class WriterDiedError(UnavailableError):
    """The writer process ended while it held a batch: its submissions may or may not be stored."""


@dataclass
class _Child:
    process: ForkServerProcess
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    replies: deque[asyncio.Future[bytes]] = field(default_factory=deque)
    analyzer: Analyzer | None = None  # the models it holds
    listening: asyncio.Task[None] | None = None

    @property
    def alive(self) -> bool:
        return self.listening is not None and not self.listening.done()


class WriterProcess:
    """The parent's handle on the writer process of one SQLite database file."""

    def __init__(self, database_url: str) -> None:
        self._url = database_url
        self._child: _Child | None = None
        self._sending = asyncio.Lock()
        self.starts = 0
        self.in_flight = 0  # submissions sent to the child and not yet answered

    @property
    def pid(self) -> int | None:
        return self._child.process.pid if self._child is not None else None

    async def start(self, analyzer: Analyzer | None) -> None:
        """Starts the child now and hands it the models, so that the first submissions wait
        for neither (they waited 0.25-0.85 s, measured). The first start in a process also
        starts the fork server (~2 s)."""
        await self.write([], analyzer)

    async def write(self, items: list[Item], analyzer: Analyzer | None) -> list[Item]:
        """Classifies and stores the batch in the child; returns the items as the child left them.

        Safe to call again before an earlier call returns: the child takes the batches in order.
        Raises WriterDiedError when the child ended with the batch in flight.
        """
        async with self._sending:  # one child, and the batches in the order they came
            child = self._child
            if child is None or not child.alive or not child.process.is_alive():
                if child is not None:  # it died between batches: none of this one reached it
                    logger.warning("intake writer process %s had ended; starting another", self.pid)
                child = await self._spawn()
            models = (True, analyzer) if analyzer is not child.analyzer else (False, None)
            message = pickle.dumps((*models, items), protocol=pickle.HIGHEST_PROTOCOL)
            reply = asyncio.get_running_loop().create_future()
            child.replies.append(reply)
            child.writer.writelines([_HEADER.pack(len(message)), message])
            child.analyzer = analyzer
        self.in_flight += len(items)
        try:
            results: list[Item] = pickle.loads(await reply)  # noqa: S301 (our child's)
        finally:
            self.in_flight -= len(items)
        return results

    async def aclose(self) -> None:
        """Closes the socket (the child finishes what it holds and exits); waits for the child."""
        child, self._child = self._child, None
        if child is not None:
            await _retire(child, STOP_TIMEOUT_S)

    async def _spawn(self) -> _Child:
        if self._child is not None:  # it has ended: release what it held
            child, self._child = self._child, None
            await _retire(child, 0)
        ours, theirs = socket.socketpair()
        process = _CONTEXT.Process(
            target=serve, args=(theirs, self._url), name="kokeilu-intake-writer", daemon=True
        )
        try:
            await asyncio.to_thread(process.start)  # waits for the fork server
        finally:
            theirs.close()
        reader, writer = await asyncio.open_unix_connection(sock=ours)
        child = _Child(process, reader, writer)
        child.listening = asyncio.get_running_loop().create_task(
            self._listen(child), name="intake-writer-replies"
        )
        self._child = child
        self.starts += 1
        return child

    async def _listen(self, child: _Child) -> None:
        """Hands each reply to the oldest waiting batch; when the child ends, fails the rest."""
        try:
            while True:
                (size,) = _HEADER.unpack(await child.reader.readexactly(_HEADER.size))
                data = await child.reader.readexactly(size)
                child.replies.popleft().set_result(data)
        except (asyncio.IncompleteReadError, OSError) as error:
            if child.replies:
                logger.error(
                    "intake writer process %s ended with %d batches in flight",
                    child.process.pid,
                    len(child.replies),
                )
            while child.replies:
                died = WriterDiedError(
                    "the feedback store restarted while saving; please send it again"
                )
                died.__cause__ = error
                child.replies.popleft().set_exception(died)
        finally:
            child.writer.close()


async def _retire(child: _Child, grace_s: float) -> None:
    """Closes our end, lets the child exit within `grace_s`, else kills it; then reaps it."""
    child.writer.close()
    if child.listening is not None:
        await child.listening
    process = child.process
    await asyncio.to_thread(process.join, grace_s)
    if process.is_alive():
        if grace_s:
            logger.error("intake writer process %s did not stop; killing it", process.pid)
        process.kill()
        await asyncio.to_thread(process.join)
    process.close()


def serve(sock: socket.socket, database_url: str) -> None:
    """The child: classify and store each batch that arrives, reply, until the socket closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # Its warnings (a batch stored member by member, classification failing) go to stderr
    # beside the server's own lines, and say where they come from.
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s:  [intake writer %(process)d] %(message)s"
    )
    engine = create_sync_engine(database_url)
    raw = engine.raw_connection()
    store = SqliteStore(raw.driver_connection, engine)  # type: ignore[arg-type]
    analyzer: Analyzer | None = None
    incoming = sock.makefile("rb")
    try:
        while (message := _read_message(incoming)) is not None:
            replace, models, items = pickle.loads(message)  # noqa: S301 (our parent's)
            if replace:
                analyzer = models
            if items:
                classify(items, analyzer)
                write_batch(store, items)
            reply = _portable(items)
            sock.sendall(_HEADER.pack(len(reply)) + reply)
    finally:
        incoming.close()
        sock.close()
        raw.close()
        engine.dispose()


def _read_message(incoming: BinaryIO) -> bytes | None:
    """The next message, or None when the parent has closed its end."""
    header = incoming.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    message = incoming.read(size)
    return message if len(message) == size else None


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
