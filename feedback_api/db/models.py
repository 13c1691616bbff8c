"""Tables of the feedback service."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from feedback_api.db.base import Base, UTCDateTime, utcnow
from feedback_api.domain.enums import LANGUAGE_FALLBACK


class Experiment(Base):
    __tablename__ = "experiments"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    title_fi: Mapped[str | None] = mapped_column(String(200))
    title_sv: Mapped[str | None] = mapped_column(String(200))
    title_en: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    description_fi: Mapped[str | None] = mapped_column(Text)
    description_sv: Mapped[str | None] = mapped_column(Text)
    description_en: Mapped[str | None] = mapped_column(Text)
    owner_name: Mapped[str | None] = mapped_column(String(200))
    partners: Mapped[list[str]] = mapped_column(JSON, default=list)
    service_area: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    def localized_title(self, language: str) -> str:
        for lang in LANGUAGE_FALLBACK.get(language, ("en", "fi", "sv")):
            value = getattr(self, f"title_{lang}")
            if value:
                return str(value)
        return self.title

    def localized_description(self, language: str) -> str | None:
        for lang in LANGUAGE_FALLBACK.get(language, ("en", "fi", "sv")):
            value = getattr(self, f"description_{lang}")
            if value:
                return str(value)
        return self.description


class Respondent(Base):
    """A pseudonymous person: only the keyed hash of their channel user id is kept."""

    __tablename__ = "respondents"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str | None] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(5))
    consent: Mapped[bool] = mapped_column(Boolean, default=False)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (
        UniqueConstraint("experiment_id", "idempotency_key"),
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),
        Index("ix_feedback_experiment_date", "experiment_id", "created_date"),
        # Distinct participants and repeat respondents of an experiment, from the index alone.
        Index("ix_feedback_experiment_respondent", "experiment_id", "respondent_id", "role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int] = mapped_column(ForeignKey("experiments.id", ondelete="CASCADE"))
    respondent_id: Mapped[int | None] = mapped_column(
        ForeignKey("respondents.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    language: Mapped[str | None] = mapped_column(String(5))
    text: Mapped[str | None] = mapped_column(Text)
    rating: Mapped[int | None] = mapped_column(SmallInteger)
    would_use: Mapped[str | None] = mapped_column(String(10))
    fits_work: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The Europe/Helsinki calendar date of created_at: weekly and monthly figures group on it
    # in SQL without time-zone functions (which SQLite lacks).
    created_date: Mapped[date] = mapped_column(Date)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    request_hash: Mapped[str | None] = mapped_column(String(64))
    redactions: Mapped[int] = mapped_column(Integer, default=0)
    sentiment_label: Mapped[str | None] = mapped_column(String(10))
    sentiment_score: Mapped[float | None] = mapped_column(Float)
    sentiment_model_version: Mapped[str | None] = mapped_column(String(100))
    theme_model_version: Mapped[str | None] = mapped_column(String(100))
    classified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when staff corrected the themes (an empty correction means "no theme fits").
    themes_reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    themes: Mapped[list[FeedbackTheme]] = relationship(
        back_populates="feedback", cascade="all, delete-orphan", lazy="selectin"
    )
    respondent: Mapped[Respondent | None] = relationship(lazy="joined")


class Theme(Base):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    name_fi: Mapped[str] = mapped_column(String(200))
    name_sv: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def localized_name(self, language: str) -> str:
        for lang in LANGUAGE_FALLBACK.get(language, ("en", "fi", "sv")):
            value = getattr(self, f"name_{lang}")
            if value:
                return str(value)
        return self.key


class FeedbackTheme(Base):
    __tablename__ = "feedback_themes"
    # A theme's quotes: staff-confirmed, then the most confident, read in index order.
    __table_args__ = (
        Index("ix_feedback_themes_quotes", "theme_id", "source", "score", "feedback_id"),
    )

    feedback_id: Mapped[int] = mapped_column(
        ForeignKey("feedback.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(
        ForeignKey("themes.id", ondelete="CASCADE"), primary_key=True
    )
    score: Mapped[float | None] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(10))

    feedback: Mapped[Feedback] = relationship(back_populates="themes")
    theme: Mapped[Theme] = relationship(lazy="joined")


class StaffToken(Base):
    __tablename__ = "staff_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    experiments: Mapped[list[Experiment]] = relationship(
        secondary="staff_token_experiments", lazy="selectin"
    )


class StaffTokenExperiment(Base):
    __tablename__ = "staff_token_experiments"

    token_id: Mapped[int] = mapped_column(
        ForeignKey("staff_tokens.id", ondelete="CASCADE"), primary_key=True
    )
    experiment_id: Mapped[int] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), primary_key=True
    )


class ModelVersion(Base):
    """A model trained in this deployment, with the model file itself: every process loads
    the newest of each kind from here (services.models)."""

    __tablename__ = "model_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    version: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    trained_on: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # The skops file's bytes; read only when a process loads the version.
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)


class Job(Base):
    """Background work (training, reclassification) and what became of it."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(10))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ThemeCandidate(Base):
    """A theme proposed by discovery from feedback that fits no theme, for staff to judge."""

    __tablename__ = "theme_candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    experiment_id: Mapped[int | None] = mapped_column(
        ForeignKey("experiments.id", ondelete="CASCADE"), index=True
    )
    key_suggestion: Mapped[str] = mapped_column(String(60))
    top_terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    example_feedback_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    size: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="proposed", index=True)
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("themes.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


# The Telegram channel's tables share the metadata (Alembic comparisons, test truncation).
from feedback_api.db import bot_models as _bot_models  # noqa: E402, F401
