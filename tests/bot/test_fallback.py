"""Unexpected input at every step: a short polite answer, the step stays, nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.callbacks import RatingChoice
from feedback_api.db.models import Feedback

from .conftest import USER_ID, notices

STEPS = [
    "idle",
    "choosing_language",
    "choosing_role",
    "choosing_experiment",
    "rating",
    "answering_question",
    "confirming_forget",
    "writing_comment",
]
BUTTON_STEPS = set(STEPS) - {"idle", "writing_comment"}


async def reach(harness, step: str):  # type: ignore[no-untyped-def]
    """A user standing at `step` (language unknown for choosing_language)."""
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = harness.user(None if step == "choosing_language" else "en")
    if step in ("idle", "choosing_language", "choosing_role"):
        if step != "idle":
            await user.send("/start")
        return user
    await user.send("/start")
    await user.press(t("role.resident"))
    if step == "confirming_forget":
        await user.send("/forget")
        return user
    if step == "choosing_experiment":
        return user
    await user.press("Pilot")
    if step == "rating":
        return user
    await user.press("4")
    if step == "answering_question":
        return user
    await user.press(t("answer.would_use.yes"))
    return user


async def conversation(harness):  # type: ignore[no-untyped-def]
    context = harness.runtime.dispatcher.fsm.get_context(harness.runtime.bot, USER_ID, USER_ID)
    return await context.get_state(), await context.get_data()


async def feedback_count(harness) -> int:  # type: ignore[no-untyped-def]
    async with harness.sessions() as s:
        return await s.scalar(select(func.count(Feedback.id))) or 0


@pytest.mark.parametrize("step", STEPS)
async def test_unexpected_input_at_each_step(harness, make, step) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = await reach(harness, step)
    before = await conversation(harness)
    hint = {"idle": t("fallback.idle"), "writing_comment": t("comment.hint")}.get(
        step, t("fallback.use_buttons")
    )
    idle = step == "idle"
    odd = t("fallback.idle") if idle else f"{t('fallback.not_understood')}\n{hint}"
    media = t("fallback.text_only") if step == "writing_comment" else odd

    inputs = {
        "sticker": (user.sticker, media),
        "photo": (user.photo, media),
        "voice": (user.voice, media),
        "unknown command": (
            lambda: user.send("/frobnicate now"),
            t("fallback.unknown_command") + ("" if idle else f"\n{hint}"),
        ),
        "edited message": (lambda: user.edit("changed my mind"), f"{t('fallback.edited')}\n{hint}"),
    }
    if step != "writing_comment":  # there a long text is the answer (see below)
        inputs["4096 characters"] = (lambda: user.send("x" * 4096), odd)
    for name, (act, expected) in inputs.items():
        sent = await act()
        assert user.texts(sent) == [expected], name
        assert await conversation(harness) == before, name

    # A button from an earlier, finished conversation.
    stale = RatingChoice(conv="0ld0ld00", value=5).pack()
    sent = await user.press_data(stale, user.session.log[-1])
    assert notices(sent) == [t("fallback.old_button")]
    assert [type(r).__name__ for r in sent] == ["AnswerCallbackQuery"]
    assert await conversation(harness) == before
    assert await feedback_count(harness) == 0

    # ... and the conversation goes on from where it was.
    if step == "writing_comment":
        await user.send("Works.")
        assert await feedback_count(harness) == 1
    elif step == "rating":
        await user.press("2")
        await user.press(t("answer.would_use.no"))
        await user.press(t("button.skip"))
        assert await feedback_count(harness) == 1
    elif step == "confirming_forget":
        sent = await user.press(t("button.forget_no"))
        assert user.texts(sent) == [t("forget.kept"), t("experiments.choose")]


async def test_a_4096_character_comment_is_stored_once(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    user = await reach(harness, "writing_comment")
    text = ("Hyvä palvelu, mutta jono oli pitkä. " * 120)[:4096]
    sent = await user.send(text)
    assert user.texts(sent)[0].startswith(harness.t("thanks.text", "en").format(title="Pilot")[:20])
    async with harness.sessions() as s:
        [row] = (await s.scalars(select(Feedback))).unique().all()
    assert len(row.text) == len(text.strip())


async def test_a_comment_with_a_lone_surrogate_is_stored_with_the_rest_kept(harness, make) -> None:
    """Update JSON can carry "\\ud800", which UTF-8 cannot: that character becomes "?"."""
    await make.experiment("Pilot", slug="pilot-one")
    user = await reach(harness, "writing_comment")
    sent = await user.send("Hyvä \ud800 palvelu")
    assert user.texts(sent)[0].startswith(harness.t("thanks.text", "en").format(title="Pilot")[:20])
    async with harness.sessions() as s:
        [row] = (await s.scalars(select(Feedback))).unique().all()
    assert row.text == "Hyvä ? palvelu"


async def test_text_over_the_service_limit_gets_a_polite_answer(harness, make) -> None:
    harness.settings = harness.settings.model_copy(update={"max_text_length": 100})
    harness.restart()
    await make.experiment("Pilot", slug="pilot-one")
    user = await reach(harness, "writing_comment")
    before = await conversation(harness)
    sent = await user.send("y" * 101)
    assert user.texts(sent) == [harness.t("comment.too_long", "en").format(limit=100, length=101)]
    assert await conversation(harness) == before
    assert await feedback_count(harness) == 0
    await user.send("y" * 100)
    assert await feedback_count(harness) == 1


async def test_old_buttons_of_a_finished_conversation(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = await reach(harness, "rating")
    rating = user.find_button("5")
    await user.press("5")
    answer = user.find_button(t("answer.would_use.yes"))
    await user.press(t("answer.would_use.yes"))
    await user.press(t("button.skip"))
    # Pressing the same buttons again (a double tap, or scrolling up later).
    for data, message in (rating, answer):
        sent = await user.press_data(data, message)
        assert notices(sent) == [t("fallback.old_button")]
    assert await feedback_count(harness) == 1
    assert (await conversation(harness))[0] is None


async def test_a_group_chat_is_ignored(harness, make) -> None:
    from aiogram.types import Chat, Update

    user = harness.user("en")
    user.chat = Chat(id=-100200300, type="supergroup", title="Neighbours")
    sent = await user.feed(
        Update(update_id=harness.next_update_id(), message=user.message("/start"))
    )
    assert sent == []


@pytest.mark.parametrize("lang", ["fi", "sv"])
async def test_polite_answers_are_in_the_users_language(harness, make, lang) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, lang)  # noqa: E731
    user = harness.user(lang)
    await user.send("/start exp_pilot-one")
    await user.press(t("role.customer"))
    before = await conversation(harness)
    assert user.texts(await user.voice()) == [
        f"{t('fallback.not_understood')}\n{t('fallback.use_buttons')}"
    ]
    assert user.texts(await user.send("/nope")) == [
        f"{t('fallback.unknown_command')}\n{t('fallback.use_buttons')}"
    ]
    assert user.texts(await user.edit("muokattu")) == [
        f"{t('fallback.edited')}\n{t('fallback.use_buttons')}"
    ]
    stale = RatingChoice(conv="0ld0ld00", value=1).pack()
    assert notices(await user.press_data(stale, user.session.log[-1])) == [t("fallback.old_button")]
    await user.press("3")
    await user.press(t("answer.would_use.yes"))
    assert user.texts(await user.sticker()) == [t("fallback.text_only")]
    assert (await conversation(harness))[0] != before[0]  # moved on normally
