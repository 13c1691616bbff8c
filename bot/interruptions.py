"""Interruptions: a question asked in the middle (language, role, erasure) and the way
back to the step it interrupted; what a step expects, for stray input."""

from __future__ import annotations

from aiogram import Bot
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow
from bot.states import Conversation
from feedback_api.services import experiments


async def interrupt(state: FSMContext, step: State) -> None:
    """Enter `step` (a language, role or erasure question) and remember where we were."""
    current = await state.get_state()
    if current is not None and current != step.state:
        stack = list((await state.get_data()).get("resume") or [])
        await state.update_data(resume=[*stack, current])
    await state.set_state(step)


async def resume(
    *,
    bot: Bot,
    chat_id: int,
    session: AsyncSession,
    state: FSMContext,
    locale: str,
    before: str | None = None,
) -> bool:
    """Go back to the step an interruption left, asking its question again; False if none."""
    stack = list((await state.get_data()).get("resume") or [])
    if not stack:
        return False
    previous = stack.pop()
    await state.update_data(resume=stack)
    await state.set_state(previous)
    if before:
        await flow.send(bot, chat_id, before)
    await reprompt(bot=bot, chat_id=chat_id, session=session, state=state, locale=locale)
    return True


async def reprompt(
    *, bot: Bot, chat_id: int, session: AsyncSession, state: FSMContext, locale: str
) -> None:
    """Ask the current step's question again (after an interruption or a stray input)."""
    current = await state.get_state()
    data = await state.get_data()
    if current == Conversation.choosing_language.state:
        await flow.ask_language(bot, chat_id, state)
    elif current == Conversation.choosing_role.state:
        await flow.ask_role(bot, chat_id, state)
    elif current == Conversation.choosing_experiment.state:
        await flow.show_experiments(
            bot=bot,
            chat_id=chat_id,
            session=session,
            state=state,
            locale=locale,
            page=data.get("page", 0),
        )
    elif current == Conversation.rating.state:
        experiment = await experiments.get_experiment(session, data["experiment_id"])
        await flow.send_rating(bot, chat_id, data, experiment, locale)
    elif current == Conversation.answering_question.state:
        await flow.ask_question(bot, chat_id, state)
    elif current == Conversation.writing_comment.state:
        await flow.ask_comment(bot, chat_id, state)
    elif current == Conversation.confirming_forget.state:
        await flow.ask_forget(bot, chat_id, state)


def step_hint(current: str | None) -> str:
    """One line that tells what the current step expects."""
    if current is None:
        return _("fallback.idle")
    if current == Conversation.writing_comment.state:
        return _("comment.hint")
    return _("fallback.use_buttons")
