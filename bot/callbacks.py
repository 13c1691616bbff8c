"""Typed callback data of the inline buttons (each packs into Telegram's 64 bytes).

Buttons of a feedback conversation carry its random ``conv`` token: a press on a button
from an earlier, finished conversation does not match and gets a polite answer instead.
"""

from __future__ import annotations

from enum import StrEnum

from aiogram.filters.callback_data import CallbackData


class LanguageChoice(CallbackData, prefix="lang"):
    code: str


class RoleChoice(CallbackData, prefix="role"):
    role: str


class ExperimentPage(CallbackData, prefix="page"):
    conv: str
    page: int


class ExperimentChoice(CallbackData, prefix="exp"):
    conv: str
    id: int


class RatingChoice(CallbackData, prefix="rate"):
    conv: str
    value: int


class AnswerChoice(CallbackData, prefix="ans"):
    conv: str
    value: str


class SkipComment(CallbackData, prefix="skip"):
    conv: str


class MenuAction(StrEnum):
    ANOTHER = "another"
    STOP = "stop"
    CHANGE_ROLE = "role"


class Menu(CallbackData, prefix="menu"):
    action: MenuAction


class ForgetConfirm(CallbackData, prefix="forget"):
    confirm: bool
