"""A Bot API session answered in-process: no network, no token, every request recorded.

It is aiogram's "mocked bot" idea made a real component: the console mode renders what it
records, and the tests read the recorded requests.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncGenerator
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import (
    EditMessageReplyMarkup,
    EditMessageText,
    GetMe,
    GetUpdates,
    SendMessage,
    TelegramMethod,
)
from aiogram.methods.base import TelegramType
from aiogram.types import InlineKeyboardMarkup, Message

LOCAL_BOT_USERNAME = "kokeilu_bot"


def _markup(value: Any) -> dict[str, Any] | None:
    if isinstance(value, InlineKeyboardMarkup):
        return value.model_dump(mode="json", exclude_none=True)
    return None


class LocalSession(BaseSession):
    """Records each Bot API call in ``requests`` and answers it like Telegram would."""

    def __init__(self, *, username: str | None = LOCAL_BOT_USERNAME) -> None:
        super().__init__()
        self.username = username
        self.requests: list[TelegramMethod[Any]] = []
        self.messages: dict[int, Message] = {}
        self._message_ids = itertools.count(1)

    def _bot_user(self, bot: Bot) -> dict[str, Any]:
        user: dict[str, Any] = {"id": bot.id, "is_bot": True, "first_name": "Kokeilu"}
        if self.username:
            user["username"] = self.username
        return user

    def _message(
        self, bot: Bot, chat_id: int | str, text: str, markup: Any, message_id: int | None = None
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": int(chat_id), "type": "private"},
            "from": self._bot_user(bot),
            "text": text,
        }
        if (dumped := _markup(markup)) is not None:
            message["reply_markup"] = dumped
        return message

    def result_for(self, bot: Bot, method: TelegramMethod[Any]) -> Any:
        """The ``result`` Telegram would send back for `method`."""
        if isinstance(method, GetMe):
            return self._bot_user(bot)
        if isinstance(method, GetUpdates):
            return []
        if isinstance(method, SendMessage):
            return self._message(bot, method.chat_id, method.text, method.reply_markup)
        if isinstance(method, EditMessageText | EditMessageReplyMarkup) and method.message_id:
            old = self.messages.get(method.message_id)
            text = method.text if isinstance(method, EditMessageText) else None
            if old is None or (text is None and old.text is None):
                return True
            return self._message(
                bot,
                method.chat_id or old.chat.id,
                text if text is not None else (old.text or ""),
                method.reply_markup,
                message_id=method.message_id,
            )
        return True

    def on_request(self, bot: Bot, method: TelegramMethod[Any], result: Any) -> None:
        """Hook for subclasses (the console prints here)."""

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        self.requests.append(method)
        content = json.dumps({"ok": True, "result": self.result_for(bot, method)})
        result = self.check_response(bot=bot, method=method, status_code=200, content=content)
        value = result.result
        if isinstance(value, Message):
            self.messages[value.message_id] = value
        self.on_request(bot, method, value)
        return value  # type: ignore[return-value]

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 (aiogram's signature)
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        # Files are never downloaded: stickers, photos and voice are answered, not read.
        yield b""

    async def close(self) -> None:
        """Nothing to close."""
