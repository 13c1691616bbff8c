"""The catalogs: every key in fi, sv and en, compiled .mo files up to date, no stray keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from bot.i18n import DOMAIN, LOCALES_DIR, SUPPORTED_LOCALES

BOT_DIR = Path(LOCALES_DIR).parent
PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _po(locale: str) -> Catalog:
    with (LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def _mo(locale: str) -> Catalog:
    with (LOCALES_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as handle:
        return read_mo(handle)


def _messages(catalog: Catalog) -> dict[str, str]:
    return {str(m.id): str(m.string) for m in catalog if m.id}


def _used_keys() -> set[str]:
    keys = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
        str(BOT_DIR), method_map=[("**.py", "python")], keywords=DEFAULT_KEYWORDS
    ):
        assert isinstance(message, str), "plural forms are not used in the bot"
        keys.add(message)
    return keys


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_message_is_translated(locale: str) -> None:
    catalog = _po(locale)
    messages = _messages(catalog)
    untranslated = sorted(key for key, text in messages.items() if not text.strip())
    fuzzy = sorted(str(m.id) for m in catalog if m.id and m.fuzzy)
    assert untranslated == [] and fuzzy == []
    assert set(messages) == set(_messages(_po("en")))


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_compiled_catalog_is_up_to_date(locale: str) -> None:
    assert _messages(_mo(locale)) == _messages(_po(locale)), (
        f"run: .venv/bin/pybabel compile -d {LOCALES_DIR} -D {DOMAIN}"
    )


def test_every_key_in_the_code_is_in_the_catalogs_and_vice_versa() -> None:
    used, known = _used_keys(), set(_messages(_po("en")))
    assert sorted(used - known) == [], "keys used in code but missing from the catalogs"
    assert sorted(known - used) == [], "keys in the catalogs that no code uses"


def test_placeholders_agree_across_languages() -> None:
    catalogs = {locale: _messages(_po(locale)) for locale in SUPPORTED_LOCALES}
    for key, text in catalogs["en"].items():
        expected = sorted(PLACEHOLDER.findall(text))
        for locale in SUPPORTED_LOCALES:
            assert sorted(PLACEHOLDER.findall(catalogs[locale][key])) == expected, (key, locale)


def test_html_in_translations_is_balanced() -> None:
    """Texts go out with parse_mode HTML: only <b> is used, and always closed."""
    for locale in SUPPORTED_LOCALES:
        for key, text in _messages(_po(locale)).items():
            tags = re.findall(r"</?([a-z]+)>", text)
            assert set(tags) <= {"b"}, (key, locale)
            assert text.count("<b>") == text.count("</b>"), (key, locale)
            assert "<" not in re.sub(r"</?b>", "", text), (key, locale)
