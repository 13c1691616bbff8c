"""/start (with its deep link), /feedback and the buttons after a finished feedback."""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import default_state
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow, interruptions
from bot.callbacks import Menu, MenuAction
from bot.i18n import supported_locale
from bot.replies import callback_chat_id, close_buttons, current_locale
from feedback_api.db.models import Respondent
from feedback_api.services import respondents


async def begin(
    *,
    bot: Bot,
    chat_id: int,
    session: AsyncSession,
    state: FSMContext,
    respondent_key: str,
    respondent: Respondent | None,
    telegram_language: str | None,
    target: str | None,
) -> None:
    """Greet, then ask what is not known yet (language, role) and go to the experiment."""
    if respondent is None:
        respondent = await respondents.create_respondent(
            session=session, key=respondent_key, language=supported_locale(telegram_language)
        )
    await state.set_state(None)
    await state.set_data({"onboarding": True, "target": target})
    if respondent.language is not None:
        await flow.send(bot, chat_id, _("start.greeting"))
    await flow.continue_onboarding(
        bot=bot,
        chat_id=chat_id,
        session=session,
        state=state,
        respondent=respondent,
        locale=current_locale(),
    )


async def _in_progress(
    message: Message, bot: Bot, session: AsyncSession, state: FSMContext
) -> None:
    await message.answer(_("hint.in_progress"))
    await interruptions.reprompt(
        bot=bot, chat_id=message.chat.id, session=session, state=state, locale=current_locale()
    )


async def cmd_start(
    message: Message,
    command: CommandObject,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
    raw_state: str | None,
    respondent_key: str,
    respondent: Respondent | None,
) -> None:
    target = flow.parse_deep_link(command.args)
    # A plain /start mid-way keeps the conversation; a scanned QR code starts the new one.
    if target is None and raw_state is not None:
        await _in_progress(message, bot, session, state)
        return
    await begin(
        bot=bot,
        chat_id=message.chat.id,
        session=session,
        state=state,
        respondent_key=respondent_key,
        respondent=respondent,
        telegram_language=message.from_user.language_code if message.from_user else None,
        target=target,
    )


async def cmd_feedback(
    message: Message,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
    raw_state: str | None,
    respondent_key: str,
    respondent: Respondent | None,
) -> None:
    if raw_state is not None:
        await _in_progress(message, bot, session, state)
        return
    await _new_feedback(
        bot=bot,
        chat_id=message.chat.id,
        session=session,
        state=state,
        respondent_key=respondent_key,
        respondent=respondent,
        telegram_language=message.from_user.language_code if message.from_user else None,
    )


async def _new_feedback(
    *,
    bot: Bot,
    chat_id: int,
    session: AsyncSession,
    state: FSMContext,
    respondent_key: str,
    respondent: Respondent | None,
    telegram_language: str | None,
) -> None:
    if respondent is None or respondent.language is None or respondent.role is None:
        await begin(
            bot=bot,
            chat_id=chat_id,
            session=session,
            state=state,
            respondent_key=respondent_key,
            respondent=respondent,
            telegram_language=telegram_language,
            target=None,
        )
        return
    await flow.start_feedback(
        bot=bot,
        chat_id=chat_id,
        session=session,
        state=state,
        respondent=respondent,
        locale=current_locale(),
    )


async def on_another(
    callback: CallbackQuery,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
    respondent_key: str,
    respondent: Respondent | None,
) -> None:
    await close_buttons(callback)
    await _new_feedback(
        bot=bot,
        chat_id=callback_chat_id(callback),
        session=session,
        state=state,
        respondent_key=respondent_key,
        respondent=respondent,
        telegram_language=callback.from_user.language_code,
    )


async def on_stop(callback: CallbackQuery, bot: Bot) -> None:
    await close_buttons(callback)
    await flow.send(bot, callback_chat_id(callback), _("stop.text"))


def create_router() -> Router:
    router = Router(name="start")
    router.message.register(cmd_start, CommandStart())
    router.message.register(cmd_feedback, Command("feedback"))
    router.callback_query.register(
        on_another, default_state, Menu.filter(F.action == MenuAction.ANOTHER)
    )
    router.callback_query.register(on_stop, default_state, Menu.filter(F.action == MenuAction.STOP))
    return router
