"""Who is writing: the pseudonymous key of the Telegram user and their stored record."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.enums import ChatType
from aiogram.types import Chat, TelegramObject, User

from feedback_api.services import respondents


class RespondentMiddleware(BaseMiddleware):
    """Puts ``respondent_key`` and ``respondent`` (or None) into the handler data.

    The plain Telegram id is used only here, in memory, to derive the key. Updates without
    a user, or from group chats (where answers would be public), are not handled.
    """

    def __init__(self, secret_key: str) -> None:
        self.secret_key = secret_key

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        user: User | None = data.get("event_from_user")
        chat: Chat | None = data.get("event_chat")
        if user is None or user.is_bot or (chat is not None and chat.type != ChatType.PRIVATE):
            return None
        key = respondents.pseudonym(self.secret_key, "telegram", user.id)
        data["respondent_key"] = key
        data["respondent"] = await respondents.get_respondent(session=data["session"], key=key)
        return await handler(event, data)
