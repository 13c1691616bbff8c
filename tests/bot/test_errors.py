"""Failures go through dp.errors: a localized reply, the conversation where it was."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.handlers import feedback as feedback_handlers
from feedback_api.db.models import Feedback
from feedback_api.domain.enums import ExperimentStatus
from feedback_api.services import experiments

from .conftest import USER_ID


async def _state(harness):  # type: ignore[no-untyped-def]
    context = harness.runtime.dispatcher.fsm.get_context(harness.runtime.bot, USER_ID, USER_ID)
    return await context.get_state(), await context.get_data()


async def _count(harness) -> int:  # type: ignore[no-untyped-def]
    async with harness.sessions() as s:
        return await s.scalar(select(func.count(Feedback.id))) or 0


async def _at_comment(harness, lang: str = "en"):  # type: ignore[no-untyped-def]
    user = harness.user(lang)
    await user.send("/start exp_pilot-one")
    await user.press(harness.t("role.resident", lang))
    await user.press("4")
    await user.press(harness.t("answer.would_use.yes", lang))
    return user


async def _end(session, slug: str) -> None:  # type: ignore[no-untyped-def]
    experiment = await experiments.get_experiment(session, slug)
    await experiments.change_status(
        session=session, experiment=experiment, status=ExperimentStatus.ENDED
    )
    await session.commit()


async def test_experiment_ending_mid_way_is_explained(harness, make, session) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    await make.experiment("Other", slug="other-one")
    t = lambda key: harness.t(key, "fi")  # noqa: E731
    user = await _at_comment(harness, "fi")
    await _end(session, "pilot-one")
    sent = await user.send("Hyvä kokeilu")
    assert user.texts(sent) == [t("error.closed")]
    assert user.last_buttons() == [t("button.another")]
    assert await _state(harness) == (None, {})
    assert await _count(harness) == 0
    sent = await user.press(t("button.another"))
    assert user.texts(sent) == [t("experiments.choose")]
    assert user.last_buttons()[0] == "Other"


async def test_choosing_an_experiment_that_just_ended(harness, make, session) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "sv")  # noqa: E731
    user = harness.user("sv")
    await user.send("/start")
    await user.press(t("role.resident"))
    await _end(session, "pilot-one")
    sent = await user.press("Pilot")
    assert user.texts(sent) == [t("error.closed")]
    sent = await user.press(t("button.another"))
    assert user.texts(sent) == [t("experiments.none")]


async def test_unexpected_failure_keeps_the_step_and_a_redelivery_works(
    harness, make, monkeypatch
) -> None:
    harness.expect_errors = True
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "sv")  # noqa: E731
    user = await _at_comment(harness, "sv")
    before = await _state(harness)
    original = feedback_handlers.submit_feedback

    async def broken(**kwargs):  # type: ignore[no-untyped-def]
        await original(**kwargs)  # writes, then fails: everything must roll back
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(feedback_handlers, "submit_feedback", broken)
    update = user.message_update("Mycket bra")
    sent = await user.feed(update)
    assert user.texts(sent) == [t("error.generic")]
    assert await _state(harness) == before
    assert await _count(harness) == 0

    # Telegram (or the user) tries again: the failed attempt left no trace.
    monkeypatch.setattr(feedback_handlers, "submit_feedback", original)
    sent = await user.feed(update)
    assert user.texts(sent)[0].startswith(t("thanks.text").format(title="Pilot")[:10])
    assert await _count(harness) == 1
