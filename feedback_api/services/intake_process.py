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
import select
import signal
import socket
import struct
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from feedback_api.db.engine import create_sync_engine
from feedback_api.domain.errors import UnavailableError
from feedback_api.services.intake_batch import (
    Item,
    Outcome,
    SqliteStore,
    Submission,
    label_stored,
    prepare,
    store_batch,
)

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
LABEL_BATCH = 64  # stored, unclassified submissions that the child classifies at once
LABEL_MAX = 512  # ... or more, when no moment between batches came for them
# A batch of more is a burst's. Per call the models cost ~2 ms, per text ~0.1 ms (measured):
# a few texts classify at once for little, a dozen at a time cost the burst its throughput.
INLINE_MAX = 4
IDLE_S = 0.05  # no batch for this long: the burst is over
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

    async def write(
        self, submissions: list[Submission], analyzer: Analyzer | None
    ) -> list[Outcome | BaseException]:
        """Prepares, classifies and stores the batch in the child; returns each one's answer.

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
            # Another batch in flight, or many together: a burst, so classifying may wait.
            backlog = bool(child.replies) or len(submissions) > INLINE_MAX
            message = pickle.dumps(
                (*models, backlog, submissions), protocol=pickle.HIGHEST_PROTOCOL
            )
            reply = asyncio.get_running_loop().create_future()
            child.replies.append(reply)
            child.writer.writelines([_HEADER.pack(len(message)), message])
            child.analyzer = analyzer
        self.in_flight += len(submissions)
        try:
            outcomes: list[Outcome | BaseException] = pickle.loads(await reply)  # noqa: S301
        finally:
            self.in_flight -= len(submissions)
        return outcomes

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
    """The child: store each batch that arrives and reply, until the socket closes.

    A batch is classified before its COMMIT when it is small and the only one in flight. When
    the parent sent it while another was in flight, or it holds more than INLINE_MAX (a burst),
    it is stored and answered with its language only, and its rows are classified later, many
    at once: LABEL_BATCH of them whenever no batch is waiting after a reply, all of them when
    LABEL_MAX are waiting, when no batch comes for IDLE_S, or when the parent closes the
    socket. Per call the models cost a few ms, per text a fraction of that: under a
    burst, classifying a few submissions per batch was most of the writer's work (measured),
    and made every submission wait for it.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    # Its warnings (a batch stored member by member, classification failing) go to stderr
    # beside the server's own lines, and say where they come from.
    logging.basicConfig(
        level=logging.WARNING, format="%(levelname)s:  [intake writer %(process)d] %(message)s"
    )
    engine = create_sync_engine(database_url)
    connection = engine.connect()
    store = SqliteStore(connection)
    analyzer: Analyzer | None = None
    unlabelled: list[Item] = []
    try:
        while True:
            if unlabelled and not _waiting(sock, IDLE_S):  # the burst is over: label now
                _label(store, unlabelled, analyzer)
                unlabelled.clear()
            if (message := _read_message(sock)) is None:
                break
            replace, models, backlog, submissions = pickle.loads(message)  # noqa: S301
            if replace:
                analyzer = models
            backlog = backlog and analyzer is not None
            items = prepare(submissions, None if backlog else analyzer)
            outcomes = store_batch(store, items) if items else []
            if backlog:
                unlabelled += [item for item in items if "id" in item.row]
            reply = _portable(outcomes)
            sock.sendall(_HEADER.pack(len(reply)) + reply)
            if len(unlabelled) >= LABEL_MAX:  # far behind: all at once
                _label(store, unlabelled, analyzer)
                unlabelled.clear()
            elif len(unlabelled) >= LABEL_BATCH and not _waiting(sock):  # a gap: one chunk
                _label(store, unlabelled[:LABEL_BATCH], analyzer)
                del unlabelled[:LABEL_BATCH]
        _label(store, unlabelled, analyzer)
    finally:
        sock.close()
        connection.close()
        engine.dispose()


def _label(store: SqliteStore, items: list[Item], analyzer: Analyzer | None) -> None:
    """Classifies the stored, unclassified items (none without models), LABEL_BATCH at a time."""
    if analyzer is not None:
        for start in range(0, len(items), LABEL_BATCH):
            label_stored(store, items[start : start + LABEL_BATCH], analyzer)


def _waiting(sock: socket.socket, timeout_s: float = 0) -> bool:
    """Whether the parent sends more than the child has read (within `timeout_s`)."""
    readable, _, _ = select.select([sock], [], [], timeout_s)
    return bool(readable)


def _read_message(sock: socket.socket) -> bytes | None:
    """The next message, or None when the parent has closed its end."""
    header = _read_exactly(sock, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    return _read_exactly(sock, size)


def _read_exactly(sock: socket.socket, size: int) -> bytes | None:
    """`size` bytes, or None if the socket closes before them. Unbuffered, so that
    `_waiting` sees all that is not read yet."""
    data = bytearray(size)
    view, got = memoryview(data), 0
    while got < size:
        n = sock.recv_into(view[got:])
        if n == 0:
            return None
        got += n
    return bytes(data)


def _portable(outcomes: list[Outcome | BaseException]) -> bytes:
    """The outcomes pickled; an error that does not pickle travels as its message."""
    try:
        return pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        for i, outcome in enumerate(outcomes):
            if isinstance(outcome, BaseException):
                try:
                    pickle.dumps(outcome)
                except Exception:
                    outcomes[i] = RuntimeError(f"{type(outcome).__name__}: {outcome}")
        return pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)
