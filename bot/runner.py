"""Entry points: long polling against the configured Bot API server, or the terminal."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import TextIO

from aiogram import Bot, Dispatcher
from aiogram.client.session.middlewares.base import (
    BaseRequestMiddleware,
    NextRequestMiddlewareType,
)
from aiogram.exceptions import TelegramAPIError, TelegramNetworkError, TelegramUnauthorizedError
from aiogram.methods import Response, TelegramMethod
from aiogram.methods.base import TelegramType
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.console import CONSOLE_TOKEN, ConsoleSession, run_console
from bot.factory import build_runtime, create_bot
from bot.i18n import DEFAULT_LOCALE, supported_locale
from feedback_api.config import ConfigError, Settings
from feedback_api.db.engine import create_engine, create_session_factory, is_sqlite
from feedback_api.db.migrate import upgrade_database
from feedback_api.runtime import startup_objects_frozen
from feedback_api.services import themes
from feedback_api.services.models import CurrentModels
from feedback_api.services.submission import Policy

logger = logging.getLogger(__name__)
EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2


def run_bot(
    settings: Settings,
    *,
    console: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    language: str | None = None,
) -> int:
    """Run the bot until stopped (SIGINT/SIGTERM, or end of input in the console).

    Returns the exit status: 0 after a clean stop, 2 for a configuration error (no token,
    no usable secret key), 1 when the Bot API server refuses or cannot be reached.
    ``language`` is the console user's Telegram language (default: from ``$LANG``).
    """
    err = stderr or sys.stderr
    try:
        settings.resolved_secret_key()
    except ConfigError as error:
        print(f"error: {error}", file=err)
        return EXIT_CONFIG
    if console:
        if language is None:
            language = supported_locale(os.environ.get("LANG"))
        return asyncio.run(
            _console(settings, stdin or sys.stdin, stdout or sys.stdout, language=language)
        )
    if settings.telegram_token is None:
        print(
            "error: KOKEILU_TELEGRAM_TOKEN is not set. Get a token from @BotFather and set "
            "it (and KOKEILU_TELEGRAM_API_URL for another Bot API server), or try the bot "
            "without Telegram: `kokeilu bot --console`.",
            file=err,
        )
        return EXIT_CONFIG
    try:
        return asyncio.run(_poll(settings, err))
    except KeyboardInterrupt:  # pragma: no cover - a second Ctrl-C while stopping
        return EXIT_OK


@dataclass
class _Services:
    sessions: async_sessionmaker[AsyncSession]
    models: CurrentModels
    policy: Policy


@asynccontextmanager
async def _services(settings: Settings) -> AsyncIterator[_Services]:
    """The migrated database with the seed themes, the current models kept up to date, and
    the submission policy every channel shares."""
    engine = create_engine(settings.async_database_url, pool_size=settings.db_pool_size)
    policy = Policy.from_settings(settings)
    models: CurrentModels | None = None
    try:
        await upgrade_database(engine)
        sessions = create_session_factory(engine)
        async with sessions() as session:
            await themes.sync_seed_themes(session=session)
            await session.commit()
        models = CurrentModels(sessions, enabled=settings.classify_on_submit)
        await models.start()
        yield _Services(sessions, models, policy)
    finally:
        if models is not None:
            await models.aclose()
        await policy.aclose()
        await engine.dispose()


class _StopWhenRefused(BaseRequestMiddleware):
    """Ends polling when the Bot API server refuses the token (revoked, or mistyped).

    aiogram's polling retries every error forever; a refused token never heals, so the
    process stops with a clear message instead of logging the same failure for ever.
    """

    def __init__(self, dispatcher: Dispatcher) -> None:
        self.dispatcher = dispatcher
        self.refused = False
        self._stopping: asyncio.Task[None] | None = None

    async def __call__(
        self,
        make_request: NextRequestMiddlewareType[TelegramType],
        bot: Bot,
        method: TelegramMethod[TelegramType],
    ) -> Response[TelegramType]:
        try:
            return await make_request(bot, method)
        except TelegramUnauthorizedError:
            if not self.refused:
                self.refused = True
                # Not awaited here: stop_polling waits for the very task we are in.
                self._stopping = asyncio.create_task(self.dispatcher.stop_polling())
            raise


async def _poll(settings: Settings, err: TextIO) -> int:
    refused = "error: the Bot API server refused KOKEILU_TELEGRAM_TOKEN."
    async with _services(settings) as services:
        runtime = build_runtime(
            settings,
            sessions=services.sessions,
            bot=create_bot(settings),
            models=services.models,
            policy=services.policy,
        )
        dispatcher = runtime.dispatcher
        guard = _StopWhenRefused(dispatcher)
        runtime.bot.session.middleware(guard)
        try:
            me = await runtime.bot.get_me()
            await runtime.bot.delete_webhook(drop_pending_updates=False)
            await runtime.prepare()
            logger.info("polling as @%s", me.username)
            with startup_objects_frozen():
                await dispatcher.start_polling(
                    runtime.bot,
                    allowed_updates=dispatcher.resolve_used_update_types(),
                    # Signal handlers can only be installed by the main thread.
                    handle_signals=threading.current_thread() is threading.main_thread(),
                    # SQLite has one writer at a time: handle updates one by one there.
                    handle_as_tasks=not is_sqlite(settings.async_database_url),
                    close_bot_session=False,
                )
        except TelegramUnauthorizedError:
            print(refused, file=err)
            return EXIT_FAILED
        except (TelegramNetworkError, TelegramAPIError) as error:
            print(f"error: cannot use the Bot API server: {error}", file=err)
            return EXIT_FAILED
        finally:
            await runtime.close()
    if guard.refused:
        print(refused, file=err)
        return EXIT_FAILED
    return EXIT_OK


async def _console(
    settings: Settings, stdin: TextIO, stdout: TextIO, *, language: str | None
) -> int:
    async with _services(settings) as services:
        session = ConsoleSession(stdout)
        runtime = build_runtime(
            settings,
            sessions=services.sessions,
            bot=create_bot(settings, session=session, token=CONSOLE_TOKEN),
            models=services.models,
            policy=services.policy,
        )
        try:
            stdout.write(
                runtime.i18n.gettext("console.intro", locale=language or DEFAULT_LOCALE) + "\n"
            )
            await run_console(runtime, session, stdin, language=language)
        finally:
            await runtime.close()
    return EXIT_OK
