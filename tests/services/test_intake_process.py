"""The SQLite intake writer process: it writes, restarts when it dies, and stops with the app."""

from __future__ import annotations

import asyncio
import os
import signal

import pytest
from sqlalchemy import func, select

from feedback_api.db.base import utcnow
from feedback_api.db.engine import create_session_factory, create_sync_engine
from feedback_api.db.models import Feedback, FeedbackTheme
from feedback_api.domain.enums import Channel
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services.classification import load_analyzer
from feedback_api.services.intake import IntakeWriter
from feedback_api.services.intake_batch import (
    SqliteStore,
    Submission,
    label_stored,
    prepare,
    store_batch,
)
from feedback_api.services.intake_process import INLINE_MAX, WriterDiedError

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
    outcome = await writer.submit(experiment=experiment, data=FeedbackCreate(text=text, rating=4))
    assert outcome.created
    return outcome.public().id


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
        outcome = await writer.submit(
            experiment=exp, data=FeedbackCreate(text="Nopea ja kätevä", rating=5)
        )
        public = outcome.public()
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


async def _labels(session) -> list[tuple[str | None, object, int]]:  # type: ignore[no-untyped-def]
    """(sentiment, classified_at, number of theme links) of every stored feedback."""
    rows = await session.execute(
        select(Feedback.sentiment_label, Feedback.classified_at, func.count(FeedbackTheme.theme_id))
        .outerjoin(FeedbackTheme)
        .group_by(Feedback.id)
    )
    await session.rollback()
    return [tuple(row) for row in rows]


async def test_a_backlog_is_answered_first_and_classified_in_bulk(engine, make, session) -> None:
    """Batches sent while another is in flight are stored and answered with their language
    only; the writer classifies them afterwards, many at once, once the burst is over."""
    analyzer = load_analyzer(None)
    assert analyzer is not None
    exp = await make.experiment("Burst")
    writer = IntakeWriter(create_session_factory(engine), analyzer=analyzer, max_batch=2)
    await writer.open()
    try:
        outcomes = await asyncio.gather(
            *(
                writer.submit(
                    experiment=exp,
                    data=FeedbackCreate(
                        text="Jonotus kesti liian kauan ja sovellus kaatui kahdesti."
                    ),
                )
                for _ in range(24)
            )
        )
        answered = [outcome.public() for outcome in outcomes]
        assert all(public.language == "fi" for public in answered)
        first = [public for public in answered if public.sentiment is not None]
        later = [public for public in answered if public.sentiment is None]
        assert first and later  # the first batch was alone in flight; the rest were a backlog
        assert all(not public.themes for public in later)
        # The burst is over (no batch for IDLE_S): the writer labels what it deferred.
        for _ in range(100):
            labels = await _labels(session)
            if all(classified is not None for _, classified, _ in labels):
                break
            await asyncio.sleep(0.05)
        assert len(labels) == 24
        # labelled as the submissions classified at once (the same text)
        assert first[0].sentiment is not None
        assert {sentiment for sentiment, _, _ in labels} == {first[0].sentiment.label.value}
        assert all(classified is not None for _, classified, _ in labels)
        assert {links for *_, links in labels} == {len(first[0].themes)}
        # a retry of a deferred one replays the stored, classified row
        stored = await session.get(Feedback, later[0].id)
        assert stored is not None and stored.sentiment_model_version == analyzer.sentiment_version
        await session.rollback()
    finally:
        await writer.aclose()


async def test_a_large_batch_alone_in_flight_is_classified_later(engine, make, session) -> None:
    """More than INLINE_MAX submissions together are a burst too, even with the writer idle."""
    analyzer = load_analyzer(None)
    exp = await make.experiment("Together")
    writer = IntakeWriter(create_session_factory(engine), analyzer=analyzer)
    await writer.open()
    try:
        body = FeedbackCreate(text="Robotti löysi kirjan nopeasti, tosi kätevä!", rating=5)
        outcomes = await asyncio.gather(
            *(writer.submit(experiment=exp, data=body) for _ in range(INLINE_MAX + 1))
        )
        assert writer.batches == 1
        assert all(outcome.public().sentiment is None for outcome in outcomes)
        single = (await writer.submit(experiment=exp, data=body)).public()
        assert single.sentiment is not None  # one alone: classified before its answer
        for _ in range(100):
            labels = await _labels(session)
            if all(classified is not None for _, classified, _ in labels):
                break
            await asyncio.sleep(0.05)
        assert {sentiment for sentiment, _, _ in labels} == {single.sentiment.label.value}
        assert all(classified is not None for _, classified, _ in labels)
    finally:
        await writer.aclose()


async def test_deferred_labels_are_stored_when_the_server_stops(engine, make, session) -> None:
    analyzer = load_analyzer(None)
    exp = await make.experiment("Stop")
    writer = IntakeWriter(create_session_factory(engine), analyzer=analyzer, max_batch=1)
    await writer.open()
    try:
        await asyncio.gather(
            *(
                writer.submit(experiment=exp, data=FeedbackCreate(text="Hyvä", rating=5))
                for _ in range(6)
            )
        )
    finally:
        await writer.aclose()  # closing the socket: the child labels what is pending, then exits
    labels = await _labels(session)
    assert len(labels) == 6 and all(classified is not None for _, classified, _ in labels)


async def test_labels_skip_rows_classified_or_erased_meanwhile(make, database_url) -> None:
    """`kokeilu classify` or a staff correction may get there first, an erasure may remove
    the row: the deferred labels change neither."""
    analyzer = load_analyzer(None)
    assert analyzer is not None
    exp = await make.experiment("Meanwhile")
    body = FeedbackCreate(text="Kätevä ja nopea", rating=5).model_dump(mode="json")
    submissions = [Submission(str(exp), body, Channel.API.value, None, utcnow()) for _ in range(3)]
    engine = create_sync_engine(database_url)
    try:
        with engine.connect() as connection:
            store = SqliteStore(connection)
            items = prepare(submissions, None)  # stored unclassified, as under a backlog
            store_batch(store, items)
            ids = [item.row["id"] for item in items]
            classified = "'2026-01-01 00:00:00.000000'"
            connection.exec_driver_sql(
                f"UPDATE feedback SET classified_at = {classified}, sentiment_label = 'neutral' "
                f"WHERE id = {ids[0]}"
            )
            connection.exec_driver_sql(f"DELETE FROM feedback WHERE id = {ids[1]}")
            connection.commit()
            assert label_stored(store, items, analyzer) == 1
            rows = connection.exec_driver_sql(
                "SELECT id, sentiment_label FROM feedback ORDER BY id"
            ).all()
            links = connection.exec_driver_sql("SELECT DISTINCT feedback_id FROM feedback_themes")
            linked = {row[0] for row in links}
            connection.rollback()
    finally:
        engine.dispose()
    assert [tuple(row) for row in rows] == [(ids[0], "neutral"), (ids[2], "positive")]
    assert linked <= {ids[2]}
