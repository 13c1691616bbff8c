"""/language and the language buttons (also the first question when Telegram's is not
fi, sv or en)."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow, interruptions
from bot.callbacks import LanguageChoice
from bot.i18n import SUPPORTED_LOCALES
from bot.replies import callback_chat_id, close_buttons
from bot.states import Conversation
from feedback_api.db.models import Respondent
from feedback_api.services import respondents


async def cmd_language(message: Message, bot: Bot, state: FSMContext) -> None:
    await interruptions.interrupt(state, Conversation.choosing_language)
    await flow.ask_language(bot, message.chat.id, state)


async def on_language(
    callback: CallbackQuery,
    callback_data: LanguageChoice,
    bot: Bot,
    i18n: I18n,
    session: AsyncSession,
    state: FSMContext,
    respondent_key: str,
    respondent: Respondent | None,
) -> None:
    if callback_data.code not in SUPPORTED_LOCALES:
        await callback.answer()
        return
    if respondent is None:
        respondent = await respondents.create_respondent(session=session, key=respondent_key)
    await respondents.update_respondent(
        session=session, respondent=respondent, language=callback_data.code
    )
    i18n.current_locale = callback_data.code  # the rest of this update speaks it already
    await close_buttons(callback)
    chat_id = callback_chat_id(callback)
    data = await state.get_data()
    changed = _("language.changed")
    resumed = await interruptions.resume(
        bot=bot,
        chat_id=chat_id,
        session=session,
        state=state,
        locale=callback_data.code,
        before=changed,
    )
    if resumed:
        return
    if data.get("onboarding"):
        await flow.send(bot, chat_id, _("start.greeting"))
        await flow.continue_onboarding(
            bot=bot,
            chat_id=chat_id,
            session=session,
            state=state,
            respondent=respondent,
            locale=callback_data.code,
        )
        return
    await state.clear()
    hint = _("fallback.idle")
    await flow.send(bot, chat_id, f"{changed}\n{hint}")


def create_router() -> Router:
    router = Router(name="language")
    router.message.register(cmd_language, Command("language"))
    router.callback_query.register(
        on_language, Conversation.choosing_language, LanguageChoice.filter()
    )
    return router
