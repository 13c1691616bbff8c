"""Webhook mode: Telegram posts updates to the web app, which hands them to the bot.

The app factory (the composition root) mounts `create_telegram_router(settings)` and calls
`start_telegram_webhook` / `stop_telegram_webhook` in its lifespan.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramUnauthorizedError
from aiogram.types import Update
from fastapi import APIRouter, FastAPI, HTTPException, Request, Response, status
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.factory import BotRuntime, build_runtime, create_bot
from feedback_api.config import ConfigError, Settings

if TYPE_CHECKING:
    from feedback_api.services.models import CurrentModels
    from feedback_api.services.submission import Policy

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
    models: CurrentModels,
    policy: Policy,
    bot: Bot | None = None,
) -> BotRuntime:
    """Build the bot for this worker and register the webhook with Telegram."""
    if not settings.telegram_webhook_url:
        raise ValueError("KOKEILU_TELEGRAM_WEBHOOK_URL is not set")
    runtime = build_runtime(
        settings, sessions=sessions, bot=bot or create_bot(settings), models=models, policy=policy
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


# --- the route and its lifespan hooks ------------------------------------------------

MAX_UPDATE_ID = 2**63


def create_telegram_router(settings: Settings) -> APIRouter:
    """The webhook route (the app factory mounts it when webhook mode is on)."""
    if settings.telegram_token is None:
        raise ConfigError("KOKEILU_TELEGRAM_WEBHOOK_URL is set but KOKEILU_TELEGRAM_TOKEN is not")
    router = APIRouter(include_in_schema=False)
    expected_secret = webhook_secret(settings)

    @router.post(webhook_path(settings))
    async def telegram_webhook(request: Request) -> Response:
        if not is_authentic(expected_secret, request.headers.get(SECRET_HEADER)):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "wrong or missing secret token")
        runtime = getattr(request.app.state, "telegram", None)
        if runtime is None:
            # Not started (yet): Telegram retries later.
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, "the bot is not running")
        try:
            update = Update.model_validate(await request.json(), context={"bot": runtime.bot})
        except (ValueError, ValidationError):
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "not a Telegram update") from None
        if not 0 <= update.update_id < MAX_UPDATE_ID:
            # Telegram's ids fit a signed 64-bit integer; the dedup table stores them so.
            raise HTTPException(status.HTTP_400_BAD_REQUEST, "update_id out of range")
        # Errors are answered to the user by the bot's own error handlers; the update is
        # then done, and a redelivery of it is skipped by its update_id.
        await runtime.deliver(update)
        return Response(status_code=status.HTTP_200_OK)

    return router


async def start_telegram_webhook(
    app: FastAPI, settings: Settings, *, bot: Bot | None = None
) -> None:
    """Lifespan startup hook: builds the bot on the app's `sessions`, `models` and submission
    `policy` (app.state: one policy for every channel), and calls setWebhook.

    Sets ``app.state.telegram`` (the runtime, None when webhook mode is off or the token
    is refused) and ``app.state.telegram_bot_username`` (``KOKEILU_TELEGRAM_BOT_USERNAME``
    or getMe) for deep links and QR codes. A no-op without ``KOKEILU_TELEGRAM_WEBHOOK_URL``.
    """
    app.state.telegram = None
    app.state.telegram_bot_username = (settings.telegram_bot_username or "").lstrip("@") or None
    if not settings.telegram_webhook_url:
        return
    try:
        runtime = await start_webhook(
            settings,
            sessions=app.state.sessions,
            models=app.state.models,
            policy=app.state.policy,
            bot=bot,
        )
    except TelegramUnauthorizedError:
        # The API and pages keep working; the webhook route answers 503 until fixed.
        logger.error("Telegram refused KOKEILU_TELEGRAM_TOKEN: the bot is not running")
        return
    app.state.telegram = runtime
    app.state.telegram_bot_username = await bot_username(settings, runtime.bot)
    logger.info("Telegram webhook registered at %s", settings.telegram_webhook_url)


async def stop_telegram_webhook(app: FastAPI) -> None:
    """Lifespan shutdown hook (the webhook stays registered for the other workers)."""
    runtime = getattr(app.state, "telegram", None)
    if runtime is not None:
        app.state.telegram = None
        await runtime.close()
