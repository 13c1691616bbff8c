"""Last router: whatever no step claimed gets a short polite answer; the state stays."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.interruptions import step_hint
from bot.states import Conversation


async def unknown_command(message: Message, raw_state: str | None) -> None:
    text = _("fallback.unknown_command")
    if raw_state is not None:
        text += "\n" + step_hint(raw_state)
    await message.answer(text)


async def comment_not_text(message: Message) -> None:
    """A sticker, photo or voice message instead of the written answer."""
    await message.answer(_("fallback.text_only"))


async def unexpected_message(message: Message, raw_state: str | None) -> None:
    if raw_state is None:
        await message.answer(_("fallback.idle"))
        return
    sorry = _("fallback.not_understood")
    await message.answer(f"{sorry}\n{step_hint(raw_state)}")


async def edited_message(message: Message, raw_state: str | None) -> None:
    notice = _("fallback.edited")
    await message.answer(f"{notice}\n{step_hint(raw_state)}")


async def stale_button(callback: CallbackQuery) -> None:
    """A button of an earlier step or a finished conversation."""
    await callback.answer(_("fallback.old_button"))


def create_router() -> Router:
    router = Router(name="fallback")
    router.message.register(unknown_command, F.text.startswith("/"))
    router.message.register(comment_not_text, Conversation.writing_comment)
    router.message.register(unexpected_message)
    router.edited_message.register(edited_message)
    router.callback_query.register(stale_button)
    return router
