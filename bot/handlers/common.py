"""/help, /privacy and /cancel: answered at any step."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _


def _with_progress_hint(text: str, raw_state: str | None) -> str:
    # Reading the help mid-way must not lose the conversation: say where it continues.
    if raw_state is None:
        return text
    hint = _("hint.in_progress")
    return f"{text}\n\n{hint}"


async def cmd_help(message: Message, raw_state: str | None) -> None:
    await message.answer(_with_progress_hint(_("help.text"), raw_state))


async def cmd_privacy(message: Message, raw_state: str | None) -> None:
    await message.answer(_with_progress_hint(_("privacy.text"), raw_state))


async def cmd_cancel(message: Message, state: FSMContext, raw_state: str | None) -> None:
    if raw_state is None:
        await message.answer(_("cancel.nothing"))
        return
    await state.clear()
    await message.answer(_("cancel.done"))


def create_router() -> Router:
    router = Router(name="common")
    router.message.register(cmd_help, Command("help"))
    router.message.register(cmd_privacy, Command("privacy"))
    router.message.register(cmd_cancel, Command("cancel"))
    return router
