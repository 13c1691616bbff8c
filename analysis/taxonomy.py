"""The default theme taxonomy for evaluating service experiments (``seed/themes.json``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from analysis.errors import AnalysisError

__all__ = ["SEED_DIR", "TAXONOMY_PATH", "Theme", "load_taxonomy", "theme_keys"]

SEED_DIR = Path(__file__).resolve().parent / "seed"
TAXONOMY_PATH = SEED_DIR / "themes.json"
_KEY = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")
_FIELDS = ("name_fi", "name_sv", "name_en", "description")


@dataclass(frozen=True)
class Theme:
    """One theme: its snake_case key, names in fi/sv/en and a one-sentence description."""

    key: str
    name_fi: str
    name_sv: str
    name_en: str
    description: str

    def name(self, language: str) -> str:
        """The theme's name in ``language`` (fi, sv or en; English otherwise)."""
        return {"fi": self.name_fi, "sv": self.name_sv}.get(language, self.name_en)


@cache
def load_taxonomy(path: Path | None = None) -> tuple[Theme, ...]:
    """The themes of ``path`` (the shipped seed by default), in their stated order.

    The file is a JSON list of objects with ``key``, ``name_fi``, ``name_sv``, ``name_en``
    and ``description`` (an object keyed by theme key is accepted too).
    """
    path = path or TAXONOMY_PATH
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AnalysisError(f"cannot read taxonomy {path}: {exc}") from exc
    entries = [{"key": k, **v} for k, v in raw.items()] if isinstance(raw, dict) else raw
    themes = []
    for entry in entries:
        key = str(entry.get("key", ""))
        if not _KEY.fullmatch(key):
            raise AnalysisError(f"theme key {key!r} is not lowercase snake_case")
        missing = [name for name in _FIELDS if not entry.get(name)]
        if missing:
            raise AnalysisError(f"theme {key!r} lacks {', '.join(missing)}")
        themes.append(Theme(key, *(str(entry[name]) for name in _FIELDS)))
    return tuple(themes)


def theme_keys() -> tuple[str, ...]:
    """The keys of the shipped themes, in order."""
    return tuple(theme.key for theme in load_taxonomy())
