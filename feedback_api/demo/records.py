"""Typed records and vocabularies for the hand-written demo material.

Snippets are written as compact rows so that some 700 of them stay readable; `snippets()`
turns the rows into `Snippet` records and rejects unknown roles, sentiments and themes, so a
typo in the material fails at import time rather than in a report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from analysis.taxonomy import theme_keys
from feedback_api.domain.enums import ExperimentStatus, Language, Role, Sentiment

STATUSES: tuple[str, ...] = tuple(status.value for status in ExperimentStatus)
# Experiments in these statuses have been carried out and so have feedback.
FEEDBACK_STATUSES: frozenset[str] = frozenset({"running", "ended", "adopted", "discontinued"})
ROLES: tuple[str, ...] = tuple(role.value for role in Role)
LANGUAGES: tuple[str, ...] = tuple(language.value for language in Language)
SENTIMENTS: tuple[str, ...] = tuple(sentiment.value for sentiment in Sentiment)
SERVICE_AREAS: tuple[str, ...] = (
    "library",
    "school",
    "day_care",
    "elderly_care",
    "health",
    "transport",
    "environment",
    "work_processes",
    "culture_sports",
)
# The default theme taxonomy the demo feedback is tagged with.
THEMES: tuple[str, ...] = tuple(theme_keys())

_ROLE_CODES = {"r": "resident", "c": "customer", "e": "employee", "p": "partner"}
_SENTIMENT_CODES = {"+": "positive", "0": "neutral", "-": "negative"}

# (tags, text). Tags are "roles sentiment theme theme...": roles as letters r/c/e/p
# ("rc" = residents and customers), sentiment as + / 0 / -, then zero or more taxonomy keys;
# e.g. ("rc - reliability speed_waiting", "Robotti jumitti hyllyjen väliin...").
Row = tuple[str, str]


@dataclass(frozen=True)
class Snippet:
    """One piece of feedback text as a person might write it, with its expected labels."""

    text: str
    lang: str
    roles: tuple[str, ...]
    sentiment: str
    themes: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """How an experiment's feedback is drawn: the generator's profile of it."""

    mean_rating: float
    # Weights of yes / maybe / no (residents, customers, partners).
    would_use: tuple[float, float, float]
    # Weights of yes / partly / no (employees).
    fits_work: tuple[float, float, float]
    # Weights by role key and by language key; they need not sum to one.
    roles: Mapping[str, float]
    languages: Mapping[str, float]
    # Feedback items before the generator's small jitter.
    volume: int


@dataclass(frozen=True)
class ExperimentMaterial:
    """One experiment as written by hand; dates are offsets from the demo's "today"."""

    slug: str
    title_fi: str
    title_sv: str
    title_en: str
    description_fi: str
    description_sv: str
    description_en: str
    owner_name: str
    partners: tuple[str, ...]
    service_area: str
    start_offset_days: int
    end_offset_days: int
    status: str
    # None for experiments that were never carried out (proposed, declined).
    outcome: Outcome | None = None


def snippets(*, fi: Sequence[Row], sv: Sequence[Row], en: Sequence[Row]) -> tuple[Snippet, ...]:
    """Snippets from compact rows per language; raises ValueError on an unknown tag."""
    result: list[Snippet] = []
    for lang, rows in (("fi", fi), ("sv", sv), ("en", en)):
        for tags, text in rows:
            result.append(_snippet(lang, tags, text))
    return tuple(result)


def _snippet(lang: str, tags: str, text: str) -> Snippet:
    parts = tags.split()
    if len(parts) < 2:
        raise ValueError(f"tags need roles and a sentiment: {tags!r} on {text!r}")
    roles, sentiment, *theme_keys = parts
    unknown_roles = set(roles) - _ROLE_CODES.keys()
    unknown_themes = set(theme_keys) - set(THEMES)
    if not roles or unknown_roles or sentiment not in _SENTIMENT_CODES or unknown_themes:
        raise ValueError(f"bad tags {tags!r} on {text!r}")
    if not text.strip():
        raise ValueError("empty snippet")
    return Snippet(
        text=text,
        lang=lang,
        roles=tuple(_ROLE_CODES[code] for code in roles),
        sentiment=_SENTIMENT_CODES[sentiment],
        themes=tuple(key for key in THEMES if key in theme_keys),
    )
