"""Filters shared by the handlers."""

from __future__ import annotations

from typing import Any

from aiogram.filters import Filter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery


class SameConversation(Filter):
    """The pressed button belongs to the conversation in progress (its ``conv`` token).

    Put after a ``CallbackData.filter()``, which provides ``callback_data``.
    """

    async def __call__(
        self, callback: CallbackQuery, callback_data: Any, state: FSMContext
    ) -> bool:
        token = getattr(callback_data, "conv", None)
        return token is not None and token == (await state.get_data()).get("conv")
