"""A redelivered update (webhook retry, the same update twice) is handled once."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware, Bot
from aiogram.types import TelegramObject, Update
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.base import insert_ignoring_conflicts, utcnow
from feedback_api.db.bot_models import BotProcessedUpdate

logger = logging.getLogger(__name__)
# Telegram keeps an unconfirmed update for 24 hours; a week is a wide margin.
KEEP_PROCESSED = timedelta(days=7)


async def mark_processed(*, session: AsyncSession, bot_id: int, update_id: int) -> bool:
    """Record the update in the current transaction; False when it was recorded before.

    The primary key decides: a concurrent duplicate waits for the first transaction and
    then inserts nothing, so exactly one of them does the work.
    """
    statement = insert_ignoring_conflicts(
        BotProcessedUpdate, session.get_bind().dialect.name, ["bot_id", "update_id"]
    ).values(bot_id=bot_id, update_id=update_id, processed_at=utcnow())
    result = await session.execute(statement)
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def prune_processed(*, session: AsyncSession, older_than: timedelta = KEEP_PROCESSED) -> int:
    result = await session.execute(
        delete(BotProcessedUpdate).where(BotProcessedUpdate.processed_at < utcnow() - older_than)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


class DeduplicateMiddleware(BaseMiddleware):
    """Skips an update whose id is already recorded (needs ``session`` from the DB middleware)."""

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        assert isinstance(event, Update)
        bot: Bot = data["bot"]
        if not await mark_processed(
            session=data["session"], bot_id=bot.id, update_id=event.update_id
        ):
            logger.info("update %s was already handled; skipping the redelivery", event.update_id)
            return None
        return await handler(event, data)
