"""Bot fixtures: the real dispatcher on the test database, driven through a local session."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime
from typing import Any

import pytest
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageText,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import (
    CallbackQuery,
    Chat,
    Message,
    PhotoSize,
    Sticker,
    Update,
    User,
    Voice,
)
from sqlalchemy import inspect, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.console import plain
from bot.factory import BotRuntime, build_runtime, create_bot
from bot.session import LocalSession
from feedback_api.config import Settings
from feedback_api.db import bot_models  # noqa: F401  (registers the bot tables on Base)
from feedback_api.db.engine import create_session_factory
from feedback_api.services.models import CurrentModels
from feedback_api.services.submission import Policy

# A distinctive Telegram user id: it must never reach the database.
USER_ID = 987654321
OTHER_USER_ID = 123456789


class RecordingSession(LocalSession):
    """LocalSession that also keeps every Message it returned, newest last."""

    def __init__(self) -> None:
        super().__init__()
        self.log: list[Message] = []

    def on_request(self, bot: Any, method: TelegramMethod[Any], result: Any) -> None:
        if isinstance(result, Message):
            self.log.append(result)


class TelegramUser:
    """One person chatting with the bot: builds their updates and feeds them."""

    def __init__(
        self,
        harness: Harness,
        user_id: int = USER_ID,
        language_code: str | None = "en",
        first_name: str = "Maija",
    ) -> None:
        self.harness = harness
        self.user = User(
            id=user_id, is_bot=False, first_name=first_name, language_code=language_code
        )
        self.chat = Chat(id=user_id, type="private")
        self._message_ids = itertools.count(1)

    @property
    def session(self) -> RecordingSession:
        return self.harness.session

    # --- building updates ----------------------------------------------------------------

    def message(self, text: str | None = None, **content: Any) -> Message:
        return Message(
            message_id=next(self._message_ids),
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=self.user,
            text=text,
            **content,
        )

    def message_update(self, text: str | None = None, **content: Any) -> Update:
        return Update(
            update_id=self.harness.next_update_id(), message=self.message(text, **content)
        )

    def callback_update(self, data: str, message: Message) -> Update:
        query = CallbackQuery(
            id=str(self.harness.next_update_id()),
            from_user=self.user,
            chat_instance="test",
            message=message,
            data=data,
        )
        return Update(update_id=self.harness.next_update_id(), callback_query=query)

    # --- acting ----------------------------------------------------------------------------

    async def feed(self, update: Update) -> list[TelegramMethod[Any]]:
        """Deliver one update; returns the Bot API calls the bot made for it."""
        before = len(self.session.requests)
        await self.harness.runtime.deliver(update)
        return self.session.requests[before:]

    async def send(self, text: str) -> list[TelegramMethod[Any]]:
        return await self.feed(self.message_update(text))

    async def sticker(self) -> list[TelegramMethod[Any]]:
        sticker = Sticker(
            file_id="s1",
            file_unique_id="s1u",
            type="regular",
            width=512,
            height=512,
            is_animated=False,
            is_video=False,
        )
        return await self.feed(self.message_update(sticker=sticker))

    async def photo(self) -> list[TelegramMethod[Any]]:
        size = PhotoSize(file_id="p1", file_unique_id="p1u", width=90, height=90)
        return await self.feed(self.message_update(photo=[size], caption="look"))

    async def voice(self) -> list[TelegramMethod[Any]]:
        voice = Voice(file_id="v1", file_unique_id="v1u", duration=3)
        return await self.feed(self.message_update(voice=voice))

    async def edit(self, text: str) -> list[TelegramMethod[Any]]:
        edited = self.message(text, edit_date=int(datetime.now(UTC).timestamp()))
        return await self.feed(
            Update(update_id=self.harness.next_update_id(), edited_message=edited)
        )

    def find_button(self, label: str) -> tuple[str, Message]:
        """The newest message of this chat with a button labelled `label` (exactly)."""
        for message in reversed(self.session.log):
            if message.chat.id != self.chat.id or message.reply_markup is None:
                continue
            for row in message.reply_markup.inline_keyboard:
                for button in row:
                    if button.text == label and button.callback_data:
                        return button.callback_data, message
        raise AssertionError(f"no button {label!r}; last texts: {self.texts()[-3:]}")

    async def press(self, label: str) -> list[TelegramMethod[Any]]:
        data, message = self.find_button(label)
        return await self.feed(self.callback_update(data, message))

    async def press_data(self, data: str, message: Message) -> list[TelegramMethod[Any]]:
        return await self.feed(self.callback_update(data, message))

    # --- reading ---------------------------------------------------------------------------

    def texts(self, requests: Iterable[TelegramMethod[Any]] | None = None) -> list[str]:
        """Plain texts of the messages sent (and edited) to this chat."""
        source = self.session.requests if requests is None else requests
        return [
            plain(r.text)
            for r in source
            if isinstance(r, SendMessage | EditMessageText) and str(r.chat_id) == str(self.chat.id)
        ]

    def texts_all(self) -> list[str]:
        """Plain texts of every message the bot sent, to anyone."""
        return [
            plain(r.text)
            for r in self.session.requests
            if isinstance(r, SendMessage | EditMessageText)
        ]

    def last_buttons(self) -> list[str]:
        for message in reversed(self.session.log):
            if message.chat.id == self.chat.id and message.reply_markup is not None:
                return [b.text for row in message.reply_markup.inline_keyboard for b in row]
        return []


def notices(requests: Iterable[TelegramMethod[Any]]) -> list[str]:
    """Texts of the small notices shown for button presses."""
    return [r.text for r in requests if isinstance(r, AnswerCallbackQuery) and r.text]


class Harness:
    """The bot (LocalSession) and its dispatcher over the test database."""

    def __init__(self, settings: Settings, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.settings = settings
        self.sessions = sessions
        self.session = RecordingSession()
        # As `kokeilu bot` has them: the current models (off unless a test turns them on)
        # and the submission policy every channel shares.
        self.models = CurrentModels(sessions, enabled=settings.classify_on_submit)
        self.policies: list[Policy] = []  # one per (re)start, closed by the fixture
        self._update_ids = itertools.count(1000)
        self.runtime = self.build()
        # A test that provokes a failure on purpose sets this; otherwise any "sorry,
        # something went wrong" reply fails the test.
        self.expect_errors = False

    def build(self) -> BotRuntime:
        """A fresh bot and dispatcher (as after a restart) on the same database."""
        bot = create_bot(self.settings, session=self.session, token="42:TEST")
        self.policy = Policy.from_settings(self.settings)
        self.policies.append(self.policy)
        return build_runtime(
            self.settings, sessions=self.sessions, bot=bot, models=self.models, policy=self.policy
        )

    def restart(self) -> None:
        self.runtime = self.build()

    def next_update_id(self) -> int:
        return next(self._update_ids)

    def user(self, language_code: str | None = "en", user_id: int = USER_ID) -> TelegramUser:
        return TelegramUser(self, user_id=user_id, language_code=language_code)

    def t(self, key: str, locale: str) -> str:
        """A catalog text as the user sees it."""
        return plain(self.runtime.i18n.gettext(key, locale=locale))


@pytest.fixture
def bot_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"classify_on_submit": False, "redis_url": None})


@pytest.fixture
def sessions(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return create_session_factory(engine)


@pytest.fixture
async def harness(
    bot_settings: Settings, sessions: async_sessionmaker[AsyncSession], session: AsyncSession
) -> AsyncIterator[Harness]:
    # `session` seeds the themes; it holds no transaction while the bot runs.
    harness = Harness(bot_settings, sessions)
    yield harness
    await harness.runtime.close()
    for policy in harness.policies:
        await policy.aclose()
    if not harness.expect_errors:
        generic = {harness.t("error.generic", locale) for locale in ("fi", "sv", "en")}
        failed = [text for text in TelegramUser(harness).texts_all() if text in generic]
        assert not failed, "a handler failed; see the log"


async def database_dump(engine: AsyncEngine) -> list[tuple[str, str, str]]:
    """(table, column, value as text) for every value of every table in the database."""
    async with engine.connect() as connection:
        tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        dump: list[tuple[str, str, str]] = []
        for table in tables:
            result = await connection.execute(text(f'SELECT * FROM "{table}"'))
            columns = list(result.keys())
            for row in result:
                dump.extend(
                    (table, column, str(value))
                    for column, value in zip(columns, row, strict=True)
                    if value is not None
                )
        return dump
