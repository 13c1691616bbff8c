"""Inline keyboards of each step (labels from the catalogs, data from ``bot.callbacks``)."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.callbacks import (
    AnswerChoice,
    ExperimentChoice,
    ExperimentPage,
    ForgetConfirm,
    LanguageChoice,
    Menu,
    MenuAction,
    RatingChoice,
    RoleChoice,
    SkipComment,
)
from bot.i18n import SUPPORTED_LOCALES
from bot.texts import answer_label, language_name, role_label
from feedback_api.db.models import Experiment
from feedback_api.domain.enums import FitsWork, Role, WouldUse

MAX_BUTTON_TEXT = 60


def _shorten(text: str, limit: int = MAX_BUTTON_TEXT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def language_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for code in SUPPORTED_LOCALES:
        builder.button(text=language_name(code), callback_data=LanguageChoice(code=code))
    builder.adjust(3)
    return builder.as_markup()


def role_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for role in Role:
        builder.button(text=role_label(role.value), callback_data=RoleChoice(role=role.value))
    builder.adjust(2)
    return builder.as_markup()


def experiments_keyboard(
    experiments: Sequence[Experiment],
    *,
    locale: str,
    conv: str,
    page: int,
    pages: int,
) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for experiment in experiments:
        builder.row(
            InlineKeyboardButton(
                text=_shorten(experiment.localized_title(locale)),
                callback_data=ExperimentChoice(conv=conv, id=experiment.id).pack(),
            )
        )
    navigation = []
    if page > 0:
        navigation.append(
            InlineKeyboardButton(
                text=_("button.previous"),
                callback_data=ExperimentPage(conv=conv, page=page - 1).pack(),
            )
        )
    if page + 1 < pages:
        navigation.append(
            InlineKeyboardButton(
                text=_("button.next"),
                callback_data=ExperimentPage(conv=conv, page=page + 1).pack(),
            )
        )
    if navigation:
        builder.row(*navigation)
    builder.row(
        InlineKeyboardButton(
            text=_("button.change_role"),
            callback_data=Menu(action=MenuAction.CHANGE_ROLE).pack(),
        )
    )
    return builder.as_markup()


def rating_keyboard(conv: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    for value in range(1, 6):
        builder.button(text=str(value), callback_data=RatingChoice(conv=conv, value=value))
    builder.adjust(5)
    return builder.as_markup()


def answer_keyboard(conv: str, question: str) -> InlineKeyboardMarkup:
    values = [v.value for v in (FitsWork if question == "fits_work" else WouldUse)]
    builder = InlineKeyboardBuilder()
    for value in values:
        builder.button(
            text=answer_label(question, value), callback_data=AnswerChoice(conv=conv, value=value)
        )
    builder.adjust(3)
    return builder.as_markup()


def skip_keyboard(conv: str) -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("button.skip"), callback_data=SkipComment(conv=conv))
    return builder.as_markup()


def thanks_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("button.another"), callback_data=Menu(action=MenuAction.ANOTHER))
    builder.button(text=_("button.stop"), callback_data=Menu(action=MenuAction.STOP))
    builder.adjust(1)
    return builder.as_markup()


def forget_keyboard() -> InlineKeyboardMarkup:
    builder = InlineKeyboardBuilder()
    builder.button(text=_("button.forget_yes"), callback_data=ForgetConfirm(confirm=True))
    builder.button(text=_("button.forget_no"), callback_data=ForgetConfirm(confirm=False))
    builder.adjust(1)
    return builder.as_markup()
