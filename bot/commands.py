"""The command menu registered with Telegram, in fi, sv and en (and English as default)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import BotCommand
from aiogram.utils.i18n import I18n

from bot.i18n import DEFAULT_LOCALE, SUPPORTED_LOCALES

COMMANDS = ("start", "feedback", "language", "help", "privacy", "forget", "cancel")


def bot_commands(i18n: I18n, locale: str) -> list[BotCommand]:
    descriptions = {
        "start": i18n.gettext("command.start", locale=locale),
        "feedback": i18n.gettext("command.feedback", locale=locale),
        "language": i18n.gettext("command.language", locale=locale),
        "help": i18n.gettext("command.help", locale=locale),
        "privacy": i18n.gettext("command.privacy", locale=locale),
        "forget": i18n.gettext("command.forget", locale=locale),
        "cancel": i18n.gettext("command.cancel", locale=locale),
    }
    return [BotCommand(command=name, description=descriptions[name]) for name in COMMANDS]


async def set_commands(bot: Bot, i18n: I18n) -> None:
    """setMyCommands once per language, plus the default for everyone else."""
    for locale in SUPPORTED_LOCALES:
        await bot.set_my_commands(bot_commands(i18n, locale), language_code=locale)
    await bot.set_my_commands(bot_commands(i18n, DEFAULT_LOCALE))
