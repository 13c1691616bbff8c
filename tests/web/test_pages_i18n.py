"""The pages' catalog is complete in fi, sv and en; language negotiation and formatting."""

from __future__ import annotations

import re
import string
from datetime import date
from pathlib import Path

import pytest

from feedback_api.web.i18n import LANGUAGES, MESSAGES, Translator, negotiate

TEMPLATES = Path(__file__).resolve().parents[2] / "feedback_api" / "web" / "templates"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_exists_in_every_language_with_the_same_placeholders() -> None:
    for key, texts in MESSAGES.items():
        assert len(texts) == len(LANGUAGES), key
        assert all(text.strip() for text in texts), key
        assert len({frozenset(_fields(text)) for text in texts}) == 1, key


def test_every_key_the_templates_use_exists() -> None:
    used = set()
    for path in TEMPLATES.rglob("*.html"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_][a-z0-9_.]*)["']""", path.read_text()))
    # "status." ~ value: a prefix completed at render time; some key must carry it.
    prefixes = {key for key in used if key.endswith(".")}
    assert all(any(k.startswith(p) for k in MESSAGES) for p in prefixes), prefixes
    missing = used - prefixes - set(MESSAGES)
    assert used and not missing, sorted(missing)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "fi"),
        ("", "fi"),
        ("sv", "sv"),
        ("sv-FI,sv;q=0.9,en;q=0.8", "sv"),
        ("en-GB,en;q=0.9,fi;q=0.8", "en"),
        ("de-DE,de;q=0.9,fi;q=0.5", "fi"),
        ("de-DE,de;q=0.9", "en"),
        ("fi;q=0.2,sv;q=0.7", "sv"),
        ("fi;q=0,en;q=0.1", "en"),
        ("fi;q=bogus,sv", "sv"),
        ("*", "en"),
    ],
)
def test_negotiate_picks_the_best_supported_language(header: str | None, expected: str) -> None:
    assert negotiate(header) == expected


def test_translator_formats_for_each_locale() -> None:
    fi, sv, en = Translator("fi"), Translator("sv"), Translator("en")
    assert fi.percent(0.553) == "55\xa0%" and en.percent(0.553) == "55%"
    assert fi.number(3.84, 1) == "3,8" and en.number(3.84, 1) == "3.8"
    assert en.number(12345) == "12,345" and sv.number(None) == "–"
    assert fi.date(date(2025, 3, 1)) == "1.3.2025" and en.date("2025-03-01") == "1 Mar 2025"
    assert en.week("2025-W07") == "wk 7/2025"
    assert en("index.until", date="1 Mar 2025") == "Runs until 1 Mar 2025"
    with pytest.raises(KeyError):
        en("no.such.key")
