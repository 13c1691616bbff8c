"""Erasure and retention through the services, on the real database."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from feedback_api.db.base import utcnow
from feedback_api.db.models import Feedback, FeedbackTheme, Respondent
from feedback_api.domain.enums import Channel, Role, TokenRole
from feedback_api.domain.schemas import FeedbackCreate
from feedback_api.services import experiments, privacy, respondents
from feedback_api.services.feedback import correct_themes, get_feedback
from feedback_api.services.submission import Policy, Submission, submit_feedback

SECRET = "unit-test-secret"


async def _respondent_with_feedback(session, exp, user_id: int, n: int) -> Respondent:  # type: ignore[no-untyped-def]
    key = respondents.pseudonym(SECRET, "telegram", user_id)
    person = await respondents.create_respondent(session=session, key=key, language="fi")
    for i in range(n):
        await submit_feedback(
            session=session,
            submission=Submission(
                exp.id,
                FeedbackCreate(text=f"Palaute numero {i}", rating=4, role=Role.RESIDENT),
                Channel.TELEGRAM,
                respondent_id=person.id,
                respondent_key=person.key,
            ),
            policy=Policy(max_text_length=5000),
            analyzer=None,
        )
    return person


async def test_pseudonym_is_keyed_hmac_and_stable() -> None:
    a = respondents.pseudonym("k1", "telegram", 12345)
    assert a == respondents.pseudonym("k1", "telegram", "12345")
    assert a != respondents.pseudonym("k2", "telegram", 12345)
    assert len(a) == 64 and "12345" not in a


async def test_erase_respondent_removes_exactly_their_data(session, make) -> None:
    exp_id = await make.experiment("Erasure")
    exp = await experiments.get_experiment(session, exp_id)
    alice = await _respondent_with_feedback(session, exp, 1001, 3)
    bob = await _respondent_with_feedback(session, exp, 1002, 2)
    await session.commit()
    result = await privacy.erase_respondent(session=session, key=alice.key)
    await session.commit()
    assert result.feedback == 3
    remaining = (await session.execute(select(Feedback.respondent_id))).scalars().all()
    assert remaining == [bob.id, bob.id]
    assert await respondents.get_respondent(session=session, key=alice.key) is None
    assert await respondents.get_respondent(session=session, key=bob.key) is not None


async def test_erase_over_http_returns_204_then_404(client, make, auth, session) -> None:
    exp_id = await make.experiment("Erasure HTTP")
    exp = await experiments.get_experiment(session, exp_id)
    person = await _respondent_with_feedback(session, exp, 77, 2)
    await session.commit()
    admin = auth.bearer(await make.token(TokenRole.ADMIN))
    first = await client.delete(f"/api/v1/respondents/{person.key}", headers=admin)
    second = await client.delete(f"/api/v1/respondents/{person.key}", headers=admin)
    malformed = await client.delete("/api/v1/respondents/not-a-key", headers=admin)
    assert (first.status_code, second.status_code, malformed.status_code) == (204, 404, 422)
    count = await session.scalar(select(func.count(Feedback.id)))
    assert count == 0


async def test_purge_anonymises_old_feedback_and_keeps_aggregates(session, make) -> None:
    exp_id = await make.experiment("Retention")
    exp = await experiments.get_experiment(session, exp_id)
    person = await _respondent_with_feedback(session, exp, 5, 2)
    person_id = person.id
    old_id = (await session.scalars(select(Feedback.id).order_by(Feedback.id))).first()
    old = await get_feedback(session=session, feedback_id=old_id)
    await correct_themes(session=session, feedback=old, keys=["usefulness"])
    long_ago = utcnow() - timedelta(days=400)
    await session.execute(update(Feedback).where(Feedback.id == old_id).values(created_at=long_ago))
    await session.execute(update(Respondent).values(last_seen_at=long_ago))
    await session.commit()

    result = await privacy.purge_older_than(session=session, days=365)
    await session.commit()
    assert result.feedback_anonymised == 1
    assert result.respondents_deleted == 0  # still linked to the recent feedback
    session.expire_all()
    rows = (
        await session.execute(
            select(
                Feedback.id, Feedback.text, Feedback.respondent_id, Feedback.rating, Feedback.role
            ).order_by(Feedback.id)
        )
    ).all()
    assert rows[0] == (old_id, None, None, 4, "resident")
    assert rows[1].text is not None and rows[1].respondent_id == person_id
    kept_theme = await session.scalar(
        select(func.count()).select_from(FeedbackTheme).where(FeedbackTheme.feedback_id == old_id)
    )
    assert kept_theme == 1
    again = await privacy.purge_older_than(session=session, days=365)
    assert again.feedback_anonymised == 0
