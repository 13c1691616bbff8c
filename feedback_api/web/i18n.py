"""The web pages' texts in fi, sv and en, language negotiation and number/date formatting.

Message ids are stable keys (``form.submit``), never English sentences, so a missing
translation fails loudly and a test can require every key in every language. The catalog
itself is data, in ``messages.py``.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from feedback_api.web.messages import MESSAGES

__all__ = ["LANGUAGES", "MESSAGES", "N_", "Translator", "negotiate", "supported"]

LANGUAGES: Final = ("fi", "sv", "en")
# The city's first language when the browser states no preference at all.
DEFAULT_LANGUAGE: Final = "fi"
# When the browser asks only for other languages, English is the likeliest to be read.
FOREIGN_FALLBACK: Final = "en"
LANGUAGE_NAMES: Final = {"fi": "Suomi", "sv": "Svenska", "en": "English"}
# sv_FI: Finland-Swedish conventions; en_GB: day-month dates, as in Finland.
BABEL_LOCALES: Final = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
SHORT_DATE: Final = {"fi": "d.M.", "sv": "d MMM", "en": "d MMM"}
MONTH: Final = {"fi": "M/yyyy", "sv": "LLL yyyy", "en": "LLL yyyy"}


def N_(key: str) -> str:
    """Marks a key for ``pybabel extract`` where the text is looked up later, by ``t(key)``."""
    return key


def supported(code: str | None) -> str | None:
    """fi, sv or en from a tag such as ``sv-FI``; None for anything else."""
    if not code:
        return None
    primary = code.strip().replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in LANGUAGES else None


def negotiate(accept_language: str | None) -> str:
    """The best of fi/sv/en for an Accept-Language header (RFC 9110 quality values)."""
    if not accept_language or not accept_language.strip():
        return DEFAULT_LANGUAGE
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        language = supported(tag)
        if language and quality > 0:
            ranked.append((-quality, position, language))
    return min(ranked)[2] if ranked else FOREIGN_FALLBACK


class Translator:
    """``t("key", name=value)`` plus locale-aware numbers and dates for one language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self.locale = BABEL_LOCALES[language]

    def __call__(self, key: str, /, **params: object) -> str:
        text = MESSAGES[key][LANGUAGES.index(self.language)]
        return text.format(**params) if params else text

    def has(self, key: str) -> bool:
        return key in MESSAGES

    def number(self, value: float | int | None, digits: int = 0) -> str:
        if value is None:
            return "–"
        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        return format_decimal(value, format=pattern, locale=self.locale)

    def percent(self, share: float | None) -> str:
        if share is None:
            return "–"
        return format_percent(share, locale=self.locale)

    def date(self, value: date | str | None, short: bool = False) -> str:
        if value is None:
            return "–"
        day = date.fromisoformat(value) if isinstance(value, str) else value
        return format_date(
            day, format=SHORT_DATE[self.language] if short else "medium", locale=self.locale
        )

    def month(self, value: str) -> str:
        """``2025-03`` as a month label."""
        year, month = value.split("-")
        return format_date(date(int(year), int(month), 1), MONTH[self.language], self.locale)

    def week(self, iso_week: str) -> str:
        """``2025-W07`` as a week label (ISO weeks, as the reports use)."""
        year, week = iso_week.split("-W")
        return self(N_("week.label"), week=int(week), year=year)
