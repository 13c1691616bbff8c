"""Bot: complete feedback conversations per second through the real dispatcher and database.

Each conversation is six updates (/start, role, experiment, rating, would_use, comment) fed
to `feed_update` with a local recording session instead of Telegram. The floor is a bare
aiogram dispatcher whose one handler echoes, fed the same number of updates.
"""

from __future__ import annotations

import asyncio
import itertools
import tempfile
import time
from datetime import UTC, datetime
from typing import Any

from aiogram import Dispatcher, F, Router
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bench.common import scratch_database, seed_experiment

CONVERSATIONS = 120
CONCURRENCY = 16
UPDATES_PER_CONVERSATION = 6


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


async def _conversations(url: str, data_dir: str) -> dict[str, Any]:
    from sqlalchemy import func, select

    from bot.factory import build_runtime, create_bot
    from feedback_api.config import Settings
    from feedback_api.db.engine import create_engine, create_session_factory
    from feedback_api.db.models import Feedback
    from feedback_api.services.classification import load_analyzer

    await seed_experiment(url)
    settings = Settings(
        _env_file=None,
        data_dir=data_dir,
        database_url=url,  # type: ignore[call-arg]
        secret_key="bench-secret-key-0123456789abcdef0123456789",
        rate_limit_per_client="",
        rate_limit_per_respondent="",
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

    async def run(start: int, n: int) -> float:
        begin = time.perf_counter()
        for chunk in range(start, start + n, CONCURRENCY):
            await asyncio.gather(
                *(converse(uid) for uid in range(chunk, min(chunk + CONCURRENCY, start + n)))
            )
        return time.perf_counter() - begin

    try:
        await run(10_000, CONCURRENCY)  # warm up
        elapsed = await run(20_000, CONVERSATIONS)
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


async def _echo_floor() -> dict[str, Any]:
    from aiogram import Bot

    recording = _Recording()
    bot = Bot("42:BENCH", session=recording.session)
    router = Router()

    @router.message(F.text)
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dispatcher = Dispatcher()
    dispatcher.include_router(router)
    ids = itertools.count(1)
    n_updates = CONVERSATIONS * UPDATES_PER_CONVERSATION

    async def user(uid: int) -> None:
        u = _User(uid, ids)
        for _ in range(UPDATES_PER_CONVERSATION):
            await dispatcher.feed_update(bot, u.message("hello"))

    begin = time.perf_counter()
    for chunk in range(0, CONVERSATIONS, CONCURRENCY):
        await asyncio.gather(*(user(uid) for uid in range(chunk, chunk + CONCURRENCY)))
    elapsed = time.perf_counter() - begin
    await bot.session.close()
    return {
        "updates_per_s": round(n_updates / elapsed, 1),
        "conversations_per_s": round(CONVERSATIONS / elapsed, 1),
    }


def run(figures: dict[str, Any]) -> None:
    floor = asyncio.run(_echo_floor())
    with scratch_database("sqlite") as url, tempfile.TemporaryDirectory() as data_dir:
        real = asyncio.run(_conversations(url, data_dir))
    real["ratio_to_floor"] = round(real["conversations_per_s"] / floor["conversations_per_s"], 3)
    figures["bot_echo_floor"] = floor
    figures["bot_sqlite"] = real
    print(
        f"bot echo floor           {floor['conversations_per_s']:8.1f} conversations/s"
        f" ({floor['updates_per_s']:.0f} updates/s)",
        flush=True,
    )
    print(
        f"bot sqlite               {real['conversations_per_s']:8.1f} conversations/s"
        f"  ratio {real['ratio_to_floor']:.3f}  stored {real['stored']}"
        f" / {real['expected_stored']}",
        flush=True,
    )


if __name__ == "__main__":
    run({})
