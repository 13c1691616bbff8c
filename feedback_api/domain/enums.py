"""The fixed vocabularies of the domain."""

from __future__ import annotations

from enum import StrEnum


class ExperimentStatus(StrEnum):
    PROPOSED = "proposed"
    DECLINED = "declined"
    RUNNING = "running"
    ENDED = "ended"
    ADOPTED = "adopted"
    DISCONTINUED = "discontinued"


TRANSITIONS: dict[ExperimentStatus, frozenset[ExperimentStatus]] = {
    ExperimentStatus.PROPOSED: frozenset({ExperimentStatus.RUNNING, ExperimentStatus.DECLINED}),
    ExperimentStatus.RUNNING: frozenset({ExperimentStatus.ENDED, ExperimentStatus.DISCONTINUED}),
    ExperimentStatus.ENDED: frozenset({ExperimentStatus.ADOPTED, ExperimentStatus.DISCONTINUED}),
    ExperimentStatus.DECLINED: frozenset(),
    ExperimentStatus.ADOPTED: frozenset(),
    ExperimentStatus.DISCONTINUED: frozenset(),
}


class Role(StrEnum):
    RESIDENT = "resident"
    CUSTOMER = "customer"
    EMPLOYEE = "employee"
    PARTNER = "partner"


class Channel(StrEnum):
    TELEGRAM = "telegram"
    WEB = "web"
    API = "api"


class Language(StrEnum):
    FI = "fi"
    SV = "sv"
    EN = "en"


class WouldUse(StrEnum):
    YES = "yes"
    MAYBE = "maybe"
    NO = "no"


class FitsWork(StrEnum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class Sentiment(StrEnum):
    POSITIVE = "positive"
    NEUTRAL = "neutral"
    NEGATIVE = "negative"


class ThemeSource(StrEnum):
    MODEL = "model"
    STAFF = "staff"


class ThemeOrigin(StrEnum):
    SEED = "seed"
    STAFF = "staff"
    DISCOVERED = "discovered"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class TokenRole(StrEnum):
    ADMIN = "admin"
    STAFF = "staff"
    OWNER = "owner"


# Languages the stored `language` may take: what detection found.
STORED_LANGUAGES = ("fi", "sv", "en", "other")
# Fallback order for localised texts (title, description, theme names).
LANGUAGE_FALLBACK: dict[str, tuple[str, ...]] = {
    "fi": ("fi", "sv", "en"),
    "sv": ("sv", "fi", "en"),
    "en": ("en", "fi", "sv"),
}
