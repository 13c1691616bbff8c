"""The experiment report and the programme overview as typed records (what the API returns
and what the pages, charts and exports read), and the rules their verdicts follow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from feedback_api.domain.enums import ExperimentStatus

# Groups with fewer respondents are counted but not broken down, so nobody is singled out.
MIN_GROUP = 5
SENTIMENTS = ("positive", "neutral", "negative")
WOULD_USE_ANSWERS = ("yes", "maybe", "no")
FITS_WORK_ANSWERS = ("yes", "partly", "no")
ROLE_ORDER = ("resident", "customer", "employee", "partner")
# Whose `would_use` answers tell whether the service would have users.
USER_ROLES = ("resident", "customer")
# Themes whose sentiment tells whether the service produces benefits.
BENEFIT_THEMES = ("usefulness", "speed_waiting", "cost")
QUOTES_PER_THEME = 3


class Verdict(StrEnum):
    POSITIVE = "positive"
    MIXED = "mixed"
    NEGATIVE = "negative"
    INSUFFICIENT = "insufficient"


@dataclass(frozen=True)
class Rule:
    """A verdict from one figure: positive from `good` up, negative below `bad`, mixed in
    between; insufficient without the figure (fewer than MIN_GROUP answers)."""

    good: float
    bad: float

    def verdict(self, value: float | None) -> Verdict:
        if value is None:
            return Verdict.INSUFFICIENT
        if value >= self.good:
            return Verdict.POSITIVE
        if value < self.bad:
            return Verdict.NEGATIVE
        return Verdict.MIXED


# users: the share of residents and customers who would use it again ("yes");
# fit: employees' yes + half of partly; benefit: (positive − negative) / classified comments
# on the benefit themes.
SCORECARD_RULES: dict[str, Rule] = {
    "users": Rule(good=0.5, bad=0.3),
    "fit": Rule(good=0.6, bad=0.4),
    "benefit": Rule(good=0.2, bad=-0.2),
}


class Shares(BaseModel):
    """Counts of a few answers, with each one's share of them (None when there are none)."""

    n: int
    counts: dict[str, int]
    shares: dict[str, float | None]

    @classmethod
    def of(cls, counts: dict[str, int], keys: tuple[str, ...]) -> Shares:
        total = sum(counts.get(k, 0) for k in keys)
        return cls(
            n=total,
            counts={k: counts.get(k, 0) for k in keys},
            shares={k: (round(counts.get(k, 0) / total, 4) if total else None) for k in keys},
        )


class Suppressed(BaseModel):
    """A group too small to break down (fewer than MIN_GROUP respondents)."""

    suppressed: Literal[True] = True


class ReportExperiment(BaseModel):
    id: int
    slug: str
    title: str
    status: ExperimentStatus
    owner_name: str | None
    partners: list[str]
    start_date: date | None
    end_date: date | None


class ReportTotals(BaseModel):
    feedback: int
    participants: int = Field(description="distinct respondents + anonymous submissions")
    with_text: int
    redactions: int
    repeat_respondents: int
    classified: int
    unclear: int = Field(description="classified comments that fit no theme")
    first_date: date | None
    last_date: date | None


class RoleFigures(BaseModel):
    feedback: int
    with_text: int
    participants: int
    broken_down: bool
    mean_rating: float | None


class RatingFigures(BaseModel):
    n: int
    mean: float | None
    distribution: dict[str, int]


class Week(BaseModel):
    week: str = Field(description="ISO week, Europe/Helsinki")
    start_date: date
    count: int
    positive: int
    neutral: int
    negative: int
    mean_rating: float | None


class SentimentFigures(Shares):
    by_role: dict[str, Shares | Suppressed]
    weekly: list[Week]


class Quote(BaseModel):
    feedback_id: int
    text: str
    role: str
    language: str | None
    sentiment: str | None
    date: date


class ThemeFigures(BaseModel):
    key: str
    name: str
    count: int
    share: float | None = Field(description="of the comments with text")
    sentiment: Shares
    quotes: list[Quote]


class VersionsUsed(BaseModel):
    sentiment: str | None
    themes: str | None
    feedback: int


class ModelQuality(BaseModel):
    kind: str
    version: str | None
    feedback: int
    metrics: dict[str, float | int | None]


class UsersEvidence(BaseModel):
    would_use: Shares
    mean_rating_by_role: dict[str, float | None]
    mean_rating: float | None
    repeat_respondents: int


class FitEvidence(BaseModel):
    fits_work: Shares
    employee_participants: int
    employee_sentiment: Shares | Suppressed | None
    employee_themes: list[tuple[str, int]]


class BenefitTheme(BaseModel):
    key: str
    count: int
    sentiment: dict[str, int]


class BenefitEvidence(BaseModel):
    benefit_themes: list[BenefitTheme]
    balance: float | None
    sentiment: dict[str, float | None]


class UsersQuestion(BaseModel):
    question: str = "Would the service have users?"
    verdict: Verdict
    value: float | None = Field(description="the share of yes among residents and customers")
    evidence: UsersEvidence


class FitQuestion(BaseModel):
    question: str = "Does it work as part of the city's services?"
    verdict: Verdict
    value: float | None = Field(description="employees' yes + half of partly")
    evidence: FitEvidence


class BenefitQuestion(BaseModel):
    question: str = "Does it produce benefits?"
    verdict: Verdict
    value: float | None = Field(description="(positive − negative) / comments on benefit themes")
    evidence: BenefitEvidence


class Scorecard(BaseModel):
    users: UsersQuestion
    fit: FitQuestion
    benefit: BenefitQuestion


class ExperimentReport(BaseModel):
    """Every figure of one experiment's report."""

    experiment: ReportExperiment
    totals: ReportTotals
    by_role: dict[str, RoleFigures]
    by_channel: dict[str, int]
    by_language: dict[str, int]
    rating: RatingFigures
    would_use: Shares
    fits_work: Shares
    sentiment: SentimentFigures
    themes: list[ThemeFigures]
    theme_by_role: dict[str, dict[str, int]]
    model_versions: list[VersionsUsed]
    models: list[ModelQuality]
    scorecard: Scorecard


# --- the programme overview ---------------------------------------------------------------


class ExperimentCounts(BaseModel):
    total: int
    by_status: dict[str, int]
    carried_out: int


class Participants(BaseModel):
    total: int
    telegram_respondents: int
    anonymous_submissions: int
    by_role: dict[str, int]


class Partners(BaseModel):
    count: int
    names: list[str]


class Month(BaseModel):
    month: str = Field(description="YYYY-MM, Europe/Helsinki")
    count: int


class FeedbackVolume(BaseModel):
    total: int
    by_month: list[Month]


class ThemeCount(BaseModel):
    key: str
    count: int


class ExperimentSummary(BaseModel):
    id: int
    slug: str
    title: str
    status: ExperimentStatus
    feedback: int
    participants: int
    mean_rating: float | None
    sentiment: Shares
    top_themes: list[ThemeCount]


class ProgrammeOverview(BaseModel):
    """The programme's figures (an owner's: their experiments only)."""

    experiments: ExperimentCounts
    participants: Participants
    partners: Partners
    feedback: FeedbackVolume
    per_experiment: list[ExperimentSummary]
