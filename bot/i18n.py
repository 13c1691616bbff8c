"""The bot's translations: gettext catalogs under ``bot/locales`` through aiogram's I18n.

Message ids are stable keys (``start.greeting``), never English sentences, so a missing
translation is visible and the catalog test can require every key in fi, sv and en.
After adding a key in code, with Babel::

    .venv/bin/pybabel extract -o bot/locales/messages.pot bot
    .venv/bin/pybabel update -i bot/locales/messages.pot -d bot/locales -D messages
    # translate the new entries in fi, sv and en, then:
    .venv/bin/pybabel compile -d bot/locales -D messages

Keys are never built at run time (``f"role.{role}"``) and ``_()`` is never called inside
an f-string: the extractor must see every key.
"""

from __future__ import annotations

from pathlib import Path

from aiogram.utils.i18n import I18n

from feedback_api.domain.enums import Language

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
DEFAULT_LOCALE = Language.EN.value
SUPPORTED_LOCALES: tuple[str, ...] = tuple(language.value for language in Language)


def create_i18n() -> I18n:
    return I18n(path=LOCALES_DIR, default_locale=DEFAULT_LOCALE, domain=DOMAIN)


def supported_locale(code: str | None) -> str | None:
    """fi, sv or en from a stored language or Telegram's IETF tag ("fi", "sv-FI"), else None."""
    if not code:
        return None
    language = code.replace("_", "-").split("-", 1)[0].lower()
    return language if language in SUPPORTED_LOCALES else None
