"""Pydantic schemas of the use cases (input validation and public output)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from feedback_api.domain.enums import (
    Channel,
    ExperimentStatus,
    FitsWork,
    JobStatus,
    Language,
    Role,
    Sentiment,
    ThemeOrigin,
    ThemeSource,
    WouldUse,
)
from feedback_api.domain.slugs import is_valid_slug

MAX_TEXT_LENGTH = 5000


def _no_control_characters(value: str) -> str:
    # NUL and other C0 controls (newline and tab aside) have no place in names and titles,
    # and PostgreSQL refuses NUL in text outright.
    if any(ord(ch) < 32 and ch not in "\n\t\r" for ch in value):
        raise ValueError("must not contain control characters")
    return value


ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(_no_control_characters),
]
LongText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=5000),
    AfterValidator(_no_control_characters),
]


def _check_slug(value: str) -> str:
    if not is_valid_slug(value):
        raise ValueError(
            "a slug is 3–60 lowercase ASCII letters, digits and hyphens, not all digits"
        )
    return value


Slug = Annotated[str, AfterValidator(_check_slug)]
ThemeKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{1,59}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExperimentCreate(_Strict):
    title: ShortText
    slug: Slug | None = None
    status: ExperimentStatus = ExperimentStatus.PROPOSED
    title_fi: ShortText | None = None
    title_sv: ShortText | None = None
    title_en: ShortText | None = None
    description: LongText | None = None
    description_fi: LongText | None = None
    description_sv: LongText | None = None
    description_en: LongText | None = None
    owner_name: ShortText | None = None
    partners: list[ShortText] = Field(default_factory=list, max_length=50)
    service_area: ShortText | None = None
    start_date: date | None = None
    end_date: date | None = None

    @model_validator(mode="after")
    def _dates_in_order(self) -> ExperimentCreate:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date must not be before start_date")
        return self


class ExperimentUpdate(_Strict):
    """Fields to change; a missing field stays as it is."""

    title: ShortText | None = None
    status: ExperimentStatus | None = None
    title_fi: ShortText | None = None
    title_sv: ShortText | None = None
    title_en: ShortText | None = None
    description: LongText | None = None
    description_fi: LongText | None = None
    description_sv: LongText | None = None
    description_en: LongText | None = None
    owner_name: ShortText | None = None
    partners: list[ShortText] | None = Field(default=None, max_length=50)
    service_area: ShortText | None = None
    start_date: date | None = None
    end_date: date | None = None


class ExperimentPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    slug: str
    title: str
    title_fi: str | None
    title_sv: str | None
    title_en: str | None
    description: str | None
    description_fi: str | None
    description_sv: str | None
    description_en: str | None
    owner_name: str | None
    partners: list[str]
    service_area: str | None
    start_date: date | None
    end_date: date | None
    status: ExperimentStatus
    created_at: datetime


class ExperimentsPublic(BaseModel):
    items: list[ExperimentPublic]
    total: int


class FeedbackCreate(_Strict):
    text: str | None = Field(default=None, max_length=MAX_TEXT_LENGTH)
    rating: int | None = Field(default=None, ge=1, le=5)
    role: Role = Role.RESIDENT
    language: Language | None = None
    would_use: WouldUse | None = None
    fits_work: FitsWork | None = None

    @field_validator("text")
    @classmethod
    def _blank_is_none(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            return None
        return value

    @model_validator(mode="after")
    def _something_given(self) -> FeedbackCreate:
        if (
            self.text is None
            and self.rating is None
            and self.would_use is None
            and (self.fits_work is None)
        ):
            raise ValueError("give at least one of text, rating, would_use, fits_work")
        return self


class ThemeAssignment(BaseModel):
    key: str
    score: float | None
    source: ThemeSource


class SentimentPublic(BaseModel):
    label: Sentiment
    score: float | None
    model_version: str | None


class FeedbackPublic(BaseModel):
    id: int
    experiment_id: int
    text: str | None
    rating: int | None
    role: Role
    channel: Channel
    language: str | None
    would_use: WouldUse | None
    fits_work: FitsWork | None
    redactions: int
    created_at: datetime
    themes: list[ThemeAssignment]
    sentiment: SentimentPublic | None


class FeedbackStaffPublic(FeedbackPublic):
    respondent: str | None
    reviewed: bool = Field(description="staff corrected its themes (they outrank the model's)")


class FeedbacksPublic(BaseModel):
    items: list[FeedbackStaffPublic]
    total: int


class ThemePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    name_fi: str
    name_sv: str
    name_en: str
    description: str | None
    origin: ThemeOrigin


class ThemesPublic(BaseModel):
    items: list[ThemePublic]
    total: int


class ThemeCorrection(_Strict):
    themes: list[ThemeKey] = Field(max_length=20)


class CandidateExample(BaseModel):
    feedback_id: int
    text: str


class ThemeCandidatePublic(BaseModel):
    id: int
    experiment_id: int | None
    key_suggestion: str
    top_terms: list[str]
    size: int
    status: str
    theme_id: int | None
    examples: list[CandidateExample]
    created_at: datetime


class ThemeCandidatesPublic(BaseModel):
    items: list[ThemeCandidatePublic]
    total: int


class DiscoveryRequest(_Strict):
    experiment: Annotated[str, StringConstraints(max_length=60)] | int | None = None
    n_candidates: int = Field(default=5, ge=1, le=20)


class CandidateAcceptance(_Strict):
    key: ThemeKey | None = None
    name_fi: ShortText | None = None
    name_sv: ShortText | None = None
    name_en: ShortText | None = None
    description: LongText | None = None


class ModelVersionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: str
    version: str
    created_at: datetime
    metrics: dict[str, Any]
    trained_on: dict[str, Any]


class JobPublic(BaseModel):
    """Background work (a training and the reclassification after it) and its progress."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    kind: str
    status: JobStatus
    done: int = Field(description="items reclassified so far")
    total: int | None
    result: dict[str, Any]
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ModelVersionsPublic(BaseModel):
    items: list[ModelVersionPublic]
    total: int
    current: dict[str, str] = Field(description="the version of each kind in use now")
    training: list[JobPublic] = Field(description="recent training jobs, newest first")
