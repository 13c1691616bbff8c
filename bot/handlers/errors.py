"""Errors of any handler, answered in the user's language (the one place that maps them).

The update's transaction was rolled back before these run, conversation state included,
so the conversation is where it was before the failed update.
"""

from __future__ import annotations

import logging
from contextlib import suppress

from aiogram import Bot, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.filters import ExceptionTypeFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import Chat, ErrorEvent, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import Menu, MenuAction
from feedback_api.domain.errors import ConflictError, NotFoundError

logger = logging.getLogger(__name__)


async def _reply(
    event: ErrorEvent,
    bot: Bot,
    chat: Chat | None,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    # Telegram itself may be what failed: the error reply is best effort.
    with suppress(TelegramAPIError):
        if event.update.callback_query is not None:
            await event.update.callback_query.answer()
        if chat is not None:
            await bot.send_message(chat_id=chat.id, text=text, reply_markup=markup)


async def on_experiment_closed(
    event: ErrorEvent,
    bot: Bot,
    state: FSMContext | None = None,
    event_chat: Chat | None = None,
) -> None:
    """The chosen experiment stopped taking feedback (or vanished) during the conversation."""
    logger.info("update %s: %s", event.update.update_id, event.exception)
    if state is not None:
        await state.clear()
    builder = InlineKeyboardBuilder()
    builder.button(text=_("button.another"), callback_data=Menu(action=MenuAction.ANOTHER))
    await _reply(event, bot, event_chat, _("error.closed"), builder.as_markup())


async def on_error(event: ErrorEvent, bot: Bot, event_chat: Chat | None = None) -> None:
    logger.error("update %s failed", event.update.update_id, exc_info=event.exception)
    await _reply(event, bot, event_chat, _("error.generic"))


def create_router() -> Router:
    router = Router(name="errors")
    router.errors.register(on_experiment_closed, ExceptionTypeFilter(NotFoundError, ConflictError))
    router.errors.register(on_error)
    return router
