"""Pseudonymity and erasure: no plain Telegram id anywhere; /forget removes one person."""

from __future__ import annotations

from sqlalchemy import select

from bot.storage import hashed_key
from feedback_api.db.bot_models import BotStateRecord
from feedback_api.db.models import Feedback, Respondent
from feedback_api.services import respondents

from .conftest import OTHER_USER_ID, USER_ID, database_dump


async def _give_feedback(harness, user, text: str, lang: str = "en") -> None:  # type: ignore[no-untyped-def]
    t = lambda key: harness.t(key, lang)  # noqa: E731
    await user.send("/start exp_pilot-one")
    if t("role.prompt") in user.texts()[-1:]:
        await user.press(t("role.resident"))
    await user.press("4")
    await user.press(t("answer.would_use.yes"))
    await user.send(text)


async def test_forget_erases_exactly_that_person(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "fi")  # noqa: E731
    maija = harness.user("fi")
    pekka = harness.user("fi", user_id=OTHER_USER_ID)
    await _give_feedback(harness, maija, "Ensimmäinen", "fi")
    await _give_feedback(harness, maija, "Toinen", "fi")
    await _give_feedback(harness, pekka, "Pekan palaute", "fi")
    await pekka.send("/start exp_pilot-one")  # Pekka is mid-way when Maija leaves

    sent = await maija.send("/forget")
    assert maija.texts(sent) == [t("forget.prompt")]
    assert maija.last_buttons() == [t("button.forget_yes"), t("button.forget_no")]
    sent = await maija.press(t("button.forget_yes"))
    assert maija.texts(sent) == [t("forget.done").format(count=2)]

    secret = harness.settings.resolved_secret_key()
    async with harness.sessions() as s:
        keys = (await s.scalars(select(Respondent.key))).all()
        texts = (await s.scalars(select(Feedback.text))).all()
        states = (await s.scalars(select(BotStateRecord.key))).all()
    assert keys == [respondents.pseudonym(secret, "telegram", OTHER_USER_ID)]
    assert texts == ["Pekan palaute"]
    context = harness.runtime.dispatcher.fsm.get_context
    pekka_state = context(harness.runtime.bot, OTHER_USER_ID, OTHER_USER_ID).key
    assert states == [hashed_key(secret, pekka_state)]
    # Pekka's conversation goes on undisturbed.
    await pekka.press("5")
    await pekka.press(t("answer.would_use.maybe"))
    await pekka.press(t("button.skip"))
    async with harness.sessions() as s:
        assert len((await s.scalars(select(Feedback))).unique().all()) == 2

    # Asking again: nothing is left.
    await maija.send("/forget")
    sent = await maija.press(t("button.forget_yes"))
    assert maija.texts(sent) == [t("forget.nothing")]


async def test_forget_can_be_declined_and_the_step_resumes(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "sv")  # noqa: E731
    user = harness.user("sv")
    await user.send("/start exp_pilot-one")
    await user.press(t("role.partner"))
    await user.press("3")
    sent = await user.send("/forget")
    sent = await user.press(t("button.forget_no"))
    assert user.texts(sent) == [t("forget.kept"), t("question.would_use")]
    await user.press(t("answer.would_use.no"))
    await user.send("Samarbetet var bra.")
    async with harness.sessions() as s:
        [row] = (await s.scalars(select(Feedback))).unique().all()
    assert (row.role, row.rating, row.would_use) == ("partner", 3, "no")


async def test_forget_when_idle_and_nothing_stored(harness) -> None:
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = harness.user("en")
    await user.send("/forget")
    sent = await user.press(t("button.forget_no"))
    assert user.texts(sent) == [t("forget.kept")]
    await user.send("/forget")
    sent = await user.press(t("button.forget_yes"))
    assert user.texts(sent) == [t("forget.nothing")]


async def test_plain_user_id_is_nowhere_in_the_database(harness, make, engine) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    await make.experiment("Other", slug="other-one")
    user = harness.user("en")
    other = harness.user("sv", user_id=OTHER_USER_ID)
    await _give_feedback(harness, user, "My id is not 1, and that is fine.")
    await user.send("/language")
    await user.press("Suomi")
    await user.send("/feedback")
    await user.press("Other")  # mid-way: the conversation state is stored now
    await _give_feedback(harness, other, "Bra.", "sv")
    await other.send("/forget")
    await other.press(harness.t("button.forget_yes", "sv"))

    dump = await database_dump(engine)
    tables = {table for table, _, _ in dump}
    assert {"respondents", "feedback", "bot_states", "bot_processed_updates"} <= tables
    for plain_id in (str(USER_ID), str(OTHER_USER_ID)):
        leaks = [(table, column) for table, column, value in dump if plain_id in value]
        assert leaks == [], f"plain Telegram id stored in {leaks}"
