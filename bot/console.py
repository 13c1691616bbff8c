"""The bot in a terminal: lines typed become messages, buttons are pressed by number.

The same dispatcher and handlers as on Telegram run here; only the Bot API session is
local (``ConsoleSession``), so no token and no network are needed.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import re
import time
from datetime import UTC, datetime
from typing import Any, TextIO

from aiogram import Bot
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    SendMessage,
    TelegramMethod,
)
from aiogram.types import (
    CallbackQuery,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)

from bot.factory import BotRuntime
from bot.session import LocalSession

CONSOLE_TOKEN = "100000:console"  # noqa: S105 (not a secret: the console talks to no server)
CONSOLE_USER_ID = 1
_TAG = re.compile(r"<[^>]+>")


def plain(text: str) -> str:
    """Telegram HTML as terminal text."""
    return html.unescape(_TAG.sub("", text))


class ConsoleSession(LocalSession):
    """Prints what the bot sends; remembers the newest buttons for the number keys."""

    def __init__(self, out: TextIO) -> None:
        # No username: the console bot has no t.me link to share.
        super().__init__(username=None)
        self.out = out
        self.buttons: list[InlineKeyboardButton] = []
        self.buttons_message: Message | None = None

    def _show(self, text: str, message: Any) -> None:
        self.out.write("\n" + plain(text) + "\n")
        markup = message.reply_markup if isinstance(message, Message) else None
        if isinstance(markup, InlineKeyboardMarkup) and markup.inline_keyboard:
            self.buttons = [button for row in markup.inline_keyboard for button in row]
            self.buttons_message = message
            number = itertools.count(1)
            for row in markup.inline_keyboard:
                self.out.write("  ".join(f"[{next(number)}] {b.text}" for b in row) + "\n")
        self.out.flush()

    def on_request(self, bot: Bot, method: TelegramMethod[Any], result: Any) -> None:
        if isinstance(method, SendMessage | EditMessageText):
            self._show(method.text or "", result)
        elif isinstance(method, EditMessageReplyMarkup):
            if self.buttons_message is not None and (
                method.message_id == self.buttons_message.message_id
            ):
                if isinstance(result, Message) and result.reply_markup is not None:
                    self._show(result.text or "", result)
                else:
                    self.buttons, self.buttons_message = [], None
        elif isinstance(method, AnswerCallbackQuery) and method.text:
            self.out.write(f"  ({plain(method.text)})\n")
            self.out.flush()


class ConsoleChat:
    """Turns typed lines into Telegram updates from one local user."""

    def __init__(self, session: ConsoleSession, language: str | None) -> None:
        self.session = session
        self.user = User(
            id=CONSOLE_USER_ID, is_bot=False, first_name="Console", language_code=language
        )
        self.chat = Chat(id=CONSOLE_USER_ID, type="private")
        # Unique across runs: the bot records handled update ids in the database.
        self._update_ids = itertools.count(int(time.time() * 1000))
        self._message_ids = itertools.count(1_000_000)
        self._callback_ids = itertools.count(1)

    def update_for(self, line: str) -> Update:
        text = line.strip()
        if text.isascii() and text.isdigit() and self.session.buttons_message is not None:
            index = int(text) - 1
            if 0 <= index < len(self.session.buttons):
                return self._press(self.session.buttons[index], self.session.buttons_message)
        message = Message(
            message_id=next(self._message_ids),
            date=datetime.now(UTC),
            chat=self.chat,
            from_user=self.user,
            text=line,
        )
        return Update(update_id=next(self._update_ids), message=message)

    def _press(self, button: InlineKeyboardButton, message: Message) -> Update:
        query = CallbackQuery(
            id=str(next(self._callback_ids)),
            from_user=self.user,
            chat_instance="console",
            message=message,
            data=button.callback_data,
        )
        return Update(update_id=next(self._update_ids), callback_query=query)


async def run_console(
    runtime: BotRuntime, session: ConsoleSession, stdin: TextIO, *, language: str | None
) -> None:
    """Read lines until end of input, feeding each through the dispatcher."""
    chat = ConsoleChat(session, language)
    while True:
        session.out.write("> ")
        session.out.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            session.out.write("\n")
            return
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        await runtime.deliver(chat.update_for(line))
