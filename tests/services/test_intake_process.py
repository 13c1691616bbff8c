"""The SQLite intake writer process: it writes, restarts when it dies, and stops with the app."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest
from sqlalchemy import func, select

from feedback_api.db.engine import create_session_factory
from feedback_api.db.models import Feedback
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services.classification import load_analyzer
from feedback_api.services.intake import IntakeWriter
from feedback_api.services.intake_process import WriterDiedError

# The writer process is SQLite's: PostgreSQL is a server process of its own.
pytestmark = pytest.mark.parametrize("backend_template", ["sqlite"], indirect=True)


@pytest.fixture
async def writer(engine):  # type: ignore[no-untyped-def]
    writer = IntakeWriter(create_session_factory(engine))
    await writer.open()
    yield writer
    await writer.aclose()


async def _stored(session) -> int:  # type: ignore[no-untyped-def]
    count = await session.scalar(select(func.count(Feedback.id)))
    await session.rollback()  # SQLite: a read transaction would hold the write lock
    return int(count)


async def _submit(writer: IntakeWriter, experiment: int, text: str = "Toimii hyvin") -> int:
    public, created = await writer.submit(
        experiment=experiment, data=FeedbackCreate(text=text, rating=4)
    )
    assert created
    return public.id


async def test_one_child_process_stores_the_batches_in_turn(engine, make, session) -> None:
    exp = await make.experiment("Writer process")
    # Not opened, and batches of 4: the first two go to the child together, before it has
    # even started (as after a crash).
    writer = IntakeWriter(create_session_factory(engine), max_batch=4)
    try:
        assert writer.process is not None and writer.process.pid is None
        await asyncio.gather(*(_submit(writer, exp, f"Palaute {i}") for i in range(20)))
        pid = writer.process.pid
        assert pid is not None and pid != os.getpid()
        assert writer.process.starts == 1 and writer.batches >= 5 and writer.stored == 20
    finally:
        await writer.aclose()
    assert await _stored(session) == 20


async def test_opening_starts_the_child_before_any_submission(engine, make) -> None:
    """A server starts its writer child with the models at startup: the first submissions
    after a deploy do not wait for it."""
    analyzer = load_analyzer(None)
    exp = await make.experiment("Warm start")
    writer = IntakeWriter(create_session_factory(engine), analyzer=analyzer)
    await writer.open()
    try:
        assert writer.process is not None and writer.process.starts == 1
        pid = writer.process.pid
        assert pid is not None and os.kill(pid, 0) is None  # running
        public, _ = await writer.submit(
            experiment=exp, data=FeedbackCreate(text="Nopea ja kätevä", rating=5)
        )
        assert public.sentiment is not None
        assert public.sentiment.model_version == analyzer.sentiment_version
        assert writer.process.pid == pid and writer.process.starts == 1
    finally:
        await writer.aclose()


async def test_a_child_that_died_between_batches_is_replaced(writer, make, session) -> None:
    exp = await make.experiment("Restart")
    await _submit(writer, exp)
    first = writer.process.pid
    os.kill(first, signal.SIGKILL)
    await asyncio.sleep(0.2)
    await _submit(writer, exp)  # nothing of it reached the dead child: no error, stored once
    assert writer.process.starts == 2 and writer.process.pid != first
    assert await _stored(session) == 2


async def test_a_child_that_died_with_a_batch_fails_only_that_batch(writer, make, session) -> None:
    exp = await make.experiment("Crash mid-batch")
    await _submit(writer, exp)
    pid = writer.process.pid
    os.kill(pid, signal.SIGSTOP)  # it takes the batch but never answers
    pending = asyncio.create_task(_submit(writer, exp, "Tämä jää kesken"))
    for _ in range(200):
        if writer.process.in_flight:
            break
        await asyncio.sleep(0.01)
    assert writer.process.in_flight == 1
    os.kill(pid, signal.SIGKILL)
    with pytest.raises(WriterDiedError) as failed:
        await pending
    assert "send it again" in failed.value.message
    assert await _stored(session) == 1  # the stopped child never committed it
    await _submit(writer, exp)  # a new child takes the next batch
    assert writer.process.starts == 2
    assert await _stored(session) == 2


async def test_the_child_ignores_interrupts_and_exits_when_the_writer_closes(
    engine, make, session
) -> None:
    exp = await make.experiment("Ctrl-C")
    writer = IntakeWriter(create_session_factory(engine))
    await _submit(writer, exp)
    pid = writer.process.pid
    os.kill(pid, signal.SIGINT)  # a Ctrl-C in a terminal reaches the whole process group
    os.kill(pid, signal.SIGTERM)
    await asyncio.sleep(0.2)
    await _submit(writer, exp)
    assert writer.process.pid == pid and writer.process.starts == 1
    await writer.aclose()
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    assert await _stored(session) == 2


async def test_a_dead_child_answers_503_over_http(client, make) -> None:
    exp = await make.experiment("HTTP crash")
    url = f"/api/v1/experiments/{exp}/feedback"
    assert (await client.post(url, json={"rating": 5})).status_code == 201
    process = client._transport.app.state.intake.process
    os.kill(process.pid, signal.SIGSTOP)
    pending = asyncio.create_task(client.post(url, json={"rating": 4}))
    for _ in range(200):
        if process.in_flight:
            break
        await asyncio.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    answer = await pending
    assert answer.status_code == 503 and answer.headers["Retry-After"]
    assert "send it again" in answer.json()["detail"]
    assert (await client.post(url, json={"rating": 3})).status_code == 201


async def test_a_killed_fork_server_is_started_again(writer, make, session) -> None:
    """The children's fork server is multiprocessing's; if something kills it (an OOM killer,
    an operator), the next child needs a new one, not an error."""
    exp = await make.experiment("No fork server")
    await _submit(writer, exp)
    child = writer.process.pid
    server = _parent(child)  # the fork server forked the child
    assert server != os.getpid()
    os.kill(server, signal.SIGKILL)
    os.kill(child, signal.SIGKILL)
    await asyncio.sleep(0.2)
    await _submit(writer, exp)
    assert writer.process.starts == 2
    assert _parent(writer.process.pid) not in (server, os.getpid())
    assert await _stored(session) == 2


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat") as stat:
        return int(stat.read().rsplit(")", 1)[1].split()[1])
