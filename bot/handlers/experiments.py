"""The list of running experiments: paging and choosing one."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow
from bot.callbacks import ExperimentChoice, ExperimentPage
from bot.filters import SameConversation
from bot.replies import callback_chat_id, close_buttons, current_locale
from bot.states import Conversation
from feedback_api.db.models import Respondent
from feedback_api.services import experiments, respondents


async def on_page(
    callback: CallbackQuery,
    callback_data: ExperimentPage,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
) -> None:
    await callback.answer()
    await flow.show_experiments(
        bot=bot,
        chat_id=callback_chat_id(callback),
        session=session,
        state=state,
        locale=current_locale(),
        page=callback_data.page,
        edit=callback.message if isinstance(callback.message, Message) else None,
    )


async def on_experiment(
    callback: CallbackQuery,
    callback_data: ExperimentChoice,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
    respondent_key: str,
    respondent: Respondent | None,
) -> None:
    # Not running any more: NotFoundError, answered kindly by the errors router.
    experiment = await experiments.get_experiment(session, callback_data.id)
    if respondent is None:  # erased in another chat meanwhile
        respondent = await respondents.create_respondent(
            session=session, key=respondent_key, language=current_locale()
        )
    locale = current_locale()
    await close_buttons(callback, experiment.localized_title(locale))
    await flow.ask_rating(
        bot=bot,
        chat_id=callback_chat_id(callback),
        state=state,
        experiment=experiment,
        respondent=respondent,
        locale=locale,
    )


def create_router() -> Router:
    router = Router(name="experiments")
    router.callback_query.register(
        on_page, Conversation.choosing_experiment, ExperimentPage.filter(), SameConversation()
    )
    router.callback_query.register(
        on_experiment,
        Conversation.choosing_experiment,
        ExperimentChoice.filter(),
        SameConversation(),
    )
    return router
