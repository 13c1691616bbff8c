"""A reproducible demo programme generated from the hand-written material.

`generate_programme(anchor=..., seed=...)` is pure: the same anchor and seed give equal
output, and nothing but `random.Random` supplies the randomness. Each experiment draws from
its own generator, seeded with the seed and the experiment's slug.

The feedback follows each experiment's outcome profile: ratings around its mean, a text whose
sentiment agrees with the rating, the role's own question (would_use or fits_work), more
volume in the first weeks after launch (and a closing round for finished experiments), fewer
weekend answers from employees, and plausible local hours in Europe/Helsinki.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from feedback_api.demo.material import (
    EXPERIMENT_SNIPPETS,
    EXPERIMENTS,
    FEEDBACK_STATUSES,
    GENERIC_SNIPPETS,
    THEMES,
    ExperimentMaterial,
    Outcome,
    Snippet,
)

HELSINKI = ZoneInfo("Europe/Helsinki")

NO_TEXT_SHARE = 0.15  # feedback with a rating or answers only
# Texts that try the experiment's own snippets first. Some fall back to generic ones when the
# experiment has none for that language, role and sentiment: about 60 % end up specific.
SPECIFIC_SHARE = 0.68
COMBINE_SHARE = 0.12  # specific snippets followed by a short generic verdict
FILLER_THEMES = frozenset({"usefulness", "ease_of_use"})  # themes such a verdict may carry
RATING_SKIPPED = 0.06  # texts sent without a rating
ANSWER_SKIPPED = 0.08  # would_use / fits_work left unanswered
REPEAT_SHARE = 0.3  # telegram feedback from someone who already answered on this experiment
CROSS_SHARE = 0.12  # telegram feedback from someone who answered on another experiment
LAUNCH_SHARE = 0.25  # feedback drawn from the weeks after launch (exponential, mean below)
LAUNCH_MEAN_DAYS = 12
CLOSING_SHARE = 0.1  # finished experiments: feedback from the closing survey weeks
CLOSING_DAYS = 21
RATING_SPREAD = 0.95
MIN_VOLUME, MAX_VOLUME = 45, 150

RATINGS = (1, 2, 3, 4, 5)
SENTIMENT_ORDER = ("positive", "neutral", "negative")
# Weights of positive / neutral / negative text for a rating: a negative text never comes
# with a rating above 3, a positive one never below 3.
SENTIMENT_BY_RATING: dict[int, tuple[float, float, float]] = {
    1: (0.0, 0.05, 0.95),
    2: (0.0, 0.2, 0.8),
    3: (0.15, 0.6, 0.25),
    4: (0.78, 0.22, 0.0),
    5: (0.92, 0.08, 0.0),
}
WOULD_USE = ("yes", "maybe", "no")
FITS_WORK = ("yes", "partly", "no")
# Multipliers on the profile's yes / maybe-partly / no weights, by rating, so that answers
# agree with the rating while the profile still sets the level.
ANSWER_TILT: dict[int, tuple[float, float, float]] = {
    1: (0.15, 0.8, 2.5),
    2: (0.35, 1.0, 1.8),
    3: (0.8, 1.3, 0.9),
    4: (1.4, 0.9, 0.4),
    5: (1.8, 0.6, 0.2),
}
CHANNELS: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "resident": (("telegram", "web"), (0.6, 0.4)),
    "customer": (("telegram", "web"), (0.6, 0.4)),
    "employee": (("telegram", "web"), (0.5, 0.5)),
    "partner": (("web", "api"), (0.65, 0.35)),
}
# Acceptance weights by weekday (Monday first): staff answer in office hours on weekdays,
# residents any day.
WORK_WEEK = (1.0, 1.0, 0.95, 0.95, 0.8, 0.12, 0.08)
FREE_WEEK = (0.85, 0.8, 0.8, 0.85, 0.75, 0.9, 1.0)
# Weights of the local hours 06–23; none earlier, so the UTC date is always the local date.
FIRST_HOUR = 6
WORK_HOURS = (0, 2, 6, 10, 10, 8, 5, 8, 9, 7, 3, 1, 0, 0, 0, 0, 0, 0)
FREE_HOURS = (1, 3, 4, 4, 4, 4, 5, 4, 4, 5, 6, 7, 8, 9, 9, 8, 5, 2)


@dataclass(frozen=True)
class DemoExperiment:
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
    start_date: date
    end_date: date
    status: str


@dataclass(frozen=True)
class DemoFeedback:
    experiment_slug: str
    # Demo-local respondent id (telegram only); None for web and API submissions.
    respondent: int | None
    role: str
    channel: str
    language: str
    text: str | None
    rating: int | None
    would_use: str | None
    fits_work: str | None
    created_at: datetime
    # The labels the text was written with (None and () when there is no text).
    expected_sentiment: str | None
    expected_themes: tuple[str, ...]


@dataclass(frozen=True)
class DemoProgramme:
    experiments: tuple[DemoExperiment, ...]
    feedback: tuple[DemoFeedback, ...]
    # Telegram respondents by demo id: {"role": ..., "language": ...}.
    respondents: dict[int, dict[str, str]]


def generate_programme(*, anchor: date, seed: int = 2015) -> DemoProgramme:
    """The demo programme with dates relative to `anchor` ("today"); no feedback on or after it."""
    if isinstance(anchor, datetime):
        anchor = anchor.date()
    respondents = _Respondents()
    picker = _SnippetPicker(EXPERIMENT_SNIPPETS, GENERIC_SNIPPETS)
    experiments: list[DemoExperiment] = []
    feedback: list[DemoFeedback] = []
    for material in EXPERIMENTS:
        experiment = _experiment(material, anchor)
        experiments.append(experiment)
        if material.status in FEEDBACK_STATUSES:
            if material.outcome is None:
                raise ValueError(f"{material.slug}: a carried-out experiment needs an outcome")
            # The seed and slug, not the experiment's position, pick its random stream.
            rng = random.Random(f"{seed}:{material.slug}")  # noqa: S311 - demo data, not security
            feedback.extend(
                _feedback(experiment, material.outcome, anchor, rng, picker, respondents)
            )
    feedback.sort(key=lambda item: (item.created_at, item.experiment_slug))
    return DemoProgramme(
        experiments=tuple(experiments),
        feedback=tuple(feedback),
        respondents=respondents.info,
    )


def _experiment(material: ExperimentMaterial, anchor: date) -> DemoExperiment:
    return DemoExperiment(
        slug=material.slug,
        title_fi=material.title_fi,
        title_sv=material.title_sv,
        title_en=material.title_en,
        description_fi=material.description_fi,
        description_sv=material.description_sv,
        description_en=material.description_en,
        owner_name=material.owner_name,
        partners=material.partners,
        service_area=material.service_area,
        start_date=anchor + timedelta(days=material.start_offset_days),
        end_date=anchor + timedelta(days=material.end_offset_days),
        status=material.status,
    )


def _feedback(
    experiment: DemoExperiment,
    outcome: Outcome,
    anchor: date,
    rng: random.Random,
    picker: _SnippetPicker,
    respondents: _Respondents,
) -> list[DemoFeedback]:
    last_day = min(experiment.end_date, anchor - timedelta(days=1))
    if last_day < experiment.start_date:
        raise ValueError(f"{experiment.slug}: starts on or after the anchor date")
    finished = experiment.end_date < anchor
    rating_weights = _rating_weights(outcome.mean_rating)
    roles, role_weights = _keys_and_weights(outcome.roles)
    languages, language_weights = _keys_and_weights(outcome.languages)
    volume = round(outcome.volume * rng.uniform(0.9, 1.1))
    volume = max(MIN_VOLUME, min(MAX_VOLUME, volume))

    items: list[DemoFeedback] = []
    for _ in range(volume):
        role = rng.choices(roles, role_weights)[0]
        language = rng.choices(languages, language_weights)[0]
        channels, channel_weights = CHANNELS[role]
        channel = rng.choices(channels, channel_weights)[0]
        respondent = None
        if channel == "telegram":
            respondent = respondents.pick(rng, experiment.slug, role, language)
        latent = rng.choices(RATINGS, rating_weights)[0]
        sentiment = rng.choices(SENTIMENT_ORDER, SENTIMENT_BY_RATING[latent])[0]

        text: str | None = None
        themes: tuple[str, ...] = ()
        if rng.random() >= NO_TEXT_SHARE:
            text, themes = picker.compose(rng, experiment.slug, language, role, sentiment)
        rating = None if text is not None and rng.random() < RATING_SKIPPED else latent
        would_use = fits_work = None
        if role == "employee":
            fits_work = _answer(rng, FITS_WORK, outcome.fits_work, latent)
        else:
            would_use = _answer(rng, WOULD_USE, outcome.would_use, latent)
        work_rhythm = role in ("employee", "partner")
        items.append(
            DemoFeedback(
                experiment_slug=experiment.slug,
                respondent=respondent,
                role=role,
                channel=channel,
                language=language,
                text=text,
                rating=rating,
                would_use=would_use,
                fits_work=fits_work,
                created_at=_created_at(
                    rng, experiment.start_date, last_day, finished=finished, work=work_rhythm
                ),
                expected_sentiment=sentiment if text is not None else None,
                expected_themes=themes,
            )
        )
    return items


def _keys_and_weights(weights: Mapping[str, float]) -> tuple[list[str], list[float]]:
    keys = [key for key, weight in weights.items() if weight > 0]
    return keys, [weights[key] for key in keys]


def _rating_weights(mean: float) -> list[float]:
    """Weights of ratings 1–5: a discretised normal whose own mean is `mean`."""

    def weights(center: float) -> list[float]:
        return [math.exp(-((k - center) ** 2) / (2 * RATING_SPREAD**2)) for k in RATINGS]

    def mean_of(center: float) -> float:
        w = weights(center)
        return sum(k * wk for k, wk in zip(RATINGS, w, strict=True)) / sum(w)

    # The mean grows with the centre, so bisect for the centre that gives the wanted mean.
    low, high = mean - 4.0, mean + 4.0
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if mean_of(middle) < mean else (low, middle)
    return weights((low + high) / 2)


def _answer(
    rng: random.Random,
    values: tuple[str, str, str],
    profile: tuple[float, float, float],
    rating: int,
) -> str | None:
    if rng.random() < ANSWER_SKIPPED:
        return None
    tilted = [weight * tilt for weight, tilt in zip(profile, ANSWER_TILT[rating], strict=True)]
    return rng.choices(values, tilted)[0]


def _created_at(
    rng: random.Random, start: date, last: date, *, finished: bool, work: bool
) -> datetime:
    span = (last - start).days + 1
    week = WORK_WEEK if work else FREE_WEEK
    while True:
        roll = rng.random()
        if roll < LAUNCH_SHARE:
            offset = int(rng.expovariate(1 / LAUNCH_MEAN_DAYS))
        elif finished and roll < LAUNCH_SHARE + CLOSING_SHARE:
            offset = span - 1 - rng.randrange(min(CLOSING_DAYS, span))
        else:
            offset = rng.randrange(span)
        if offset >= span:
            continue
        day = start + timedelta(days=offset)
        if rng.random() < week[day.weekday()]:
            break
    hours = WORK_HOURS if work else FREE_HOURS
    hour = FIRST_HOUR + rng.choices(range(len(hours)), hours)[0]
    local = datetime(
        day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60), tzinfo=HELSINKI
    )
    return local.astimezone(UTC)


class _Respondents:
    """Telegram respondents: repeat answers on one experiment, and people on several."""

    def __init__(self) -> None:
        self.info: dict[int, dict[str, str]] = {}
        self._by_experiment: defaultdict[str, list[int]] = defaultdict(list)

    def pick(self, rng: random.Random, slug: str, role: str, language: str) -> int:
        seen = self._by_experiment[slug]
        own = [rid for rid in seen if self._matches(rid, role, language)]
        roll = rng.random()
        if own and roll < REPEAT_SHARE:
            return rng.choice(own)
        if roll < REPEAT_SHARE + CROSS_SHARE:
            seen_here = set(seen)
            others = [
                rid
                for rid in self.info
                if rid not in seen_here and self._matches(rid, role, language)
            ]
            if others:
                rid = rng.choice(others)
                seen.append(rid)
                return rid
        rid = len(self.info) + 1
        self.info[rid] = {"role": role, "language": language}
        seen.append(rid)
        return rid

    def _matches(self, rid: int, role: str, language: str) -> bool:
        info = self.info[rid]
        return info["role"] == role and info["language"] == language


class _SnippetPicker:
    """Picks texts, least-used first, so the material is spread across the feedback."""

    def __init__(
        self, specific: Mapping[str, Sequence[Snippet]], generic: Sequence[Snippet]
    ) -> None:
        self._specific = {slug: _index(items) for slug, items in specific.items()}
        self._generic = _index(generic)
        self._uses: Counter[Snippet] = Counter()

    def compose(
        self, rng: random.Random, slug: str, language: str, role: str, sentiment: str
    ) -> tuple[str, tuple[str, ...]]:
        key = (language, role, sentiment)
        specific = self._specific.get(slug, {}).get(key, [])
        generic = self._generic.get(key, [])
        if specific and (rng.random() < SPECIFIC_SHARE or not generic):
            snippet = self._pick(rng, specific)
            text, themes = snippet.text, snippet.themes
            if sentiment != "neutral" and rng.random() < COMBINE_SHARE:
                short = [item for item in generic if _is_short_filler(item)]
                if short:
                    extra = self._pick(rng, short)
                    text = f"{_end_sentence(text)} {extra.text}"
                    themes = tuple(key for key in THEMES if key in themes or key in extra.themes)
            return text, themes
        if not generic:
            raise LookupError(f"no generic snippet for {key}")
        snippet = self._pick(rng, generic)
        return snippet.text, snippet.themes

    def _pick(self, rng: random.Random, pool: Sequence[Snippet]) -> Snippet:
        fewest = min(self._uses[item] for item in pool)
        snippet = rng.choice([item for item in pool if self._uses[item] == fewest])
        self._uses[snippet] += 1
        return snippet


def _index(items: Sequence[Snippet]) -> dict[tuple[str, str, str], list[Snippet]]:
    index: defaultdict[tuple[str, str, str], list[Snippet]] = defaultdict(list)
    for item in items:
        for role in item.roles:
            index[(item.lang, role, item.sentiment)].append(item)
    return dict(index)


def _is_short_filler(snippet: Snippet) -> bool:
    # A short overall verdict that fits after any text; without digits or "@", so never a
    # second phone number or address.
    text = snippet.text
    return (
        len(text) <= 45
        and set(snippet.themes) <= FILLER_THEMES
        and "@" not in text
        and not any(ch.isdigit() for ch in text)
    )


def _end_sentence(text: str) -> str:
    return text if text.endswith((".", "!", "?")) else f"{text}."
