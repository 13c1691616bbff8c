"""A redelivered update (same update_id) is handled once; so is its feedback."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from feedback_api.db.bot_models import BotProcessedUpdate
from feedback_api.db.models import Feedback


async def _at_comment(harness, make):  # type: ignore[no-untyped-def]
    await make.experiment("Pilot", slug="pilot-one")
    user = harness.user("en")
    await user.send("/start exp_pilot-one")
    await user.press(harness.t("role.resident", "en"))
    await user.press("4")
    await user.press(harness.t("answer.would_use.yes", "en"))
    return user


async def _count(harness, model) -> int:  # type: ignore[no-untyped-def]
    async with harness.sessions() as s:
        return await s.scalar(select(func.count()).select_from(model)) or 0


async def test_the_same_update_twice_is_processed_once(harness, make) -> None:
    user = await _at_comment(harness, make)
    update = user.message_update("Great service")
    first = await user.feed(update)
    second = await user.feed(update)
    assert len(user.texts(first)) == 1
    assert second == []
    assert await _count(harness, Feedback) == 1


async def test_a_repeated_button_press_update_is_processed_once(harness, make) -> None:
    user = await _at_comment(harness, make)
    data, message = user.find_button(harness.t("button.skip", "en"))
    update = user.callback_update(data, message)
    assert await user.feed(update) != []
    assert await user.feed(update) == []
    assert await _count(harness, Feedback) == 1


async def test_concurrent_redeliveries_store_one_feedback(harness, make) -> None:
    user = await _at_comment(harness, make)
    update = user.message_update("Twice at once")
    await asyncio.gather(*(user.feed(update) for _ in range(3)))
    assert await _count(harness, Feedback) == 1
    thanks = [t for t in user.texts() if t.startswith(harness.t("thanks.text", "en")[:10])]
    assert len(thanks) == 1


async def test_redelivery_after_a_restart_is_still_skipped(harness, make) -> None:
    user = await _at_comment(harness, make)
    update = user.message_update("Before the restart")
    await user.feed(update)
    harness.restart()
    assert await user.feed(update) == []
    assert await _count(harness, Feedback) == 1
    assert await _count(harness, BotProcessedUpdate) >= 5
