"""The whole conversation through Dispatcher.feed_update, in every language."""

from __future__ import annotations

import pytest
from aiogram.methods import EditMessageReplyMarkup, EditMessageText
from sqlalchemy import select

from feedback_api.db.models import Feedback, Respondent
from feedback_api.domain.enums import ExperimentStatus
from feedback_api.services import respondents

from .conftest import USER_ID, notices

pytestmark = pytest.mark.usefixtures("harness")

ROLE_BUTTON = {
    "resident": "role.resident",
    "customer": "role.customer",
    "employee": "role.employee",
    "partner": "role.partner",
}


async def stored_feedback(harness) -> list[Feedback]:  # type: ignore[no-untyped-def]
    async with harness.sessions() as s:
        return list((await s.scalars(select(Feedback).order_by(Feedback.id))).unique().all())


async def stored_respondent(harness, user_id: int = USER_ID) -> Respondent | None:  # type: ignore[no-untyped-def]
    key = respondents.pseudonym(harness.settings.resolved_secret_key(), "telegram", user_id)
    async with harness.sessions() as s:
        return await respondents.get_respondent(session=s, key=key)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
async def test_first_conversation_in_each_language(harness, make, lang) -> None:
    await make.experiment(
        "Kirjastorobotti",
        slug="kirjastorobotti",
        title_fi="Kirjastorobotti",
        title_sv="Biblioteksroboten",
        title_en="Library robot",
        description_sv="En robot som hittar böcker.",
    )
    t = lambda key: harness.t(key, lang)  # noqa: E731
    user = harness.user(lang)

    sent = await user.send("/start")
    texts = user.texts(sent)
    assert texts[0] == t("start.greeting")
    assert texts[1] == t("role.prompt")
    assert user.last_buttons() == [t(k) for k in ROLE_BUTTON.values()]

    sent = await user.press(t("role.resident"))
    assert user.texts(sent) == [t("experiments.choose")]
    title = {"fi": "Kirjastorobotti", "sv": "Biblioteksroboten", "en": "Library robot"}[lang]
    assert user.last_buttons() == [title, t("button.change_role")]

    sent = await user.press(title)
    [rating] = user.texts(sent)
    assert rating.startswith(title) and rating.endswith(t("rating.prompt"))
    if lang == "sv":
        assert "En robot som hittar böcker." in rating
    assert user.last_buttons() == ["1", "2", "3", "4", "5"]
    # The list's buttons are taken away once used.
    assert any(isinstance(r, EditMessageReplyMarkup) for r in sent)

    sent = await user.press("4")
    assert user.texts(sent) == [t("question.would_use")]
    assert user.last_buttons() == [
        t("answer.would_use.yes"),
        t("answer.would_use.maybe"),
        t("answer.would_use.no"),
    ]

    sent = await user.press(t("answer.would_use.maybe"))
    assert user.texts(sent) == [f"{t('comment.prompt.resident')}\n{t('comment.hint')}"]
    assert user.last_buttons() == [t("button.skip")]

    sent = await user.send("Robotti löysi kirjan nopeasti, mutta jono oli pitkä.")
    [thanks] = user.texts(sent)
    assert thanks.startswith(t("thanks.text").format(title=title))
    assert "https://t.me/kokeilu_bot?start=exp_kirjastorobotti" in thanks
    assert user.last_buttons() == [t("button.another"), t("button.stop")]

    [row] = await stored_feedback(harness)
    assert (row.channel, row.role, row.rating, row.would_use, row.fits_work) == (
        "telegram",
        "resident",
        4,
        "maybe",
        None,
    )
    assert row.text == "Robotti löysi kirjan nopeasti, mutta jono oli pitkä."
    assert row.idempotency_key and row.idempotency_key.startswith("telegram:")
    person = await stored_respondent(harness)
    assert person is not None and row.respondent_id == person.id
    assert (person.language, person.role) == (lang, "resident")

    sent = await user.press(t("button.stop"))
    assert user.texts(sent) == [t("stop.text")]


async def _onboard(harness, user, lang: str = "en", role: str = "resident") -> None:  # type: ignore[no-untyped-def]
    await user.send("/start")
    await user.press(harness.t(ROLE_BUTTON[role], lang))


@pytest.mark.parametrize(
    ("role", "question", "answers", "prompt"),
    [
        ("employee", "question.fits_work", ("partly", "answer.fits_work.partly"), "employee"),
        ("partner", "question.would_use", ("yes", "answer.would_use.yes"), "partner"),
        ("customer", "question.would_use", ("no", "answer.would_use.no"), "resident"),
    ],
)
async def test_questions_are_worded_for_the_role(
    harness, make, role, question, answers, prompt
) -> None:
    await make.experiment("Etähoiva", slug="etahoiva")
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = harness.user("en")
    await _onboard(harness, user, role=role)
    await user.press("Etähoiva")
    sent = await user.press("5")
    assert user.texts(sent) == [t(question)]
    value, label = answers
    sent = await user.press(t(label))
    assert user.texts(sent)[0].startswith(t(f"comment.prompt.{prompt}"))
    await user.send("It changes how I plan my day.")
    [row] = await stored_feedback(harness)
    assert row.role == role
    if role == "employee":
        assert (row.fits_work, row.would_use) == (value, None)
    else:
        assert (row.would_use, row.fits_work) == (value, None)


async def test_skip_stores_rating_and_answer_without_text(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "fi")  # noqa: E731
    user = harness.user("fi")
    await _onboard(harness, user, "fi")
    await user.press("Pilot")
    await user.press("2")
    await user.press(t("answer.would_use.no"))
    sent = await user.press(t("button.skip"))
    assert user.texts(sent)[0].startswith(t("thanks.text").format(title="Pilot"))
    [row] = await stored_feedback(harness)
    assert (row.text, row.rating, row.would_use, row.language) == (None, 2, "no", "fi")


async def test_returning_user_keeps_language_and_role(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    user = harness.user("sv")
    await _onboard(harness, user, "sv", role="customer")
    await user.send("/cancel")
    # Telegram's language changed meanwhile: the stored one wins, no role question.
    user.user = user.user.model_copy(update={"language_code": "en"})
    sent = await user.send("/start")
    assert user.texts(sent) == [
        harness.t("start.greeting", "sv"),
        harness.t("experiments.choose", "sv"),
    ]
    await user.press("Pilot")
    await user.press("3")
    sent = await user.press(harness.t("answer.would_use.yes", "sv"))
    assert user.texts(sent)[0].startswith(harness.t("comment.prompt.resident", "sv"))


async def test_unsupported_telegram_language_asks_with_three_buttons(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    user = harness.user("de")
    sent = await user.send("/start")
    [prompt] = user.texts(sent)
    assert prompt.splitlines() == [
        harness.t("language.prompt", "fi"),
        harness.t("language.prompt", "sv"),
        harness.t("language.prompt", "en"),
    ]
    assert user.last_buttons() == ["Suomi", "Svenska", "English"]
    sent = await user.press("Svenska")
    assert user.texts(sent) == [harness.t("start.greeting", "sv"), harness.t("role.prompt", "sv")]
    person = await stored_respondent(harness)
    assert person is not None and person.language == "sv"


async def test_language_command_changes_the_language(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    user = harness.user("en")
    await _onboard(harness, user)
    await user.send("/cancel")
    sent = await user.send("/language")
    assert user.last_buttons() == ["Suomi", "Svenska", "English"]
    sent = await user.press("Suomi")
    assert user.texts(sent) == [
        f"{harness.t('language.changed', 'fi')}\n{harness.t('fallback.idle', 'fi')}"
    ]
    sent = await user.send("/feedback")
    assert user.texts(sent) == [harness.t("experiments.choose", "fi")]
    person = await stored_respondent(harness)
    assert person is not None and person.language == "fi"


async def test_language_change_mid_way_returns_to_the_same_step(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one", title_en="Pilot", title_sv="Pilotförsök")
    user = harness.user("en")
    await _onboard(harness, user)
    await user.press("Pilot")
    await user.send("/language")
    sent = await user.press("Svenska")
    texts = user.texts(sent)
    assert texts[0] == harness.t("language.changed", "sv")
    assert texts[1].startswith("Pilotförsök") and texts[1].endswith(
        harness.t("rating.prompt", "sv")
    )
    await user.press("5")
    await user.press(harness.t("answer.would_use.yes", "sv"))
    await user.send("Bra!")
    [row] = await stored_feedback(harness)
    assert (row.rating, row.would_use) == (5, "yes")


# --- deep links ---------------------------------------------------------------------------


async def test_deep_link_asks_role_then_goes_straight_to_the_experiment(harness, make) -> None:
    await make.experiment("Other", slug="other-one")
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    user = harness.user("fi")
    sent = await user.send("/start exp_kirjastorobotti")
    assert user.texts(sent) == [harness.t("start.greeting", "fi"), harness.t("role.prompt", "fi")]
    sent = await user.press(harness.t("role.employee", "fi"))
    [rating] = user.texts(sent)
    assert rating.startswith("Kirjastorobotti")
    assert user.last_buttons() == ["1", "2", "3", "4", "5"]
    sent = await user.press("5")
    assert user.texts(sent) == [harness.t("question.fits_work", "fi")]
    await user.press(harness.t("answer.fits_work.yes", "fi"))
    await user.send("Säästää aikaa.")
    [row] = await stored_feedback(harness)
    assert (row.role, row.fits_work, row.rating) == ("employee", "yes", 5)


async def test_deep_link_for_a_known_user_skips_greeting_questions(harness, make) -> None:
    exp = await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    user = harness.user("en")
    await _onboard(harness, user)
    await user.send("/cancel")
    sent = await user.send(f"/start exp_{exp}")  # an id works as well as the slug
    texts = user.texts(sent)
    assert texts[0] == harness.t("start.greeting", "en")
    assert texts[1].startswith("Kirjastorobotti")


@pytest.mark.parametrize("payload", ["exp_no-such-thing", "exp_NOT!valid", "exp_", "exp_999999"])
async def test_unknown_deep_link_explains_and_lists(harness, make, payload) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    user = harness.user("en")
    await _onboard(harness, user)
    await user.send("/cancel")
    sent = await user.send(f"/start {payload}")
    assert user.texts(sent)[1:] == [
        harness.t("deeplink.unknown", "en"),
        harness.t("experiments.choose", "en"),
    ]
    assert user.last_buttons()[0] == "Pilot"


@pytest.mark.parametrize(
    ("status", "closed"),
    [
        (ExperimentStatus.ENDED, True),
        (ExperimentStatus.ADOPTED, True),
        (ExperimentStatus.DISCONTINUED, True),
        (ExperimentStatus.PROPOSED, False),
        (ExperimentStatus.DECLINED, False),
    ],
)
async def test_deep_link_to_a_finished_experiment_explains_kindly(
    harness, make, status, closed
) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    await make.experiment("Old <robot>", status, slug="old-robot")
    user = harness.user("sv")
    sent = await user.send("/start exp_old-robot")
    await user.press(harness.t("role.resident", "sv"))
    sent = user.session.requests[-3:]
    texts = user.texts(sent)
    if closed:
        assert harness.t("deeplink.closed", "sv").format(title="Old <robot>") in texts
    else:
        assert harness.t("deeplink.unknown", "sv") in texts
        assert not any("robot" in text for text in texts)
    assert texts[-1] == harness.t("experiments.choose", "sv")
    assert user.last_buttons() == ["Pilot", harness.t("button.change_role", "sv")]


async def test_deep_link_mid_conversation_switches_to_the_new_experiment(harness, make) -> None:
    await make.experiment("First", slug="first-one")
    await make.experiment("Second", slug="second-one")
    user = harness.user("en")
    await _onboard(harness, user)
    await user.press("First")
    old_rating = user.find_button("3")
    sent = await user.send("/start exp_second-one")
    assert user.texts(sent)[-1].startswith("Second")
    # The first conversation's buttons are dead now.
    sent = await user.press_data(*old_rating)
    assert notices(sent) == [harness.t("fallback.old_button", "en")]
    await user.press("4")
    await user.press(harness.t("answer.would_use.yes", "en"))
    await user.send("ok")
    [row] = await stored_feedback(harness)
    assert row.rating == 4


# --- the list -----------------------------------------------------------------------------


async def test_list_is_paged_and_shows_running_experiments_only(harness, make) -> None:
    for n in range(1, 15):
        await make.experiment(f"Running {n:02d}", slug=f"running-{n:02d}")
    await make.experiment("Ended", ExperimentStatus.ENDED, slug="ended-one")
    await make.experiment("Proposed", ExperimentStatus.PROPOSED, slug="proposed-one")
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = harness.user("en")
    sent = await user.send("/start")
    sent = await user.press(t("role.resident"))
    assert user.texts(sent) == [
        f"{t('experiments.choose')}\n" + t("experiments.page").format(page=1, pages=3)
    ]
    assert user.last_buttons() == [f"Running {n:02d}" for n in range(1, 7)] + [
        t("button.next"),
        t("button.change_role"),
    ]
    sent = await user.press(t("button.next"))
    assert [type(r) for r in sent if isinstance(r, EditMessageText)] == [EditMessageText]
    assert user.last_buttons() == [f"Running {n:02d}" for n in range(7, 13)] + [
        t("button.previous"),
        t("button.next"),
        t("button.change_role"),
    ]
    sent = await user.press(t("button.next"))
    assert user.texts(sent) == [
        f"{t('experiments.choose')}\n" + t("experiments.page").format(page=3, pages=3)
    ]
    assert user.last_buttons() == [
        "Running 13",
        "Running 14",
        t("button.previous"),
        t("button.change_role"),
    ]
    await user.press(t("button.previous"))
    await user.press("Running 08")
    await user.press("1")
    await user.press(t("answer.would_use.no"))
    await user.send("Too slow.")
    [row] = await stored_feedback(harness)
    assert row.rating == 1 and row.text == "Too slow."


async def test_no_running_experiment_says_so(harness, make) -> None:
    await make.experiment("Ended", ExperimentStatus.ENDED, slug="ended-one")
    user = harness.user("fi")
    await user.send("/start")
    sent = await user.press(harness.t("role.resident", "fi"))
    assert user.texts(sent) == [harness.t("experiments.none", "fi")]
    assert (
        await harness.runtime.dispatcher.storage.get_state(
            harness.runtime.dispatcher.fsm.get_context(harness.runtime.bot, USER_ID, USER_ID).key
        )
        is None
    )


async def test_change_role_from_the_list(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = harness.user("en")
    await _onboard(harness, user)
    sent = await user.press(t("button.change_role"))
    assert user.texts(sent) == [t("role.prompt")]
    sent = await user.press(t("role.employee"))
    assert user.texts(sent) == [t("experiments.choose")]
    await user.press("Pilot")
    sent = await user.press("3")
    assert user.texts(sent) == [t("question.fits_work")]


# --- commands at any step -----------------------------------------------------------------


async def test_cancel_leaves_the_conversation_and_kills_its_buttons(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = harness.user("en")
    await _onboard(harness, user)
    await user.press("Pilot")
    old = user.find_button("2")
    sent = await user.send("/cancel")
    assert user.texts(sent) == [t("cancel.done")]
    sent = await user.press_data(*old)
    assert notices(sent) == [t("fallback.old_button")]
    sent = await user.send("/cancel")
    assert user.texts(sent) == [t("cancel.nothing")]
    assert await stored_feedback(harness) == []


@pytest.mark.parametrize("command", ["/help", "/privacy"])
async def test_help_and_privacy_mid_way_keep_the_step(harness, make, command) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "sv")  # noqa: E731
    user = harness.user("sv")
    await _onboard(harness, user, "sv")
    await user.press("Pilot")
    sent = await user.send(command)
    key = "help.text" if command == "/help" else "privacy.text"
    assert user.texts(sent) == [f"{t(key)}\n\n{t('hint.in_progress')}"]
    sent = await user.press("4")
    assert user.texts(sent) == [t("question.would_use")]


async def test_help_when_idle_lists_the_commands(harness) -> None:
    user = harness.user("fi")
    sent = await user.send("/help")
    [text] = user.texts(sent)
    assert text == harness.t("help.text", "fi")
    for command in ("/feedback", "/language", "/privacy", "/forget", "/cancel", "/help"):
        assert command in text


@pytest.mark.parametrize("command", ["/start", "/feedback"])
async def test_start_or_feedback_mid_way_asks_the_same_question_again(
    harness, make, command
) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = harness.user("en")
    await _onboard(harness, user)
    await user.press("Pilot")
    await user.press("4")
    sent = await user.send(command)
    assert user.texts(sent) == [t("hint.in_progress"), t("question.would_use")]
    await user.press(t("answer.would_use.yes"))
    await user.press(t("button.skip"))
    [row] = await stored_feedback(harness)
    assert (row.rating, row.would_use) == (4, "yes")


async def test_another_experiment_after_thanks(harness, make) -> None:
    await make.experiment("First", slug="first-one")
    await make.experiment("Second", slug="second-one")
    t = lambda key: harness.t(key, "en")  # noqa: E731
    user = harness.user("en")
    await _onboard(harness, user)
    await user.press("First")
    await user.press("5")
    await user.press(t("answer.would_use.yes"))
    old_skip = user.find_button(t("button.skip"))
    await user.send("Great")
    sent = await user.press(t("button.another"))
    assert user.texts(sent) == [t("experiments.choose")]
    await user.press("Second")
    # A second press on the old Skip button stores nothing.
    sent = await user.press_data(*old_skip)
    assert notices(sent) == [t("fallback.old_button")]
    await user.press("3")
    await user.press(t("answer.would_use.maybe"))
    await user.press(t("button.skip"))
    rows = await stored_feedback(harness)
    assert [(r.rating, r.text) for r in rows] == [(5, "Great"), (3, None)]


async def test_feedback_is_classified_with_the_current_models(bot_settings, sessions, make) -> None:
    """The bot stores through the same use case as the web, with the process's models."""
    from analysis.pipeline import load_analyzer

    from .conftest import Harness

    harness = Harness(bot_settings.model_copy(update={"classify_on_submit": True}), sessions)
    await harness.models.start()
    try:
        await make.experiment("Pilot", slug="pilot-one")
        user = harness.user("en")
        await user.send("/start exp_pilot-one")
        await user.press(harness.t("role.resident", "en"))
        await user.press("5")
        await user.press(harness.t("answer.would_use.yes", "en"))
        await user.send("Lovely service, thank you, it worked perfectly!")
        [row] = await stored_feedback(harness)
    finally:
        await harness.models.aclose()
        await harness.runtime.close()
        for policy in harness.policies:
            await policy.aclose()
    defaults = load_analyzer()
    assert (row.sentiment_label, row.sentiment_model_version, row.theme_model_version) == (
        "positive",
        defaults.sentiment_version,
        defaults.theme_version,
    )
    assert row.language == "en" and row.classified_at is not None
