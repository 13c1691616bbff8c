"""Update middlewares, registered in this order on ``dp.update`` after aiogram's own
(errors, user context, FSM): the DB session, the redelivery guard, the respondent, i18n."""

from bot.middlewares.db import DbSessionMiddleware
from bot.middlewares.dedup import DeduplicateMiddleware
from bot.middlewares.i18n import RespondentI18nMiddleware
from bot.middlewares.respondent import RespondentMiddleware

__all__ = [
    "DbSessionMiddleware",
    "DeduplicateMiddleware",
    "RespondentI18nMiddleware",
    "RespondentMiddleware",
]
