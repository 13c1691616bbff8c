"""The Telegram webhook: mounted when ``KOKEILU_TELEGRAM_WEBHOOK_URL`` is set.

Wiring (in ``create_app``): include ``create_telegram_router(settings)`` when it is not
None, call ``start_telegram_webhook(app, settings)`` in the lifespan after the session
factory and analyzer exist, and ``stop_telegram_webhook(app)`` before the engine closes.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramUnauthorizedError
from aiogram.types import Update
from fastapi import APIRouter, FastAPI, HTTPException, Request, Response, status
from pydantic import ValidationError

from bot.webhook import (
    SECRET_HEADER,
    bot_username,
    is_authentic,
    start_webhook,
    webhook_path,
    webhook_secret,
)
from feedback_api.config import ConfigError, Settings

logger = logging.getLogger(__name__)


MAX_UPDATE_ID = 2**63


def create_telegram_router(settings: Settings) -> APIRouter | None:
    """The webhook route, or None when the bot does not run in webhook mode."""
    if not settings.telegram_webhook_url:
        return None
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
    """Lifespan startup hook: builds the bot on ``app.state.sessions`` and calls setWebhook.

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
            analyzer=getattr(app.state, "analyzer", None),
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
