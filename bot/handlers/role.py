"""Who is answering: asked on first contact, changeable from the experiment list."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow, interruptions
from bot.callbacks import Menu, MenuAction, RoleChoice
from bot.replies import callback_chat_id, close_buttons, current_locale
from bot.states import Conversation
from bot.texts import role_label
from feedback_api.db.models import Respondent
from feedback_api.domain.enums import Role
from feedback_api.services import respondents


async def on_role(
    callback: CallbackQuery,
    callback_data: RoleChoice,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
    respondent_key: str,
    respondent: Respondent | None,
) -> None:
    if respondent is None:
        respondent = await respondents.create_respondent(
            session=session, key=respondent_key, language=current_locale()
        )
    await respondents.update_respondent(
        session=session, respondent=respondent, role=callback_data.role
    )
    await close_buttons(callback, role_label(callback_data.role))
    chat_id = callback_chat_id(callback)
    locale = current_locale()
    if await interruptions.resume(
        bot=bot, chat_id=chat_id, session=session, state=state, locale=locale
    ):
        return
    await flow.continue_onboarding(
        bot=bot,
        chat_id=chat_id,
        session=session,
        state=state,
        respondent=respondent,
        locale=locale,
    )


async def on_change_role(callback: CallbackQuery, bot: Bot, state: FSMContext) -> None:
    await close_buttons(callback)
    await interruptions.interrupt(state, Conversation.choosing_role)
    await flow.ask_role(bot, callback_chat_id(callback), state)


def create_router() -> Router:
    router = Router(name="role")
    router.callback_query.register(
        on_role, Conversation.choosing_role, RoleChoice.filter(F.role.in_({r.value for r in Role}))
    )
    router.callback_query.register(
        on_change_role,
        Conversation.choosing_experiment,
        Menu.filter(F.action == MenuAction.CHANGE_ROLE),
    )
    return router
