"""One submission through the ORM service (the bot and the web form): what it writes, and
how the rate limit and idempotent retries meet."""

from __future__ import annotations

import pytest
from sqlalchemy import event, func, select

from feedback_api.db.models import Experiment, Feedback, FeedbackTheme
from feedback_api.domain.enums import Channel
from feedback_api.domain.errors import ConflictError, RateLimitedError
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services import respondents
from feedback_api.services.classification import load_analyzer
from feedback_api.services.feedback import submit_feedback
from feedback_api.services.ratelimit import Limits, SubmissionLimiter


async def _experiment(make, session) -> Experiment:  # type: ignore[no-untyped-def]
    experiment = await session.get(Experiment, await make.experiment("Kirjastorobotti"))
    assert experiment is not None
    return experiment


async def test_a_submission_is_written_once_with_its_labels(make, session, engine) -> None:
    experiment = await _experiment(make, session)
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(" ".join(statement.split()[:3]))

    event.listen(engine.sync_engine, "before_cursor_execute", record)
    try:
        row, created = await submit_feedback(
            session=session,
            experiment=experiment,
            data=FeedbackCreate(text="Robotti löysi kirjan nopeasti, kiitos!", rating=5),
            channel=Channel.WEB,
            idempotency_key="first",
            analyzer=load_analyzer(None),
        )
        await session.commit()
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", record)
    assert created
    # No look-up of the key before the INSERT, and no UPDATE after it for the labels.
    assert [s for s in statements if "feedback " in f"{s} " or "feedback_themes" in s] == [
        "INSERT INTO feedback",
        "INSERT INTO feedback_themes",
    ], statements
    row_id = row.id
    session.expire_all()
    stored = await session.get(Feedback, row_id)
    assert stored is not None
    assert stored.sentiment_label == "positive"
    assert stored.classified_at is not None and stored.theme_model_version
    links = (
        await session.scalars(select(FeedbackTheme).where(FeedbackTheme.feedback_id == row_id))
    ).all()
    assert links and {link.source for link in links} == {"model"}
    await session.rollback()


async def test_over_the_limit_nothing_is_stored_and_a_retry_is_still_answered(
    make, session
) -> None:
    experiment = await _experiment(make, session)
    person = await respondents.create_respondent(session=session, key="r" * 64, language="fi")
    await session.commit()
    limiter = SubmissionLimiter(Limits(per_client=None, per_respondent="1/minute"))

    async def submit(key: str, rating: int = 4):  # type: ignore[no-untyped-def]
        try:
            return await submit_feedback(
                session=session,
                experiment=experiment,
                data=FeedbackCreate(rating=rating),
                channel=Channel.TELEGRAM,
                respondent=person,
                idempotency_key=key,
                limiter=limiter,
            )
        finally:
            await session.commit()

    first, created = await submit("telegram:1")
    assert created
    with pytest.raises(RateLimitedError):
        await submit("telegram:2")
    assert await session.scalar(select(func.count(Feedback.id))) == 1
    # The retry of the stored one is answered with it, not refused by the limit ...
    again, created = await submit("telegram:1")
    assert (again.id, created) == (first.id, False)
    # ... and a different body under the same key is a conflict.
    with pytest.raises(ConflictError):
        await submit("telegram:1", rating=1)
    assert await session.scalar(select(func.count(Feedback.id))) == 1
    await session.rollback()
    await limiter.aclose()
