"""The bot counts submissions per respondent (KOKEILU_RATE_LIMIT_PER_RESPONDENT): past the
limit the resident is asked, in their language, to wait; the conversation stays at its step.
"""

from __future__ import annotations

import re
import secrets

import pytest
from aiogram.methods import EditMessageReplyMarkup
from sqlalchemy import func, select

from feedback_api.db.models import Feedback

from .conftest import REDIS_URL, Person, add_experiment, make_settings, prepare_database

needs_redis = pytest.mark.skipif(not REDIS_URL, reason="KOKEILU_TEST_REDIS_URL is not set")


async def _database(tmp_path) -> str:  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{tmp_path / 'kokeilu.sqlite3'}"
    await prepare_database(url)
    await add_experiment(url, "Kirjastorobotti", "kirjastorobotti")
    return url


async def _count(harness) -> int:  # type: ignore[no-untyped-def]
    async with harness.sessions() as session:
        return int(await session.scalar(select(func.count(Feedback.id))) or 0)


async def _again_at_comment(person: Person, locale: str) -> None:
    """A second feedback: the respondent's language and role are known by now."""
    await person.send("/start exp_kirjastorobotti")
    await person.press("5")
    await person.press(person.harness.t("answer.would_use.maybe", locale))


def _limited(harness, locale: str) -> re.Pattern[str]:  # type: ignore[no-untyped-def]
    template = harness.t("error.rate_limited", locale)
    return re.compile(re.escape(template).replace(re.escape("{seconds}"), r"(\d+)"))


@pytest.mark.parametrize("locale", ["fi", "sv", "en"])
async def test_over_the_limit_the_resident_is_asked_to_wait_and_keeps_the_step(
    locale, tmp_path, make_harness
) -> None:
    url = await _database(tmp_path)
    harness = make_harness(
        make_settings(url, tmp_path / "data", rate_limit_per_respondent="1/minute")
    )
    person = harness.person(7_300_000_001, locale)
    await person.reach_comment("kirjastorobotti", locale)
    await person.send("Ensimmäinen palaute")
    assert await _count(harness) == 1

    await _again_at_comment(person, locale)
    where = await harness.state(person.user_id)
    sent = await person.send("Toinen palaute heti perään")
    [reply] = person.texts(sent)
    match = _limited(harness, locale).fullmatch(reply)
    assert match and 1 <= int(match.group(1)) <= 60, reply
    assert await harness.state(person.user_id) == where
    assert await _count(harness) == 1

    # Skip is refused the same way, and its button stays for the next try.
    sent = await person.press(harness.t("button.skip", locale))
    assert _limited(harness, locale).fullmatch(person.texts(sent)[0])
    assert not [r for r in sent if isinstance(r, EditMessageReplyMarkup)]
    assert person.find_button(harness.t("button.skip", locale))
    assert await harness.state(person.user_id) == where


@needs_redis
async def test_webhook_workers_share_the_limit_through_redis(tmp_path, make_harness) -> None:
    """Two runtimes (two webhook workers) on one Redis: a respondent's second submission
    within the window is refused whichever worker gets it."""
    url = await _database(tmp_path)
    settings = make_settings(
        url, tmp_path / "data", redis_url=REDIS_URL, rate_limit_per_respondent="1/minute"
    )
    one, two = make_harness(settings), make_harness(settings)
    user_id = 7_400_000_000 + secrets.randbelow(1_000_000)
    on_one, on_two = one.person(user_id, "fi"), two.person(user_id, "fi")
    await on_one.reach_comment("kirjastorobotti", "fi")
    await on_one.send("Ensimmäinen, ykköstyöntekijälle")
    await _again_at_comment(on_two, "fi")
    sent = await on_two.send("Toinen, kakkostyöntekijälle")
    assert _limited(two, "fi").fullmatch(on_two.texts(sent)[0])
    assert await _count(one) == 1
    context = two.runtime.dispatcher.fsm.get_context(two.runtime.bot, user_id, user_id)
    await context.clear()  # leave no conversation behind in the shared Redis
