"""/forget: after a confirmation, erase the respondent and all their feedback."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow, interruptions
from bot.callbacks import ForgetConfirm
from bot.replies import callback_chat_id, close_buttons, current_locale
from bot.states import Conversation
from feedback_api.db.models import Respondent
from feedback_api.services import privacy


async def cmd_forget(message: Message, bot: Bot, state: FSMContext) -> None:
    await interruptions.interrupt(state, Conversation.confirming_forget)
    await flow.ask_forget(bot, message.chat.id, state)


async def on_forget_confirm(
    callback: CallbackQuery,
    callback_data: ForgetConfirm,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
    respondent_key: str,
    respondent: Respondent | None,
) -> None:
    await close_buttons(callback)
    chat_id = callback_chat_id(callback)
    if not callback_data.confirm:
        kept = _("forget.kept")
        resumed = await interruptions.resume(
            bot=bot,
            chat_id=chat_id,
            session=session,
            state=state,
            locale=current_locale(),
            before=kept,
        )
        if not resumed:
            await state.clear()
            await flow.send(bot, chat_id, kept)
        return
    # The conversation state goes too: it is about this person.
    await state.clear()
    if respondent is None:
        await flow.send(bot, chat_id, _("forget.nothing"))
        return
    result = await privacy.erase_respondent(session=session, key=respondent_key)
    await flow.send(bot, chat_id, _("forget.done").format(count=result.feedback))


def create_router() -> Router:
    router = Router(name="forget")
    router.message.register(cmd_forget, Command("forget"))
    router.callback_query.register(
        on_forget_confirm, Conversation.confirming_forget, ForgetConfirm.filter()
    )
    return router
