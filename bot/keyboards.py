"""Inline keyboards of each step (labels from the catalogs, data from ``bot.callbacks``).

Built as plain markup, not with aiogram's ``InlineKeyboardBuilder``: the builder deep-copies
every button on the way out, 200 µs for the rating keyboard against 36 µs (measured), and a
conversation builds five of them.
"""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

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


def _button(text: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(text=text, callback_data=data.pack())


def _grid(buttons: Sequence[InlineKeyboardButton], width: int) -> InlineKeyboardMarkup:
    """The buttons in rows of `width`."""
    rows = [list(buttons[i : i + width]) for i in range(0, len(buttons), width)]
    return InlineKeyboardMarkup(inline_keyboard=rows)


def language_keyboard() -> InlineKeyboardMarkup:
    return _grid(
        [_button(language_name(code), LanguageChoice(code=code)) for code in SUPPORTED_LOCALES],
        3,
    )


def role_keyboard() -> InlineKeyboardMarkup:
    return _grid([_button(role_label(role.value), RoleChoice(role=role.value)) for role in Role], 2)


def experiments_keyboard(
    experiments: Sequence[Experiment],
    *,
    locale: str,
    conv: str,
    page: int,
    pages: int,
) -> InlineKeyboardMarkup:
    rows = [
        [
            _button(
                _shorten(experiment.localized_title(locale)),
                ExperimentChoice(conv=conv, id=experiment.id),
            )
        ]
        for experiment in experiments
    ]
    navigation = []
    if page > 0:
        navigation.append(_button(_("button.previous"), ExperimentPage(conv=conv, page=page - 1)))
    if page + 1 < pages:
        navigation.append(_button(_("button.next"), ExperimentPage(conv=conv, page=page + 1)))
    if navigation:
        rows.append(navigation)
    rows.append([_button(_("button.change_role"), Menu(action=MenuAction.CHANGE_ROLE))])
    return InlineKeyboardMarkup(inline_keyboard=rows)


def rating_keyboard(conv: str) -> InlineKeyboardMarkup:
    return _grid([_button(str(v), RatingChoice(conv=conv, value=v)) for v in range(1, 6)], 5)


def answer_keyboard(conv: str, question: str) -> InlineKeyboardMarkup:
    values = [v.value for v in (FitsWork if question == "fits_work" else WouldUse)]
    return _grid(
        [
            _button(answer_label(question, value), AnswerChoice(conv=conv, value=value))
            for value in values
        ],
        3,
    )


def skip_keyboard(conv: str) -> InlineKeyboardMarkup:
    return _grid([_button(_("button.skip"), SkipComment(conv=conv))], 1)


def thanks_keyboard() -> InlineKeyboardMarkup:
    return _grid(
        [
            _button(_("button.another"), Menu(action=MenuAction.ANOTHER)),
            _button(_("button.stop"), Menu(action=MenuAction.STOP)),
        ],
        1,
    )


def another_keyboard() -> InlineKeyboardMarkup:
    """Only "another feedback": after a conversation that could not be finished."""
    return _grid([_button(_("button.another"), Menu(action=MenuAction.ANOTHER))], 1)


def forget_keyboard() -> InlineKeyboardMarkup:
    return _grid(
        [
            _button(_("button.forget_yes"), ForgetConfirm(confirm=True)),
            _button(_("button.forget_no"), ForgetConfirm(confirm=False)),
        ],
        1,
    )
