"""Typed records and vocabularies for the hand-written demo material.

The material itself lives in the data files that `material` reads; every role, sentiment,
theme, status, service area and language in them must come from the vocabularies here.
"""

from __future__ import annotations

from collections.abc import Mapping
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


class MaterialError(ValueError):
    """A data file of the demo material is malformed; the message names the file and line."""


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
