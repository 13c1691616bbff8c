"""Webhook mode: Telegram posts updates to the web app, which hands them to the bot.

The HTTP side lives in ``feedback_api.web.routes.telegram``; this module holds what does
not depend on the web framework (the path, the secret, registering the webhook).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramUnauthorizedError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.factory import BotRuntime, build_runtime, create_bot
from feedback_api.config import Settings

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer
    from feedback_api.services.ratelimit import SubmissionLimiter

logger = logging.getLogger(__name__)
DEFAULT_WEBHOOK_PATH = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 (a header name)


def webhook_path(settings: Settings) -> str:
    """The path of ``KOKEILU_TELEGRAM_WEBHOOK_URL``, or /telegram/webhook."""
    path = urlsplit(settings.telegram_webhook_url or "").path.rstrip("/")
    return path or DEFAULT_WEBHOOK_PATH


def webhook_secret(settings: Settings) -> str:
    """``KOKEILU_TELEGRAM_WEBHOOK_SECRET``, else one derived from the secret key.

    Every worker derives the same value; Telegram allows [A-Za-z0-9_-], 1–256 characters.
    """
    if settings.telegram_webhook_secret is not None:
        return settings.telegram_webhook_secret.get_secret_value()
    return hmac.new(
        settings.resolved_secret_key().encode("utf-8"), b"telegram-webhook", hashlib.sha256
    ).hexdigest()


def is_authentic(expected_secret: str, header_value: str | None) -> bool:
    """Telegram's secret-token header matches (compared in constant time)."""
    if not header_value:
        return False
    return hmac.compare_digest(header_value.encode(), expected_secret.encode())


async def start_webhook(
    settings: Settings,
    *,
    sessions: async_sessionmaker[AsyncSession],
    analyzer: Analyzer | None = None,
    bot: Bot | None = None,
    limiter: SubmissionLimiter | None = None,
) -> BotRuntime:
    """Build the bot for this worker and register the webhook with Telegram.

    `limiter`: the web app's SubmissionLimiter, to share its counters (and its Redis
    connections); without it the bot builds its own from the same settings.
    """
    if not settings.telegram_webhook_url:
        raise ValueError("KOKEILU_TELEGRAM_WEBHOOK_URL is not set")
    runtime = build_runtime(
        settings,
        sessions=sessions,
        bot=bot or create_bot(settings),
        analyzer=analyzer,
        limiter=limiter,
    )
    try:
        # Every worker registers the same URL and secret: doing it twice is harmless.
        await runtime.bot.set_webhook(
            url=settings.telegram_webhook_url,
            secret_token=webhook_secret(settings),
            allowed_updates=runtime.dispatcher.resolve_used_update_types(),
        )
        await runtime.prepare()
    except TelegramUnauthorizedError:
        await runtime.close()
        raise
    except TelegramAPIError as error:
        # Telegram unreachable right now: a webhook registered earlier still delivers.
        logger.error("could not register the Telegram webhook: %s", error)
    return runtime


async def bot_username(settings: Settings, bot: Bot) -> str | None:
    """For deep links and QR codes: the configured username, else Telegram's getMe."""
    if settings.telegram_bot_username:
        return settings.telegram_bot_username.lstrip("@")
    try:
        return (await bot.me()).username
    except TelegramAPIError as error:
        logger.error("getMe failed, no bot username for deep links: %s", error)
        return None
