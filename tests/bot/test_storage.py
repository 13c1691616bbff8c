"""Conversation state: persistent, keyed by a keyed hash, in the database or in Redis."""

from __future__ import annotations

import os

import pytest
from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.storage.base import StorageKey
from sqlalchemy import select

from bot.states import Conversation
from bot.storage import REDIS_PREFIX, DatabaseStorage, HashedKeyBuilder, hashed_key
from feedback_api.db.bot_models import BotStateRecord
from feedback_api.db.models import Feedback

from .conftest import USER_ID

REDIS_URL = os.environ.get("KOKEILU_TEST_REDIS_URL")
SECRET = "storage-test-secret"
KEY = StorageKey(bot_id=42, chat_id=USER_ID, user_id=USER_ID)


async def test_database_storage_round_trip(sessions) -> None:
    storage = DatabaseStorage(sessions, SECRET)
    assert await storage.get_state(KEY) is None
    assert await storage.get_data(KEY) == {}
    await storage.set_state(KEY, Conversation.rating)
    await storage.update_data(KEY, {"conv": "abcd", "rating": 4})
    assert await storage.get_state(KEY) == Conversation.rating.state
    assert await storage.get_data(KEY) == {"conv": "abcd", "rating": 4}
    # A new instance (a restart) reads the same record.
    again = DatabaseStorage(sessions, SECRET)
    assert await again.get_state(KEY) == Conversation.rating.state
    assert await again.get_value(KEY, "rating") == 4
    with pytest.raises(DataNotDictLikeError):
        await again.set_data(KEY, [("a", 1)])  # type: ignore[arg-type]
    # Clearing both removes the row.
    await again.set_state(KEY, None)
    await again.set_data(KEY, {})
    async with sessions() as s:
        assert (await s.scalars(select(BotStateRecord))).all() == []


async def test_database_storage_keys_are_keyed_hashes(sessions) -> None:
    storage = DatabaseStorage(sessions, SECRET)
    await storage.set_state(KEY, "x")
    async with sessions() as s:
        [record] = (await s.scalars(select(BotStateRecord))).all()
    assert record.key == hashed_key(SECRET, KEY)
    assert str(USER_ID) not in record.key and len(record.key) == 64
    assert hashed_key("another-secret", KEY) != record.key
    variants = [
        StorageKey(bot_id=43, chat_id=USER_ID, user_id=USER_ID),
        StorageKey(bot_id=42, chat_id=USER_ID + 1, user_id=USER_ID),
        StorageKey(bot_id=42, chat_id=USER_ID, user_id=USER_ID, thread_id=7),
        StorageKey(bot_id=42, chat_id=USER_ID, user_id=USER_ID, destiny="other"),
    ]
    assert len({hashed_key(SECRET, k) for k in [KEY, *variants]}) == 5


def test_redis_key_builder_hides_ids() -> None:
    builder = HashedKeyBuilder(SECRET)
    state_key = builder.build(KEY, "state")
    assert state_key == f"kokeilu:fsm:{hashed_key(SECRET, KEY)}:state"
    assert str(USER_ID) not in builder.build(KEY, "lock") + builder.build(KEY)


async def test_conversation_survives_a_restart(harness, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    t = lambda key: harness.t(key, "fi")  # noqa: E731
    user = harness.user("fi")
    await user.send("/start exp_pilot-one")
    await user.press(t("role.resident"))
    await user.press("3")
    harness.restart()  # a new Dispatcher and a new storage instance on the same database
    sent = await user.press(t("answer.would_use.maybe"))
    assert user.texts(sent)[0].startswith(t("comment.prompt.resident"))
    await user.send("Toimi.")
    async with harness.sessions() as s:
        [row] = (await s.scalars(select(Feedback))).unique().all()
    assert (row.rating, row.would_use, row.text) == (3, "maybe", "Toimi.")


@pytest.mark.skipif(not REDIS_URL, reason="KOKEILU_TEST_REDIS_URL not set")
async def test_redis_storage_when_configured(harness, make) -> None:
    from redis.asyncio import Redis

    assert REDIS_URL is not None
    redis = Redis.from_url(REDIS_URL)

    async def our_keys() -> list[str]:
        return [key.decode() async for key in redis.scan_iter(match=f"{REDIS_PREFIX}:*")]

    try:
        for key in await our_keys():
            await redis.delete(key)
        harness.settings = harness.settings.model_copy(update={"redis_url": REDIS_URL})
        await harness.runtime.close()
        harness.restart()
        assert type(harness.runtime.dispatcher.storage).__name__ == "RedisStorage"
        await make.experiment("Pilot", slug="pilot-one")
        t = lambda key: harness.t(key, "sv")  # noqa: E731
        user = harness.user("sv")
        await user.send("/start exp_pilot-one")
        await user.press(t("role.resident"))
        await user.press("5")
        keys = await our_keys()
        assert keys
        assert not any(str(USER_ID).encode() in key for key in await redis.keys("*"))
        for key in keys:
            assert str(USER_ID).encode() not in (await redis.get(key) or b"")
        await harness.runtime.close()
        harness.restart()  # state lives in Redis: a restart keeps it
        await user.press(t("answer.would_use.yes"))
        await user.send("Bra.")
        async with harness.sessions() as s:
            assert (await s.scalars(select(BotStateRecord))).all() == []
            [row] = (await s.scalars(select(Feedback))).unique().all()
        assert (row.rating, row.text) == (5, "Bra.")
    finally:
        for key in await our_keys():
            await redis.delete(key)
        await redis.aclose()


async def test_each_update_uses_one_connection_for_its_state_and_its_work(
    harness, make, engine
) -> None:
    """aiogram reads the conversation state before any handler: that read goes through the
    update's own session, so an update checks out one connection (on SQLite a second one
    would be a second write transaction, waiting on the first)."""
    from sqlalchemy import event

    await make.experiment("Pilot", slug="pilot-one")
    user = harness.user("en")
    await user.send("/start")
    checkouts: list[object] = []

    def count(*_args: object) -> None:
        checkouts.append(object())

    event.listen(engine.sync_engine, "checkout", count)
    try:
        await user.press(harness.t("role.resident", "en"))
    finally:
        event.remove(engine.sync_engine, "checkout", count)
    assert len(checkouts) == 1


async def test_state_written_in_an_update_is_read_back_and_rolls_back_with_it(sessions) -> None:
    from bot.storage import bind_session

    storage = DatabaseStorage(sessions, SECRET)
    await storage.set_state(KEY, Conversation.rating)
    async with sessions() as session:
        with bind_session(session):
            await storage.set_state(KEY, Conversation.writing_comment)
            await storage.update_data(KEY, {"rating": 2})
            assert await storage.get_state(KEY) == Conversation.writing_comment.state
            assert await storage.get_data(KEY) == {"rating": 2}
        await session.rollback()  # the update failed
    assert await storage.get_state(KEY) == Conversation.rating.state
    assert await storage.get_data(KEY) == {}
    async with sessions() as session:
        with bind_session(session):
            await storage.set_state(KEY, None)  # cleared: the row goes at the commit
            assert await storage.get_state(KEY) is None
        await session.commit()
    async with sessions() as s:
        assert (await s.scalars(select(BotStateRecord))).all() == []
