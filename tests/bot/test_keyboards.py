"""The inline keyboards: their layout, labels in the reader's language, and callback data
that the handlers' filters unpack."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup

from bot import keyboards
from bot.callbacks import (
    AnswerChoice,
    ExperimentChoice,
    ExperimentPage,
    LanguageChoice,
    Menu,
    MenuAction,
    RatingChoice,
    RoleChoice,
    SkipComment,
)
from bot.i18n import create_i18n
from feedback_api.db.models import Experiment


def _shape(markup: InlineKeyboardMarkup) -> list[int]:
    return [len(row) for row in markup.inline_keyboard]


def _labels(markup: InlineKeyboardMarkup) -> list[str]:
    return [button.text for row in markup.inline_keyboard for button in row]


def _data(markup: InlineKeyboardMarkup) -> list[str]:
    return [button.callback_data or "" for row in markup.inline_keyboard for button in row]


def test_step_keyboards_layout_labels_and_data() -> None:
    i18n = create_i18n()
    with i18n.context(), i18n.use_locale("fi"):
        rating = keyboards.rating_keyboard("c0nv")
        assert _shape(rating) == [5]
        assert _labels(rating) == ["1", "2", "3", "4", "5"]
        assert [RatingChoice.unpack(d) for d in _data(rating)] == [
            RatingChoice(conv="c0nv", value=v) for v in range(1, 6)
        ]

        roles = keyboards.role_keyboard()
        assert _shape(roles) == [2, 2]
        assert [RoleChoice.unpack(d).role for d in _data(roles)] == [
            "resident",
            "customer",
            "employee",
            "partner",
        ]
        assert _labels(roles)[0] == i18n.gettext("role.resident", locale="fi")

        answers = keyboards.answer_keyboard("c0nv", "fits_work")
        assert _shape(answers) == [3]
        assert {AnswerChoice.unpack(d).conv for d in _data(answers)} == {"c0nv"}
        assert keyboards.answer_keyboard("c0nv", "would_use") != answers

        assert _shape(keyboards.language_keyboard()) == [3]
        assert [LanguageChoice.unpack(d).code for d in _data(keyboards.language_keyboard())] == [
            "fi",
            "sv",
            "en",
        ]
        assert SkipComment.unpack(_data(keyboards.skip_keyboard("c0nv"))[0]).conv == "c0nv"
        assert _shape(keyboards.thanks_keyboard()) == [1, 1]
        assert [Menu.unpack(d).action for d in _data(keyboards.thanks_keyboard())] == [
            MenuAction.ANOTHER,
            MenuAction.STOP,
        ]
        assert _data(keyboards.another_keyboard()) == _data(keyboards.thanks_keyboard())[:1]
        assert _shape(keyboards.forget_keyboard()) == [1, 1]


def test_experiments_keyboard_pages_and_long_titles() -> None:
    i18n = create_i18n()
    long_title = "Kirjastorobotti " * 10
    rows = [
        Experiment(id=7, slug="robot", title="Robot", title_fi=long_title),
        Experiment(id=8, slug="chat", title="Chatbot"),
    ]
    with i18n.context(), i18n.use_locale("fi"):
        middle = keyboards.experiments_keyboard(rows, locale="fi", conv="c", page=1, pages=3)
        first = keyboards.experiments_keyboard(rows, locale="fi", conv="c", page=0, pages=1)
    # One experiment a row, then previous/next, then "change role".
    assert _shape(middle) == [1, 1, 2, 1]
    assert _shape(first) == [1, 1, 1]
    labels = _labels(middle)
    assert len(labels[0]) == keyboards.MAX_BUTTON_TEXT and labels[0].endswith("…")
    assert labels[1] == "Chatbot"
    data = _data(middle)
    assert [ExperimentChoice.unpack(d).id for d in data[:2]] == [7, 8]
    assert [ExperimentPage.unpack(d).page for d in data[2:4]] == [0, 2]
    assert Menu.unpack(data[4]).action == MenuAction.CHANGE_ROLE
    assert all(len(d.encode()) <= 64 for d in data)  # Telegram's limit on callback data
