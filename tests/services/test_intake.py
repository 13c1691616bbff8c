"""The group-commit writer: batches, idempotency inside a batch, failures, shutdown."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from feedback_api.db.engine import create_session_factory
from feedback_api.db.models import Experiment, Feedback, FeedbackTheme
from feedback_api.domain.enums import Channel, ExperimentStatus, Role, WouldUse
from feedback_api.domain.errors import ConflictError, NotFoundError
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services.classification import load_analyzer
from feedback_api.services.feedback import local_date, submit_feedback
from feedback_api.services.intake import IntakeClosedError, IntakeWriter, is_stored
from feedback_api.services.intake_batch import Outcome


async def _count(session, experiment_id: int) -> int:  # type: ignore[no-untyped-def]
    n = await session.scalar(
        select(func.count(Feedback.id)).where(Feedback.experiment_id == experiment_id)
    )
    # End the read: on SQLite every transaction holds the write lock (BEGIN IMMEDIATE).
    await session.rollback()
    return int(n)


@pytest.fixture
async def writer(engine):  # type: ignore[no-untyped-def]
    writer = IntakeWriter(create_session_factory(engine))
    yield writer
    await writer.aclose()


async def test_intake_concurrent_submissions_are_all_stored_in_few_batches(
    writer, make, session
) -> None:
    exp = await make.experiment("Burst")
    results = await asyncio.gather(
        *(
            writer.submit(experiment=exp, data=FeedbackCreate(text=f"Comment {i}", rating=4))
            for i in range(60)
        )
    )
    assert all(created for _body, created in results)
    assert len({outcome.public().id for outcome in results}) == 60
    assert await _count(session, exp) == 60
    assert writer.batches < 60  # they shared transactions


async def test_intake_failing_member_does_not_lose_the_others(writer, make, session) -> None:
    exp = await make.experiment("One bad apple")
    # Bypasses validation, so only the database's CHECK constraint refuses it.
    bad = FeedbackCreate.model_construct(
        text=None, rating=9, role=Role.RESIDENT, language=None, would_use=None, fits_work=None
    )
    good = [FeedbackCreate(rating=3) for _ in range(5)]
    outcomes = await asyncio.gather(
        *(writer.submit(experiment=exp, data=d) for d in [*good[:2], bad, *good[2:]]),
        return_exceptions=True,
    )
    assert isinstance(outcomes[2], IntegrityError)
    assert all(isinstance(o, Outcome) and o.created for i, o in enumerate(outcomes) if i != 2)
    assert await _count(session, exp) == 5


async def test_intake_unknown_or_closed_experiment_fails_alone(writer, make, session) -> None:
    exp = await make.experiment("Open")
    closed = await make.experiment("Closed", ExperimentStatus.ENDED)
    outcomes = await asyncio.gather(
        writer.submit(experiment=exp, data=FeedbackCreate(rating=5)),
        writer.submit(experiment="no-such-experiment", data=FeedbackCreate(rating=5)),
        writer.submit(experiment=closed, data=FeedbackCreate(rating=5)),
        return_exceptions=True,
    )
    assert isinstance(outcomes[0], Outcome)
    assert isinstance(outcomes[1], NotFoundError)
    assert isinstance(outcomes[2], ConflictError)
    assert await _count(session, exp) == 1


async def test_intake_idempotent_retries_in_one_batch_store_once(writer, make, session) -> None:
    exp = await make.experiment("Retries")
    body = FeedbackCreate(text="Sama uudestaan", rating=5)
    outcomes = await asyncio.gather(
        *(writer.submit(experiment=exp, data=body, idempotency_key="same") for _ in range(6)),
        writer.submit(
            experiment=exp, data=FeedbackCreate(text="Eri", rating=1), idempotency_key="same"
        ),
        return_exceptions=True,
    )
    stored = [o for o in outcomes[:6] if isinstance(o, Outcome)]
    assert sorted(created for _, created in stored) == [False] * 5 + [True]
    assert len({outcome.public().id for outcome in stored}) == 1
    assert isinstance(outcomes[6], ConflictError)
    assert await _count(session, exp) == 1
    # a later retry replays the stored one, with the same body
    again = await writer.submit(experiment=exp, data=body, idempotency_key="same")
    assert not again.created and again.public() == stored[0].public()
    assert await is_stored(writer._sessions, exp, "same")
    assert not await is_stored(writer._sessions, exp, "other")


async def test_intake_shutdown_drains_the_queue(engine, make, session) -> None:
    exp = await make.experiment("Closing time")
    writer = IntakeWriter(create_session_factory(engine), max_batch=4)
    tasks = [
        asyncio.create_task(writer.submit(experiment=exp, data=FeedbackCreate(rating=2)))
        for _ in range(30)
    ]
    await asyncio.sleep(0)  # every task has queued its submission
    await writer.aclose()
    assert await _count(session, exp) == 30  # stored before aclose returned
    assert all(created for _body, created in await asyncio.gather(*tasks))
    with pytest.raises(IntakeClosedError):
        await writer.submit(experiment=exp, data=FeedbackCreate(rating=2))


async def test_intake_classifies_the_batch_before_acknowledging(engine, make, session) -> None:
    analyzer = load_analyzer(None)
    assert analyzer is not None
    exp = await make.experiment("Classified")
    writer = IntakeWriter(create_session_factory(engine), analyzer=analyzer)
    try:
        outcome = await writer.submit(
            experiment=exp,
            data=FeedbackCreate(text="Jonotus kesti liian kauan, palvelu oli hidas", rating=2),
        )
    finally:
        await writer.aclose()
    public = outcome.public()
    assert outcome.created and public.sentiment is not None
    row = await session.get(Feedback, public.id)
    assert row is not None and row.classified_at is not None
    links = await session.scalar(select(func.count()).where(FeedbackTheme.feedback_id == public.id))
    assert links == len(public.themes)


async def test_intake_rows_are_stored_as_the_orm_stores_them(writer, make, session) -> None:
    """The SQLite writer inserts in plain SQL: values must read back, and sort, like ORM rows."""
    exp = await make.experiment("Round trip")
    data = FeedbackCreate(text="Hyvä robotti, kiitos", rating=5, would_use=WouldUse.YES)
    outcome = await writer.submit(experiment=exp, data=data, idempotency_key="round-trip")
    public = outcome.public()
    experiment = await session.get(Experiment, exp)
    assert experiment is not None
    by_orm, _ = await submit_feedback(
        session=session, experiment=experiment, data=FeedbackCreate(rating=2), channel=Channel.WEB
    )
    await session.commit()
    orm_id = by_orm.id
    session.expire_all()
    row = await session.get(Feedback, public.id)
    assert row is not None
    assert row.created_at == public.created_at and row.created_at.tzinfo is not None
    assert row.created_date == local_date(public.created_at)
    assert (row.text, row.rating, row.would_use, row.language, row.idempotency_key) == (
        "Hyvä robotti, kiitos",
        5,
        "yes",
        "fi",
        "round-trip",
    )
    stored = (
        await session.execute(
            text("SELECT id, created_at, created_date FROM feedback ORDER BY id"),
        )
    ).all()
    await session.rollback()
    assert [r[0] for r in stored] == [public.id, orm_id]
    # the same textual form on SQLite (same length and separators), so range filters agree
    (_, written_at, written_on), (_, orm_at, orm_on) = stored
    assert len(str(written_at)) == len(str(orm_at)) and str(written_at)[10] == str(orm_at)[10]
    assert len(str(written_on)) == len(str(orm_on))


async def test_in_process_batch_is_one_insert_and_finds_retries_by_it(
    make, session, engine
) -> None:
    """The in-process writer (PostgreSQL): a batch of differently shaped submissions is one
    INSERT into feedback, with no look-up of the keys before it; a retry in a later batch is
    found by that INSERT's conflict and answered with the stored feedback."""
    from sqlalchemy import event

    from feedback_api.db.base import utcnow
    from feedback_api.services.intake_batch import SessionStore, Submission, prepare, store_batch

    exp = await make.experiment("One insert")
    bodies = [
        FeedbackCreate(text="Hyvä robotti", rating=5, would_use=WouldUse.YES),
        FeedbackCreate(rating=2),
        FeedbackCreate(text="Works for my team", role=Role.EMPLOYEE, fits_work="yes"),
        FeedbackCreate(text="Ok", rating=3, language="sv"),
    ]

    def batch(keys: list[str], data: list[FeedbackCreate]) -> list[Submission]:
        return [
            Submission(str(exp), body.model_dump(mode="json"), "api", key, utcnow())
            for key, body in zip(keys, data, strict=True)
        ]

    async def write(submissions: list[Submission]) -> list[Outcome | BaseException]:
        items = prepare(submissions, load_analyzer(None))
        sessions = create_session_factory(engine)
        async with sessions() as writer_session:
            return await writer_session.run_sync(
                lambda sync: store_batch(SessionStore(sync), items)
            )

    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(" ".join(statement.split()[:3]))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        first = await write(batch(["a", "b", "c", "d"], bodies))
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert all(isinstance(o, Outcome) and o.created for o in first), first
    on_feedback = [s for s in statements if s.endswith(" feedback") or "feedback." in s]
    assert on_feedback == ["INSERT INTO feedback"], statements

    again = await write(batch(["b", "e", "c"], [bodies[1], bodies[0], bodies[0]]))
    replay, new, conflict = again
    assert isinstance(replay, Outcome) and not replay.created
    assert replay.public() == first[1].public()  # type: ignore[union-attr]
    assert isinstance(new, Outcome) and new.created
    assert isinstance(conflict, ConflictError)
    assert await _count(session, exp) == 5
