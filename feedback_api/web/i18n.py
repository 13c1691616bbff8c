r"""The web pages' texts in fi, sv and en, language negotiation and number/date formatting.

The texts are gettext catalogs, as the bot's: ``web/locales/{fi,sv,en}/LC_MESSAGES/web.po``,
compiled to ``web.mo`` (both committed), read with Babel once per language. Message ids are
stable keys (``form.submit``), never English sentences, so a missing translation fails
loudly (``t("no.such.key")`` raises KeyError) and tests/web/test_pages_i18n.py can require
every key in every language. Placeholders are ``str.format`` fields: ``t("index.until",
date=…)`` fills ``{date}``. Code calls ``t("key")``; templates call ``t("key")`` or
``_("key")`` (the same lookup, through Jinja's i18n extension); where a table holds keys
(``web/vocabulary.py``), ``N_("key")`` marks them. Keys are never built at run time
(``f"role.{role}"``): the extractor must see every one.

After adding or changing a key in code or a template, with Babel (``web/babel.cfg`` says
what to read)::

    .venv/bin/pybabel extract -F feedback_api/web/babel.cfg --sort-output \
        --project=kokeilu --version=0.1.0 -o feedback_api/web/locales/web.pot feedback_api/web
    .venv/bin/pybabel update -i feedback_api/web/locales/web.pot -d feedback_api/web/locales -D web
    # translate the new entries in fi, sv and en (and drop the obsolete #~ ones), then:
    .venv/bin/pybabel compile -d feedback_api/web/locales -D web
"""

from __future__ import annotations

from datetime import date
from functools import cache
from gettext import NullTranslations
from pathlib import Path
from typing import Final

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

__all__ = ["DOMAIN", "LANGUAGES", "LOCALES_DIR", "N_", "Translator", "negotiate", "supported"]

LOCALES_DIR: Final = Path(__file__).resolve().parent / "locales"
DOMAIN: Final = "web"
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


class _MissingKey(NullTranslations):
    """The catalogs' last fallback: a key no catalog holds is an error, not a text."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)


@cache
def catalog(language: str) -> Translations:
    """The compiled catalog of one language, read once per process."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    with (LOCALES_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        translations = Translations(handle, domain=DOMAIN)
    translations.add_fallback(_MissingKey())
    return translations


class Translator:
    """``t("key", name=value)`` plus locale-aware numbers and dates for one language."""

    def __init__(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unsupported language {language!r}")
        self.language = language
        self.locale = BABEL_LOCALES[language]
        self._catalog = catalog(language)

    def __call__(self, key: str, /, **params: object) -> str:
        text = self._catalog.gettext(key)
        return text.format(**params) if params else text

    def has(self, key: str) -> bool:
        try:
            self._catalog.gettext(key)
        except KeyError:
            return False
        return True

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
