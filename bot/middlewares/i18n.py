"""The language of every answer: the respondent's stored one, else Telegram's (fi/sv/en)."""

from __future__ import annotations

from typing import Any

from aiogram.types import TelegramObject, User
from aiogram.utils.i18n import I18n, I18nMiddleware

from bot.i18n import supported_locale
from feedback_api.db.models import Respondent

LOCALE_KEY = "locale"


def telegram_locale(data: dict[str, Any]) -> str | None:
    user: User | None = data.get("event_from_user")
    return supported_locale(user.language_code) if user is not None else None


class RespondentI18nMiddleware(I18nMiddleware):
    """Chooses the locale per update and leaves it in the data as ``locale``.

    Registered on ``dp.update`` (after the respondent middleware) and on ``dp.errors``,
    where the update's data still carries the locale chosen before the error.
    """

    def __init__(self, i18n: I18n) -> None:
        super().__init__(i18n=i18n)

    async def get_locale(self, event: TelegramObject, data: dict[str, Any]) -> str:
        chosen: str | None = data.get(LOCALE_KEY)
        if chosen is None:
            respondent: Respondent | None = data.get("respondent")
            chosen = (
                supported_locale(respondent.language) if respondent is not None else None
            ) or telegram_locale(data)
        locale = chosen or self.i18n.default_locale
        data[LOCALE_KEY] = locale
        return locale
