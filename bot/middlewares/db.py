"""One database session per update; the edge owns the transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.storage import bind_session


class DbSessionMiddleware(BaseMiddleware):
    """Opens a session, hands it to handlers as ``session``, commits when they return.

    An exception rolls everything back, including the conversation state kept in the
    database, so a failed update leaves the conversation where it was.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self.sessions = sessions

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        async with self.sessions() as session:
            data["session"] = session
            try:
                with bind_session(session):
                    result = await handler(event, data)
                    await session.commit()
                return result
            except BaseException:
                await session.rollback()
                raise
            finally:
                # The errors handler runs after this block: it must not see a closed session.
                data.pop("session", None)
