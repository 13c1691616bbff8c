"""The default theme taxonomy for evaluating service experiments (`seed/themes.json`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEED_DIR = Path(__file__).resolve().parent / "seed"


@dataclass(frozen=True)
class Theme:
    key: str
    name_fi: str
    name_sv: str
    name_en: str
    description: str


@cache
def load_taxonomy() -> tuple[Theme, ...]:
    """The seed themes, in their stated order."""
    rows = json.loads((SEED_DIR / "themes.json").read_text(encoding="utf-8"))
    return tuple(Theme(**row) for row in rows)


def theme_keys() -> tuple[str, ...]:
    return tuple(theme.key for theme in load_taxonomy())
