"""The feedback steps: rating, the role's question, the comment, then it is stored."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.exceptions import TelegramAPIError
from aiogram.fsm.context import FSMContext
from aiogram.methods import SendMessage
from aiogram.types import CallbackQuery, Message, Update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import flow
from bot.callbacks import AnswerChoice, RatingChoice, SkipComment
from bot.filters import SameConversation
from bot.replies import callback_chat_id, close_buttons, current_locale
from bot.states import Conversation
from bot.texts import answer_label
from feedback_api.config import Settings
from feedback_api.db.models import Respondent
from feedback_api.domain.enums import Channel, FitsWork, Language, Role, WouldUse
from feedback_api.domain.errors import TextTooLongError
from feedback_api.domain.schemas import MAX_TEXT_LENGTH, FeedbackCreate
from feedback_api.services import experiments, respondents
from feedback_api.services.submission import Submission, submit_feedback

if TYPE_CHECKING:
    from feedback_api.services.models import CurrentModels
    from feedback_api.services.submission import Policy


async def on_rating(
    callback: CallbackQuery, callback_data: RatingChoice, bot: Bot, state: FSMContext
) -> None:
    await state.update_data(rating=callback_data.value)
    await close_buttons(callback, str(callback_data.value))
    await flow.ask_question(bot, callback_chat_id(callback), state)


async def on_answer(
    callback: CallbackQuery, callback_data: AnswerChoice, bot: Bot, state: FSMContext
) -> None:
    question = (await state.get_data()).get("question", "would_use")
    allowed = FitsWork if question == "fits_work" else WouldUse
    if callback_data.value not in {v.value for v in allowed}:
        await callback.answer()
        return
    await state.update_data(answer=callback_data.value)
    await close_buttons(callback, answer_label(question, callback_data.value))
    await flow.ask_comment(bot, callback_chat_id(callback), state)


async def on_comment(
    message: Message,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
    settings: Settings,
    respondent_key: str,
    respondent: Respondent | None,
    event_update: Update,
    models: CurrentModels,
    policy: Policy,
) -> SendMessage:
    # A lone surrogate (possible in an update's JSON, not in UTF-8) becomes "?": the rest of
    # the comment is kept instead of the whole update failing validation.
    text = (message.text or "").encode("utf-8", "replace").decode("utf-8")
    return await _store(
        bot=bot,
        chat_id=message.chat.id,
        session=session,
        state=state,
        settings=settings,
        respondent_key=respondent_key,
        respondent=respondent,
        text=text,
        update_id=event_update.update_id,
        models=models,
        policy=policy,
    )


async def on_skip(
    callback: CallbackQuery,
    bot: Bot,
    session: AsyncSession,
    state: FSMContext,
    settings: Settings,
    respondent_key: str,
    respondent: Respondent | None,
    event_update: Update,
    models: CurrentModels,
    policy: Policy,
) -> SendMessage:
    thanks = await _store(
        bot=bot,
        chat_id=callback_chat_id(callback),
        session=session,
        state=state,
        settings=settings,
        respondent_key=respondent_key,
        respondent=respondent,
        text=None,
        update_id=event_update.update_id,
        models=models,
        policy=policy,
    )
    # Only once it is stored: when storing fails, the Skip button stays for another try;
    # and a Telegram hiccup while tidying the buttons must not undo the stored feedback.
    with suppress(TelegramAPIError):
        await close_buttons(callback)
    return thanks


async def _store(
    *,
    bot: Bot,
    chat_id: int,
    session: AsyncSession,
    state: FSMContext,
    settings: Settings,
    respondent_key: str,
    respondent: Respondent | None,
    text: str | None,
    update_id: int,
    models: CurrentModels,
    policy: Policy,
) -> SendMessage:
    """Submit the conversation's answers as one feedback; the thank-you goes after commit.

    The submission use case every channel shares, in this update's transaction. Past the
    respondent's rate limit, or over the length limit, its error propagates (answered by the
    errors router) before anything changed: the conversation stays at the comment step.
    """
    data = await state.get_data()
    locale = current_locale()
    # Not running any more: NotFoundError / ConflictError, answered by the errors router.
    experiment = await experiments.get_experiment(session, data["experiment_id"])
    if respondent is None:  # erased in another chat meanwhile
        respondent = await respondents.create_respondent(
            session=session, key=respondent_key, language=locale
        )
    else:
        await respondents.update_respondent(session=session, respondent=respondent)  # seen now
    question, answer = data.get("question"), data.get("answer")
    if text is not None and len(text) > MAX_TEXT_LENGTH:
        # Longer than any deployment accepts: the schema would refuse it outright.
        raise TextTooLongError(limit=policy.max_text_length, length=len(text))
    await submit_feedback(
        session=session,
        submission=Submission(
            experiment=experiment.id,
            data=FeedbackCreate(
                text=text,
                rating=data.get("rating"),
                role=Role(data.get("role", Role.RESIDENT.value)),
                language=Language(locale),
                would_use=WouldUse(answer) if answer and question == "would_use" else None,
                fits_work=FitsWork(answer) if answer and question == "fits_work" else None,
            ),
            channel=Channel.TELEGRAM,
            idempotency_key=f"telegram:{update_id}",
            respondent_id=respondent.id,
            respondent_key=respondent.key,
            respondent_language=respondent.language,
        ),
        policy=policy,
        analyzer=models(),
    )
    await state.clear()
    return flow.thanks(
        chat_id, experiment, locale, await flow.share_link(bot, settings, experiment)
    )


def create_router() -> Router:
    router = Router(name="feedback")
    router.callback_query.register(
        on_rating,
        Conversation.rating,
        RatingChoice.filter(F.value.in_(range(1, 6))),
        SameConversation(),
    )
    router.callback_query.register(
        on_answer, Conversation.answering_question, AnswerChoice.filter(), SameConversation()
    )
    router.message.register(
        on_comment, Conversation.writing_comment, F.text, ~F.text.startswith("/")
    )
    router.callback_query.register(
        on_skip, Conversation.writing_comment, SkipComment.filter(), SameConversation()
    )
    return router
