"""Experiment slugs: URL- and Telegram-deep-link-safe identifiers."""

from __future__ import annotations

import re
import unicodedata

SLUG_RE = re.compile(r"^(?!\d+$)[a-z0-9-]{3,60}$")
SLUG_MIN, SLUG_MAX = 3, 60
_TRANSLIT = str.maketrans({"ä": "a", "ö": "o", "å": "a", "ü": "u", "ß": "ss", "æ": "ae", "ø": "o"})


def is_valid_slug(value: str) -> bool:
    return SLUG_RE.fullmatch(value) is not None


def slugify(title: str) -> str:
    """Lowercase ASCII slug from a title, transliterating Nordic letters (ä→a, ö→o, å→a)."""
    text = title.lower().translate(_TRANSLIT)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    text = text[:SLUG_MAX].rstrip("-")
    if len(text) < SLUG_MIN or text.isdigit():
        text = f"experiment-{text}".rstrip("-") if text else "experiment"
    return text[:SLUG_MAX].rstrip("-")
