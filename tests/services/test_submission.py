"""The submission use case and the intake that groups it: what a sender gets back and what
is stored, on the real database (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from analysis.pipeline import load_analyzer
from feedback_api.db.engine import create_session_factory
from feedback_api.db.models import Feedback, FeedbackTheme
from feedback_api.domain.enums import Channel, ExperimentStatus, Role
from feedback_api.domain.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    RateLimitedError,
    TextTooLongError,
)
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services import respondents
from feedback_api.services.intake import Intake, IntakeClosedError
from feedback_api.services.ratelimit import Limits, SubmissionLimiter
from feedback_api.services.submission import Policy, Submission, submit_feedback


async def _count(engine, experiment_id: int | None = None) -> int:  # type: ignore[no-untyped-def]
    async with create_session_factory(engine, read_only=True)() as session:
        query = select(func.count(Feedback.id))
        if experiment_id is not None:
            query = query.where(Feedback.experiment_id == experiment_id)
        return int(await session.scalar(query) or 0)


def _api(experiment: int | str, data: FeedbackCreate, **fields: object) -> Submission:
    return Submission(experiment, data, Channel.API, **fields)  # type: ignore[arg-type]


@pytest.fixture
async def intake(engine):  # type: ignore[no-untyped-def]
    analyzer = load_analyzer()
    intake = Intake(
        create_session_factory(engine),
        policy=Policy(max_text_length=5000),
        analyzer=lambda: analyzer,
    )
    yield intake
    await intake.aclose()


async def test_submissions_arriving_together_are_all_stored_and_answered_with_labels(
    intake, make, engine
) -> None:
    experiment = await make.experiment("Burst")
    texts = [f"Kirjastorobotti löysi kirjan {i} heti, kiitos!" for i in range(60)]
    answers = await asyncio.gather(
        *(intake.submit(_api(experiment, FeedbackCreate(text=t, rating=5))) for t in texts)
    )
    assert all(answer.created for answer in answers)
    assert len({answer.feedback.id for answer in answers}) == 60
    # Every answer carries what was stored for it, however many arrived together.
    assert {answer.feedback.sentiment.label for answer in answers} == {"positive"}
    assert {answer.feedback.language for answer in answers} == {"fi"}
    assert await _count(engine, experiment) == 60
    assert intake.batches < 60  # they shared transactions
    async with create_session_factory(engine, read_only=True)() as session:
        stored = {
            row.id: row
            for row in await session.scalars(
                select(Feedback).where(Feedback.id.in_([a.feedback.id for a in answers]))
            )
        }
        for answer in answers:
            row = stored[answer.feedback.id]
            assert row.sentiment_label == answer.feedback.sentiment.label
            assert sorted(t.theme.key for t in row.themes) == sorted(
                t.key for t in answer.feedback.themes
            )


async def test_a_submission_breaking_a_rule_fails_alone(intake, make, engine) -> None:
    running = await make.experiment("Running")
    ended = await make.experiment("Ended", ExperimentStatus.ENDED)
    outcomes = await asyncio.gather(
        intake.submit(_api(running, FeedbackCreate(rating=4))),
        intake.submit(_api(ended, FeedbackCreate(rating=4))),
        intake.submit(_api("no-such-experiment", FeedbackCreate(rating=4))),
        intake.submit(_api("²", FeedbackCreate(rating=4))),
        intake.submit(_api(running, FeedbackCreate(rating=2))),
        return_exceptions=True,
    )
    assert [type(o).__name__ for o in outcomes] == [
        "Stored",
        "ConflictError",
        "NotFoundError",
        "NotFoundError",
        "Stored",
    ]
    assert await _count(engine) == 2


async def test_a_batch_failing_as_a_whole_is_stored_one_by_one(intake, make, engine) -> None:
    experiment = await make.experiment("One bad apple")
    # Past the schema's validation: only the database's CHECK constraint refuses it, and
    # that fails the batch's transaction as a whole.
    bad = FeedbackCreate.model_construct(
        text=None, rating=9, role=Role.RESIDENT, language=None, would_use=None, fits_work=None
    )
    outcomes = await asyncio.gather(
        *(intake.submit(_api(experiment, FeedbackCreate(rating=3))) for _ in range(5)),
        intake.submit(_api(experiment, bad)),
        *(intake.submit(_api(experiment, FeedbackCreate(rating=4))) for _ in range(5)),
        return_exceptions=True,
    )
    assert isinstance(outcomes[5], IntegrityError)
    assert all(not isinstance(o, BaseException) for i, o in enumerate(outcomes) if i != 5)
    assert await _count(engine, experiment) == 10


async def test_a_retry_is_stored_once_and_a_changed_body_under_its_key_conflicts(
    intake, make, engine
) -> None:
    experiment = await make.experiment("Retries")
    body = FeedbackCreate(text="Toimi hyvin", rating=5)
    together = await asyncio.gather(
        *(intake.submit(_api(experiment, body, idempotency_key="k-1")) for _ in range(4))
    )
    later = await intake.submit(_api(experiment, body, idempotency_key="k-1"))
    assert len({a.feedback.id for a in [*together, later]}) == 1
    assert sorted(a.created for a in together) == [False, False, False, True]
    assert later.created is False and later.feedback.text == "Toimi hyvin"
    with pytest.raises(ConflictError, match="Idempotency-Key"):
        await intake.submit(_api(experiment, FeedbackCreate(rating=1), idempotency_key="k-1"))
    assert await _count(engine, experiment) == 1


async def test_over_a_limit_nothing_is_stored_and_a_retry_is_still_answered(make, engine) -> None:
    experiment = await make.experiment("Limited")
    limiter = SubmissionLimiter(Limits(per_client="2/minute", per_respondent=None))
    intake = Intake(
        create_session_factory(engine),
        policy=Policy(max_text_length=5000, limiter=limiter),
        analyzer=lambda: None,
    )
    try:
        sent = [
            _api(experiment, FeedbackCreate(rating=r), idempotency_key=f"k-{r}", client="10.0.0.7")
            for r in (1, 2, 3)
        ]
        first = await intake.submit(sent[0])
        await intake.submit(sent[1])
        with pytest.raises(RateLimitedError) as refused:
            await intake.submit(sent[2])
        assert refused.value.retry_after >= 1
        again = await intake.submit(sent[0])  # a retry of an acknowledged one
        assert (again.feedback.id, again.created) == (first.feedback.id, False)
        other = await intake.submit(_api(experiment, FeedbackCreate(rating=5), client="10.0.0.8"))
        assert other.created  # the limit is per client
        assert await _count(engine, experiment) == 3
    finally:
        await intake.aclose()
        await limiter.aclose()


async def test_the_policy_is_checked_before_anything_is_queued(make, engine) -> None:
    experiment = await make.experiment("Short texts")
    intake = Intake(
        create_session_factory(engine),
        policy=Policy(max_text_length=10),
        analyzer=lambda: None,
    )
    try:
        with pytest.raises(TextTooLongError) as error:
            await intake.submit(_api(experiment, FeedbackCreate(text="x" * 11)))
        assert (error.value.limit, error.value.length) == (10, 11)
        employee = FeedbackCreate(rating=3, role=Role.EMPLOYEE, would_use="yes")
        with pytest.raises(InvalidInputError, match="would_use"):
            await intake.submit(_api(experiment, employee))
        assert await _count(engine) == 0
    finally:
        await intake.aclose()


async def test_shutdown_stores_what_was_queued_and_then_refuses(intake, make, engine) -> None:
    experiment = await make.experiment("Closing time")
    pending = [
        asyncio.ensure_future(intake.submit(_api(experiment, FeedbackCreate(rating=4))))
        for _ in range(20)
    ]
    await asyncio.sleep(0)
    await intake.aclose()
    assert all(p.done() and p.result().created for p in pending)
    assert await _count(engine, experiment) == 20
    with pytest.raises(IntakeClosedError):
        await intake.submit(_api(experiment, FeedbackCreate(rating=4)))


async def test_the_bot_path_stores_in_its_own_transaction_with_the_same_rules(
    make, session, engine
) -> None:
    experiment = await make.experiment("In the chat")
    person = await respondents.create_respondent(session=session, key="r" * 64, language="sv")
    await session.commit()
    limiter = SubmissionLimiter(Limits(per_client=None, per_respondent="1/minute"))
    policy = Policy(max_text_length=5000, limiter=limiter)

    def chat(key: str, rating: int) -> Submission:
        return Submission(
            experiment,
            FeedbackCreate(text="Det fungerade riktigt bra", rating=rating),
            Channel.TELEGRAM,
            idempotency_key=key,
            respondent_id=person.id,
            respondent_key=person.key,
            respondent_language=person.language,
        )

    async def submit(submission: Submission):  # type: ignore[no-untyped-def]
        try:
            return await submit_feedback(
                session=session, submission=submission, policy=policy, analyzer=load_analyzer()
            )
        finally:
            await session.commit()

    try:
        first = await submit(chat("telegram:1", 5))
        assert first.created and first.feedback.language == "sv"
        assert first.feedback.sentiment is not None
        with pytest.raises(RateLimitedError):
            await submit(chat("telegram:2", 5))
        again = await submit(chat("telegram:1", 5))
        assert (again.feedback.id, again.created) == (first.feedback.id, False)
        with pytest.raises(NotFoundError):
            await submit(Submission("gone", FeedbackCreate(rating=1), Channel.TELEGRAM))
        assert await _count(engine, experiment) == 1
        async with create_session_factory(engine, read_only=True)() as reader:
            row = await reader.get(Feedback, first.feedback.id)
            assert row is not None and row.respondent_id == person.id
            links = (
                await reader.scalars(
                    select(FeedbackTheme).where(FeedbackTheme.feedback_id == row.id)
                )
            ).all()
            assert {link.source for link in links} <= {"model"}
    finally:
        await limiter.aclose()
