"""Builds the Bot and the Dispatcher with its middlewares, storage and routers.

Polling (``bot.runner``), the terminal (``bot.console``) and the webhook route in the web
app all use ``build_runtime``, so every way in runs the same handlers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import aiogram.methods
from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage
from aiogram.methods import TelegramMethod
from aiogram.methods.base import Response
from aiogram.types import Update
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.commands import set_commands
from bot.handlers import get_routers
from bot.i18n import create_i18n
from bot.middlewares import (
    DbSessionMiddleware,
    DeduplicateMiddleware,
    RespondentI18nMiddleware,
    RespondentMiddleware,
)
from bot.middlewares.dedup import prune_processed
from bot.storage import DatabaseStorage, create_storage
from feedback_api.config import ConfigError, Settings

if TYPE_CHECKING:
    from feedback_api.services.models import CurrentModels
    from feedback_api.services.submission import Policy

# Conversations nobody touched for this long are forgotten.
KEEP_STATE = timedelta(days=30)


@functools.cache
def _response_types() -> tuple[type[Any], ...]:
    """Every Bot API method's ``Response[...]`` model, held for the life of the process.

    aiogram parses each API answer with ``Response[method.__returning__]``; pydantic caches
    such parametrised models only weakly, so once the garbage collector has taken one, the
    next call builds its schema again (2-3 ms of CPU per request, measured in bench/bot.py).
    """
    returning = {
        repr(method.__returning__): method.__returning__
        for method in vars(aiogram.methods).values()
        if isinstance(method, type)
        and issubclass(method, TelegramMethod)
        and method is not TelegramMethod
    }
    return tuple(Response[kind] for kind in returning.values())  # type: ignore[valid-type]


def create_bot(
    settings: Settings, *, session: BaseSession | None = None, token: str | None = None
) -> Bot:
    """A Bot talking to ``KOKEILU_TELEGRAM_API_URL`` (Telegram's own when unset)."""
    _response_types()
    if token is None:
        if settings.telegram_token is None:
            raise ConfigError("KOKEILU_TELEGRAM_TOKEN is not set")
        token = settings.telegram_token.get_secret_value()
    if session is None:
        session = (
            AiohttpSession(api=TelegramAPIServer.from_base(settings.telegram_api_url))
            if settings.telegram_api_url
            else AiohttpSession()
        )
    return Bot(
        token=token,
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )


def build_dispatcher(
    *,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    storage: BaseStorage,
    events_isolation: BaseEventIsolation,
    i18n: I18n,
    models: CurrentModels,
    policy: Policy,
) -> Dispatcher:
    secret_key = settings.resolved_secret_key()
    # Handlers receive `models` (the process's current analysis models) and `policy` (the
    # submission rules every channel shares) from the dispatcher's data.
    dispatcher = Dispatcher(
        storage=storage,
        events_isolation=events_isolation,
        settings=settings,
        models=models,
        policy=policy,
    )
    # After aiogram's errors and user-context middlewares and before its FSM middleware,
    # which reads the conversation state: that read then happens in the update's own
    # transaction (and, on SQLite, in the update's turn), not on a connection of its own.
    updates = dispatcher.update.outer_middleware
    updates.unregister(dispatcher.fsm)
    updates(DbSessionMiddleware(sessions))
    updates(dispatcher.fsm)
    dispatcher.update.outer_middleware(DeduplicateMiddleware())
    dispatcher.update.outer_middleware(RespondentMiddleware(secret_key))
    i18n_middleware = RespondentI18nMiddleware(i18n)
    dispatcher.update.outer_middleware(i18n_middleware)
    dispatcher.errors.outer_middleware(i18n_middleware)
    dispatcher.include_routers(*get_routers())
    return dispatcher


@dataclass
class BotRuntime:
    """A bot with its dispatcher: feed it updates, close it at the end."""

    bot: Bot
    dispatcher: Dispatcher
    i18n: I18n
    sessions: async_sessionmaker[AsyncSession]

    async def deliver(self, update: Update) -> None:
        """Handle one update; a method the handler returned is sent after the commit."""
        response = await self.dispatcher.feed_update(self.bot, update)
        if isinstance(response, TelegramMethod):
            await self.dispatcher.silent_call_request(self.bot, response)

    async def prepare(self) -> None:
        """Register the command menu and drop old bookkeeping."""
        await set_commands(self.bot, self.i18n)
        storage = self.dispatcher.storage
        if isinstance(storage, DatabaseStorage):
            await storage.prune(KEEP_STATE)
        async with self.sessions() as session:
            await prune_processed(session=session)
            await session.commit()

    async def close(self) -> None:
        await self.dispatcher.storage.close()
        await self.dispatcher.fsm.events_isolation.close()
        await self.bot.session.close()


def build_runtime(
    settings: Settings,
    *,
    sessions: async_sessionmaker[AsyncSession],
    bot: Bot,
    models: CurrentModels,
    policy: Policy,
) -> BotRuntime:
    """The bot's runtime on the process's models and submission policy (their owner closes
    them)."""
    storage, isolation = create_storage(
        secret_key=settings.resolved_secret_key(),
        sessions=sessions,
        redis_url=settings.redis_url,
    )
    i18n = create_i18n()
    dispatcher = build_dispatcher(
        settings=settings,
        sessions=sessions,
        storage=storage,
        events_isolation=isolation,
        i18n=i18n,
        models=models,
        policy=policy,
    )
    return BotRuntime(bot=bot, dispatcher=dispatcher, i18n=i18n, sessions=sessions)
