"""Small helpers the handlers share: the locale in use, button presses."""

from __future__ import annotations

from contextlib import suppress

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import get_i18n


def current_locale() -> str:
    return get_i18n().current_locale


def callback_chat_id(callback: CallbackQuery) -> int:
    if callback.message is not None:
        return callback.message.chat.id
    return callback.from_user.id


async def close_buttons(callback: CallbackQuery, notice: str | None = None) -> None:
    """Acknowledge the press and take the buttons off its message, so it cannot be reused."""
    await callback.answer(notice)
    if isinstance(callback.message, Message):
        # Telegram refuses edits of old messages or unchanged markup: nothing to do then.
        with suppress(TelegramBadRequest):
            await callback.message.edit_reply_markup(reply_markup=None)
