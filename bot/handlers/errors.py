"""Errors of any handler, answered in the user's language (the one place that maps them).

The update's transaction was rolled back before these run, conversation state included,
so the conversation is where it was before the failed update. The handlers that store
feedback change the conversation state only after storing, so this holds with Redis
storage too.
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
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from bot import keyboards
from feedback_api.domain.errors import (
    ConflictError,
    NotFoundError,
    RateLimitedError,
    TextTooLongError,
    UnavailableError,
)

logger = logging.getLogger(__name__)

# The database or Redis cannot be reached (refused, cut off, timed out, pool exhausted).
_UNAVAILABLE = (
    OperationalError,
    InterfaceError,
    PoolTimeoutError,
    OSError,  # refused connections, and TimeoutError
    RedisConnectionError,
    RedisTimeoutError,
    UnavailableError,
)


def is_unavailable(event: ErrorEvent) -> bool:
    """A dependency is down: not a bug in the update, so worth trying again shortly."""
    error = event.exception
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    return isinstance(error, _UNAVAILABLE)


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
    await _reply(event, bot, event_chat, _("error.closed"), keyboards.another_keyboard())


async def on_rate_limited(event: ErrorEvent, bot: Bot, event_chat: Chat | None = None) -> None:
    """Past the respondent's submission limit: nothing was stored, the step stays."""
    assert isinstance(event.exception, RateLimitedError)
    logger.info("update %s: respondent rate-limited", event.update.update_id)
    text = _("error.rate_limited").format(seconds=event.exception.retry_after)
    await _reply(event, bot, event_chat, text)


async def on_too_long(event: ErrorEvent, bot: Bot, event_chat: Chat | None = None) -> None:
    """A comment over the deployment's length limit: nothing was stored, the step stays."""
    assert isinstance(event.exception, TextTooLongError)
    error = event.exception
    text = _("comment.too_long").format(limit=error.limit, length=error.length)
    await _reply(event, bot, event_chat, text)


async def on_unavailable(event: ErrorEvent, bot: Bot, event_chat: Chat | None = None) -> None:
    """The database or Redis is down: say so kindly; the conversation waits where it was."""
    logger.error(
        "update %s not handled, a dependency is unavailable: %s: %s",
        event.update.update_id,
        type(event.exception).__name__,
        event.exception,
    )
    await _reply(event, bot, event_chat, _("error.unavailable"))


async def on_error(event: ErrorEvent, bot: Bot, event_chat: Chat | None = None) -> None:
    logger.error("update %s failed", event.update.update_id, exc_info=event.exception)
    await _reply(event, bot, event_chat, _("error.generic"))


def create_router() -> Router:
    router = Router(name="errors")
    router.errors.register(on_experiment_closed, ExceptionTypeFilter(NotFoundError, ConflictError))
    router.errors.register(on_rate_limited, ExceptionTypeFilter(RateLimitedError))
    router.errors.register(on_too_long, ExceptionTypeFilter(TextTooLongError))
    router.errors.register(on_unavailable, is_unavailable)
    router.errors.register(on_error)
    return router
