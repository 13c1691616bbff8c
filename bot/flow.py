"""The conversation's steps: each sets the state and sends its question with its buttons.

Handlers decide which step comes next; the steps here only render and remember. Use cases
(listing experiments, storing feedback) are called from ``feedback_api.services``.
"""

from __future__ import annotations

import math
import secrets
from typing import Any

from aiogram import Bot, html
from aiogram.fsm.context import FSMContext
from aiogram.methods import SendMessage
from aiogram.types import InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot import keyboards
from bot.i18n import SUPPORTED_LOCALES
from bot.states import Conversation
from bot.texts import comment_prompt, question_text
from feedback_api.config import Settings
from feedback_api.db.models import Experiment, Respondent
from feedback_api.domain.enums import ExperimentStatus, Role
from feedback_api.domain.errors import NotFoundError
from feedback_api.domain.slugs import is_valid_slug
from feedback_api.services import experiments

PAGE_SIZE = 6
MAX_DESCRIPTION = 400
DEEP_LINK_PREFIX = "exp_"
CLOSED_STATUSES = frozenset(
    {ExperimentStatus.ENDED, ExperimentStatus.ADOPTED, ExperimentStatus.DISCONTINUED}
)


def new_conversation_token() -> str:
    return secrets.token_hex(4)


def parse_deep_link(payload: str | None) -> str | None:
    """The experiment reference of a ``/start exp_<slug>`` payload (maybe ""), else None."""
    if not payload or not payload.startswith(DEEP_LINK_PREFIX):
        return None
    return payload.removeprefix(DEEP_LINK_PREFIX).strip().lower()


def experiment_heading(experiment: Experiment, locale: str) -> str:
    title = html.bold(html.quote(experiment.localized_title(locale)))
    description = experiment.localized_description(locale)
    if not description:
        return title
    if len(description) > MAX_DESCRIPTION:
        description = description[: MAX_DESCRIPTION - 1].rstrip() + "…"
    return f"{title}\n{html.quote(description)}"


async def send(
    bot: Bot, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message:
    return await bot.send_message(chat_id=chat_id, text=text, reply_markup=markup)


# --- onboarding ---------------------------------------------------------------------------


async def ask_language(bot: Bot, chat_id: int, state: FSMContext) -> None:
    await state.set_state(Conversation.choosing_language)
    # Asked before the language is known: the question in all three languages.
    text = "\n".join(_("language.prompt", locale=code) for code in SUPPORTED_LOCALES)
    await send(bot, chat_id, text, keyboards.language_keyboard())


async def ask_role(bot: Bot, chat_id: int, state: FSMContext) -> None:
    await state.set_state(Conversation.choosing_role)
    await send(bot, chat_id, _("role.prompt"), keyboards.role_keyboard())


async def continue_onboarding(
    *,
    bot: Bot,
    chat_id: int,
    session: AsyncSession,
    state: FSMContext,
    respondent: Respondent,
    locale: str,
) -> None:
    """After /start: language, then role, then the deep-linked experiment or the list."""
    if respondent.language is None:
        await ask_language(bot, chat_id, state)
        return
    if respondent.role is None:
        await ask_role(bot, chat_id, state)
        return
    target = (await state.get_data()).get("target")
    await start_feedback(
        bot=bot,
        chat_id=chat_id,
        session=session,
        state=state,
        respondent=respondent,
        locale=locale,
        target=target,
    )


# --- choosing the experiment -------------------------------------------------------------


async def start_feedback(
    *,
    bot: Bot,
    chat_id: int,
    session: AsyncSession,
    state: FSMContext,
    respondent: Respondent,
    locale: str,
    target: str | None = None,
) -> None:
    """A new feedback conversation: the deep-linked experiment, else the list."""
    await state.set_state(None)
    await state.set_data({"conv": new_conversation_token()})
    if target is not None:
        experiment, closed = await _find_target(session, target)
        if experiment is not None:
            await ask_rating(
                bot=bot,
                chat_id=chat_id,
                state=state,
                experiment=experiment,
                respondent=respondent,
                locale=locale,
            )
            return
        if closed is not None:
            title = html.quote(closed.localized_title(locale))
            await send(bot, chat_id, _("deeplink.closed").format(title=title))
        else:
            await send(bot, chat_id, _("deeplink.unknown"))
    await show_experiments(bot=bot, chat_id=chat_id, session=session, state=state, locale=locale)


async def _find_target(
    session: AsyncSession, ref: str
) -> tuple[Experiment | None, Experiment | None]:
    """(running experiment, closed experiment): at most one is set."""
    if not ((ref.isascii() and ref.isdigit()) or is_valid_slug(ref)):
        return None, None
    try:
        experiment = await experiments.get_experiment(session, ref, anyone=True)
    except NotFoundError:
        return None, None
    if experiment.status == ExperimentStatus.RUNNING.value:
        return experiment, None
    if experiment.status in CLOSED_STATUSES:
        return None, experiment
    return None, None  # proposed or declined: not public


async def show_experiments(
    *,
    bot: Bot,
    chat_id: int,
    session: AsyncSession,
    state: FSMContext,
    locale: str,
    page: int = 0,
    edit: Message | None = None,
) -> None:
    """The running experiments as buttons, PAGE_SIZE at a time."""
    data = await state.get_data()
    conv = data.get("conv") or new_conversation_token()
    rows, total = await experiments.list_experiments(
        session, principal=None, limit=PAGE_SIZE, offset=max(page, 0) * PAGE_SIZE
    )
    pages = max(math.ceil(total / PAGE_SIZE), 1)
    if total and not rows:  # the list shrank under an old page button
        page = pages - 1
        rows, total = await experiments.list_experiments(
            session, principal=None, limit=PAGE_SIZE, offset=page * PAGE_SIZE
        )
    if total == 0:
        await state.clear()
        await send(bot, chat_id, _("experiments.none"))
        return
    await state.set_state(Conversation.choosing_experiment)
    await state.update_data(conv=conv, page=page)
    text = _("experiments.choose")
    if pages > 1:
        text += "\n" + _("experiments.page").format(page=page + 1, pages=pages)
    markup = keyboards.experiments_keyboard(rows, locale=locale, conv=conv, page=page, pages=pages)
    if edit is not None:
        await edit.edit_text(text=text, reply_markup=markup)
    else:
        await send(bot, chat_id, text, markup)


# --- the questions -----------------------------------------------------------------------


def question_for(role: str) -> str:
    """Employees say whether it fits their work; everyone else whether they would use it."""
    return "fits_work" if role == Role.EMPLOYEE.value else "would_use"


async def ask_rating(
    *,
    bot: Bot,
    chat_id: int,
    state: FSMContext,
    experiment: Experiment,
    respondent: Respondent,
    locale: str,
) -> None:
    role = respondent.role or Role.RESIDENT.value
    await state.set_state(Conversation.rating)
    await state.update_data(
        experiment_id=experiment.id, role=role, question=question_for(role), rating=None
    )
    data = await state.get_data()
    await send_rating(bot, chat_id, data, experiment, locale)


async def send_rating(
    bot: Bot, chat_id: int, data: dict[str, Any], experiment: Experiment, locale: str
) -> None:
    prompt = _("rating.prompt")
    text = f"{experiment_heading(experiment, locale)}\n\n{prompt}"
    await send(bot, chat_id, text, keyboards.rating_keyboard(data["conv"]))


async def ask_question(bot: Bot, chat_id: int, state: FSMContext) -> None:
    await state.set_state(Conversation.answering_question)
    data = await state.get_data()
    question = data.get("question", "would_use")
    await send(
        bot, chat_id, question_text(question), keyboards.answer_keyboard(data["conv"], question)
    )


async def ask_comment(bot: Bot, chat_id: int, state: FSMContext) -> None:
    await state.set_state(Conversation.writing_comment)
    data = await state.get_data()
    hint = _("comment.hint")
    text = f"{comment_prompt(data.get('role', Role.RESIDENT.value))}\n{hint}"
    await send(bot, chat_id, text, keyboards.skip_keyboard(data["conv"]))


async def ask_forget(bot: Bot, chat_id: int, state: FSMContext) -> None:
    await state.set_state(Conversation.confirming_forget)
    await send(bot, chat_id, _("forget.prompt"), keyboards.forget_keyboard())


def thanks(chat_id: int, experiment: Experiment, locale: str, link: str | None) -> SendMessage:
    """The closing message, returned by the handler so it is sent after the commit."""
    text = _("thanks.text").format(title=html.quote(experiment.localized_title(locale)))
    if link:
        text += "\n\n" + _("thanks.share").format(link=link)
    return SendMessage(chat_id=chat_id, text=text, reply_markup=keyboards.thanks_keyboard())


async def share_link(bot: Bot, settings: Settings, experiment: Experiment) -> str | None:
    """The deep link printed in the experiment's QR code: ``t.me/<bot>?start=exp_<slug>``."""
    username = settings.telegram_bot_username or (await bot.me()).username
    if not username:
        return None
    return f"https://t.me/{username.lstrip('@')}?start={DEEP_LINK_PREFIX}{experiment.slug}"
