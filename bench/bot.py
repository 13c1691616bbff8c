"""Bot: complete feedback conversations per second through the real dispatcher and database.

Each conversation is six updates (/start, role, experiment, rating, would_use, comment) fed
to `feed_update` with a local recording session instead of Telegram. The floor is a bare
aiogram dispatcher whose one handler echoes, fed the same number of updates.

A second floor shows what the database alone sets: the same echo handler behind the bot's
own session and redelivery middlewares, so each update is one transaction that records it
(one INSERT and the COMMIT), the least a bot that must not lose or repeat an update does.
The conversations run on SQLite and, when it is reachable, on PostgreSQL; every run holds
the process as the poller and the web app do (``startup_objects_frozen``).
"""

from __future__ import annotations

import asyncio
import itertools
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiogram import Dispatcher, F, Router
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bench.common import scratch_database, seed_experiment
from feedback_api.runtime import startup_objects_frozen

CONVERSATIONS = 120
CONCURRENCY = 16
UPDATES_PER_CONVERSATION = 6
SECRET_KEY = "bench-secret-key-0123456789abcdef0123456789"


class _Recording:
    """Keeps the messages the bot sent, so a user can press their buttons."""

    def __init__(self) -> None:
        from bot.session import LocalSession

        class Session(LocalSession):
            def __init__(self) -> None:
                super().__init__()
                self.log: list[Message] = []

            def on_request(self, bot: Any, method: Any, result: Any) -> None:
                if isinstance(result, Message):
                    self.log.append(result)

        self.session = Session()


class _User:
    def __init__(self, user_id: int, updates: itertools.count[int]) -> None:
        self.user = User(id=user_id, is_bot=False, first_name="Maija", language_code="en")
        self.chat = Chat(id=user_id, type="private")
        self.ids = updates
        self.message_ids = itertools.count(1)

    def message(self, text: str) -> Update:
        message = Message(
            message_id=next(self.message_ids),
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=self.user,
            text=text,
        )
        return Update(update_id=next(self.ids), message=message)

    def press(self, log: list[Message], label: str) -> Update:
        for message in reversed(log):
            if message.chat.id != self.chat.id or message.reply_markup is None:
                continue
            for row in message.reply_markup.inline_keyboard:
                for button in row:
                    if button.text == label and button.callback_data:
                        query = CallbackQuery(
                            id=str(next(self.ids)),
                            from_user=self.user,
                            chat_instance="b",
                            message=message,
                            data=button.callback_data,
                        )
                        return Update(update_id=next(self.ids), callback_query=query)
        raise RuntimeError(f"no button {label!r}")


async def _measure(converse: Callable[[int], Awaitable[None]]) -> float:
    """Seconds for CONVERSATIONS users, CONCURRENCY at a time, after a warm-up round; with
    the process held as the poller and the web app hold it."""

    async def users(start: int, n: int) -> float:
        begin = time.perf_counter()
        for chunk in range(start, start + n, CONCURRENCY):
            await asyncio.gather(
                *(converse(uid) for uid in range(chunk, min(chunk + CONCURRENCY, start + n)))
            )
        return time.perf_counter() - begin

    with startup_objects_frozen():
        await users(10_000, CONCURRENCY)  # warm up
        return await users(20_000, CONVERSATIONS)


async def _conversations(url: str, data_dir: str) -> dict[str, Any]:
    from sqlalchemy import func, select

    from bot.factory import build_runtime, create_bot
    from feedback_api.config import Settings
    from feedback_api.db.engine import create_engine, create_session_factory
    from feedback_api.db.models import Feedback
    from feedback_api.services.classification import load_analyzer

    await seed_experiment(url)
    # The deployment's defaults, the per-respondent submission limit included (in memory).
    settings = Settings(
        _env_file=None,
        data_dir=data_dir,
        database_url=url,  # type: ignore[call-arg]
        secret_key=SECRET_KEY,
        redis_url=None,
    )
    engine = create_engine(url)
    sessions = create_session_factory(engine)
    recording = _Recording()
    bot = create_bot(settings, session=recording.session, token="42:BENCH")
    try:
        analyzer = load_analyzer(settings.model_dir)
    except Exception as error:
        print(f"bot: analysis models unusable ({error!r}); conversations run unclassified")
        analyzer = None
    runtime = build_runtime(settings, sessions=sessions, bot=bot, analyzer=analyzer)
    t = lambda key: runtime.i18n.gettext(key, locale="en")  # noqa: E731
    log = recording.session.log
    ids = itertools.count(1)

    async def converse(user_id: int) -> None:
        user = _User(user_id, ids)
        await runtime.deliver(user.message("/start"))
        await runtime.deliver(user.press(log, t("role.resident")))
        await runtime.deliver(user.press(log, "Library robot"))
        await runtime.deliver(user.press(log, "4"))
        await runtime.deliver(user.press(log, t("answer.would_use.maybe")))
        await runtime.deliver(user.message("The robot found my book quickly, thank you!"))

    try:
        elapsed = await _measure(converse)
        async with sessions() as session:
            stored = await session.scalar(select(func.count(Feedback.id)))
    finally:
        await runtime.close()
        await engine.dispose()
    return {
        "conversations": CONVERSATIONS,
        "conversations_per_s": round(CONVERSATIONS / elapsed, 1),
        "stored": int(stored or 0),
        "expected_stored": CONVERSATIONS + CONCURRENCY,
    }


async def _echo_floor(url: str | None = None) -> dict[str, Any]:
    """The echo handler's rate; with `url`, behind the bot's session and redelivery
    middlewares on that database (one transaction, one INSERT, per update)."""
    from aiogram import Bot

    recording = _Recording()
    bot = Bot("42:BENCH", session=recording.session)
    router = Router()

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dispatcher = Dispatcher()
    engine = None
    if url is not None:
        from bot.middlewares import DbSessionMiddleware, DeduplicateMiddleware
        from feedback_api.db.engine import create_engine, create_session_factory

        engine = create_engine(url)
        dispatcher.update.outer_middleware(DbSessionMiddleware(create_session_factory(engine)))
        dispatcher.update.outer_middleware(DeduplicateMiddleware())
    dispatcher.include_router(router)
    ids = itertools.count(1)
    n_updates = CONVERSATIONS * UPDATES_PER_CONVERSATION

    async def user(uid: int) -> None:
        u = _User(uid, ids)
        for _ in range(UPDATES_PER_CONVERSATION):
            await dispatcher.feed_update(bot, u.message("hello"))

    try:
        elapsed = await _measure(user)
    finally:
        await bot.session.close()
        if engine is not None:
            await engine.dispose()
    return {
        "updates_per_s": round(n_updates / elapsed, 1),
        "conversations_per_s": round(CONVERSATIONS / elapsed, 1),
    }


def _ratio(figure: dict[str, Any], floor: dict[str, Any]) -> float:
    return round(figure["conversations_per_s"] / floor["conversations_per_s"], 3)


def run(figures: dict[str, Any]) -> None:
    floor = asyncio.run(_echo_floor())
    figures["bot_echo_floor"] = floor
    print(
        f"bot echo floor           {floor['conversations_per_s']:8.1f} conversations/s"
        f" ({floor['updates_per_s']:.0f} updates/s)",
        flush=True,
    )
    with scratch_database("sqlite") as url:
        db_floor = asyncio.run(_echo_floor(url))
    db_floor["ratio_to_floor"] = _ratio(db_floor, floor)
    figures["bot_echo_db_floor_sqlite"] = db_floor
    print(
        f"bot echo + 1 transaction {db_floor['conversations_per_s']:8.1f} conversations/s"
        f"  ratio {db_floor['ratio_to_floor']:.3f} (SQLite)",
        flush=True,
    )
    for kind, name in (("sqlite", "sqlite"), ("postgresql", "postgres")):
        try:
            with scratch_database(kind) as url, tempfile.TemporaryDirectory() as data_dir:
                real = asyncio.run(_conversations(url, data_dir))
        except Exception as error:  # PostgreSQL not reachable: SQLite still counts
            print(f"bot {name}: FAILED: {error!r}", flush=True)
            figures[f"bot_{name}_error"] = repr(error)
            continue
        real["ratio_to_floor"] = _ratio(real, floor)
        if kind == "sqlite":
            real["ratio_to_db_floor"] = _ratio(real, db_floor)
        figures[f"bot_{name}"] = real
        print(
            f"bot {name:20s} {real['conversations_per_s']:8.1f} conversations/s"
            f"  ratio {real['ratio_to_floor']:.3f}  stored {real['stored']}"
            f" / {real['expected_stored']}",
            flush=True,
        )


if __name__ == "__main__":
    run({})
