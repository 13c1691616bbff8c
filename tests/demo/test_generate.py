"""The demo programme: its hand-written material and the reproducible generator."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import UTC, date, datetime, timedelta
from statistics import mean
from zoneinfo import ZoneInfo

import pytest

from feedback_api.demo.generate import DemoProgramme, generate_programme
from feedback_api.demo.material import (
    EXPERIMENT_SNIPPETS,
    EXPERIMENTS,
    FEEDBACK_STATUSES,
    GENERIC_SNIPPETS,
    LANGUAGES,
    ROLES,
    SENTIMENTS,
    SERVICE_AREAS,
    STATUSES,
    THEMES,
    all_snippets,
)
from feedback_api.domain.slugs import is_valid_slug

ANCHOR = date(2025, 11, 28)
HELSINKI = ZoneInfo("Europe/Helsinki")
PII = re.compile(r"\d{3} \d{3} ?\d{3,4}|[\w.+-]+@[\w-]+\.\w+|\d{6}[-+A]\d{3}[0-9A-Y]")


@pytest.fixture(scope="module")
def programme() -> DemoProgramme:
    return generate_programme(anchor=ANCHOR)


def _by_experiment(programme: DemoProgramme) -> dict[str, list]:
    grouped: dict[str, list] = defaultdict(list)
    for item in programme.feedback:
        grouped[item.experiment_slug].append(item)
    return grouped


def _statuses(programme: DemoProgramme) -> dict[str, str]:
    return {experiment.slug: experiment.status for experiment in programme.experiments}


# --- reproducibility --------------------------------------------------------------------


def test_generate_programme_same_anchor_and_seed_is_equal(programme: DemoProgramme) -> None:
    assert generate_programme(anchor=ANCHOR) == programme
    assert generate_programme(anchor=ANCHOR, seed=7) == generate_programme(anchor=ANCHOR, seed=7)


def test_generate_programme_other_seed_differs(programme: DemoProgramme) -> None:
    other = generate_programme(anchor=ANCHOR, seed=2016)
    assert other.experiments == programme.experiments
    assert other.feedback != programme.feedback


def test_generate_programme_dates_follow_the_anchor(programme: DemoProgramme) -> None:
    # A whole number of weeks keeps the weekly rhythm, so the same draws come out shifted.
    shift = timedelta(weeks=14)
    later = generate_programme(anchor=ANCHOR + shift)
    for before, after in zip(programme.experiments, later.experiments, strict=True):
        assert after.start_date - before.start_date == shift
        assert after.end_date - before.end_date == shift

    def local_view(source: DemoProgramme, offset: timedelta) -> list[tuple]:
        return sorted(
            (
                item.experiment_slug,
                item.created_at.astimezone(HELSINKI).replace(tzinfo=None) + offset,
                item.text or "",
                item.rating or 0,
            )
            for item in source.feedback
        )

    assert local_view(programme, shift) == local_view(later, timedelta(0))


def test_generate_programme_accepts_a_datetime_anchor(programme: DemoProgramme) -> None:
    assert generate_programme(anchor=datetime(2025, 11, 28, 15, 30)) == programme


# --- experiments ------------------------------------------------------------------------


def test_experiments_cover_every_status(programme: DemoProgramme) -> None:
    counts = Counter(experiment.status for experiment in programme.experiments)
    assert set(counts) == set(STATUSES)
    assert counts == {
        "proposed": 2,
        "declined": 2,
        "running": 6,
        "ended": 3,
        "adopted": 3,
        "discontinued": 2,
    }
    assert 15 <= len(programme.experiments) <= 20


def test_experiment_slugs_are_valid_and_unique(programme: DemoProgramme) -> None:
    slugs = [experiment.slug for experiment in programme.experiments]
    assert len(set(slugs)) == len(slugs)
    for slug in slugs:
        assert is_valid_slug(slug), slug
        assert re.fullmatch(r"[a-z0-9-]{3,60}", slug)


def test_experiment_texts_exist_in_three_languages(programme: DemoProgramme) -> None:
    for experiment in programme.experiments:
        for field in (
            "title_fi",
            "title_sv",
            "title_en",
            "description_fi",
            "description_sv",
            "description_en",
            "owner_name",
        ):
            assert getattr(experiment, field).strip(), (experiment.slug, field)
        assert len({experiment.title_fi, experiment.title_sv, experiment.title_en}) == 3
        assert experiment.partners
        assert experiment.service_area in SERVICE_AREAS


def test_experiments_span_the_service_areas(programme: DemoProgramme) -> None:
    assert {experiment.service_area for experiment in programme.experiments} == set(SERVICE_AREAS)


def test_experiment_dates_fit_their_status(programme: DemoProgramme) -> None:
    for experiment in programme.experiments:
        assert experiment.start_date < experiment.end_date, experiment.slug
        started = (ANCHOR - experiment.start_date).days
        if experiment.status == "running":
            assert 60 <= started <= 300, experiment.slug
            assert experiment.end_date > ANCHOR, experiment.slug
        elif experiment.status in {"ended", "adopted", "discontinued"}:
            assert experiment.end_date < ANCHOR, experiment.slug
            assert started <= 2 * 366, experiment.slug
        elif experiment.status == "proposed":
            assert experiment.start_date > ANCHOR, experiment.slug


# --- volume -----------------------------------------------------------------------------


def test_feedback_volume_per_experiment(programme: DemoProgramme) -> None:
    grouped = _by_experiment(programme)
    statuses = _statuses(programme)
    for slug, status in statuses.items():
        count = len(grouped.get(slug, []))
        if status in FEEDBACK_STATUSES:
            assert 45 <= count <= 150, (slug, count)
        else:
            assert count == 0, slug
    assert len(programme.feedback) > 1000
    # Volumes differ by experiment.
    assert len({len(items) for items in grouped.values()}) >= 10


# --- dates ------------------------------------------------------------------------------


def test_feedback_dates_lie_in_the_experiment_and_before_the_anchor(
    programme: DemoProgramme,
) -> None:
    experiments = {experiment.slug: experiment for experiment in programme.experiments}
    anchor_start = datetime(ANCHOR.year, ANCHOR.month, ANCHOR.day, tzinfo=HELSINKI)
    for item in programme.feedback:
        experiment = experiments[item.experiment_slug]
        assert item.created_at.utcoffset() == timedelta(0)
        assert item.created_at.tzinfo is UTC
        local = item.created_at.astimezone(HELSINKI)
        last = min(experiment.end_date, ANCHOR - timedelta(days=1))
        assert experiment.start_date <= local.date() <= last
        assert experiment.start_date <= item.created_at.date() <= last
        assert item.created_at < anchor_start
        assert 6 <= local.hour <= 23


def test_feedback_is_heavier_after_launch(programme: DemoProgramme) -> None:
    experiments = {experiment.slug: experiment for experiment in programme.experiments}
    first_weeks, rest = 0, 0
    first_days, rest_days = 0, 0
    for slug, items in _by_experiment(programme).items():
        experiment = experiments[slug]
        last = min(experiment.end_date, ANCHOR - timedelta(days=1))
        span = (last - experiment.start_date).days + 1
        first_days += 28
        rest_days += span - 28
        for item in items:
            offset = (item.created_at.astimezone(HELSINKI).date() - experiment.start_date).days
            if offset < 28:
                first_weeks += 1
            else:
                rest += 1
    assert first_weeks / first_days > 2 * rest / rest_days


def test_employee_feedback_has_a_weekly_rhythm(programme: DemoProgramme) -> None:
    weekdays = Counter(
        item.created_at.astimezone(HELSINKI).weekday()
        for item in programme.feedback
        if item.role == "employee"
    )
    weekend_per_day = (weekdays[5] + weekdays[6]) / 2
    workday_per_day = sum(weekdays[day] for day in range(5)) / 5
    assert weekend_per_day < workday_per_day / 3


# --- content ----------------------------------------------------------------------------


def test_feedback_languages_per_experiment(programme: DemoProgramme) -> None:
    for slug, items in _by_experiment(programme).items():
        languages = Counter(item.language for item in items)
        assert set(languages) == set(LANGUAGES), (slug, languages)
        assert languages["fi"] > languages["sv"], slug
    overall = Counter(item.language for item in programme.feedback)
    assert 0.55 < overall["fi"] / len(programme.feedback) < 0.75


def test_feedback_role_questions(programme: DemoProgramme) -> None:
    for item in programme.feedback:
        assert item.role in ROLES
        if item.role == "employee":
            assert item.would_use is None
            assert item.fits_work in {None, "yes", "partly", "no"}
        else:
            assert item.fits_work is None
            assert item.would_use in {None, "yes", "maybe", "no"}
        assert any(
            value is not None for value in (item.text, item.rating, item.would_use, item.fits_work)
        )
    assert any(item.fits_work for item in programme.feedback)
    assert any(item.would_use for item in programme.feedback)


def test_feedback_channels_and_respondents(programme: DemoProgramme) -> None:
    for item in programme.feedback:
        assert item.channel in {"telegram", "web", "api"}
        if item.channel != "telegram":
            assert item.respondent is None
        else:
            assert item.respondent is not None
            info = programme.respondents[item.respondent]
            assert info == {"role": item.role, "language": item.language}
    channels = Counter(item.channel for item in programme.feedback)
    assert set(channels) == {"telegram", "web", "api"}
    used = {item.respondent for item in programme.feedback if item.respondent is not None}
    assert used == set(programme.respondents)


def test_feedback_has_repeat_respondents(programme: DemoProgramme) -> None:
    per_experiment = Counter(
        (item.experiment_slug, item.respondent)
        for item in programme.feedback
        if item.respondent is not None
    )
    assert sum(1 for count in per_experiment.values() if count > 1) >= 20
    experiments_per_respondent = Counter(respondent for _, respondent in per_experiment)
    assert sum(1 for count in experiments_per_respondent.values() if count > 1) >= 10


def test_feedback_labels_come_from_the_taxonomy(programme: DemoProgramme) -> None:
    for item in programme.feedback:
        assert set(item.expected_themes) <= set(THEMES)
        assert len(set(item.expected_themes)) == len(item.expected_themes)
        if item.text is None:
            assert item.expected_sentiment is None
            assert item.expected_themes == ()
        else:
            assert item.expected_sentiment in SENTIMENTS
    themes = Counter(key for item in programme.feedback for key in item.expected_themes)
    assert set(themes) == set(THEMES)


def test_feedback_text_share(programme: DemoProgramme) -> None:
    without_text = sum(1 for item in programme.feedback if item.text is None)
    assert 0.08 < without_text / len(programme.feedback) < 0.22


def test_feedback_ratings_agree_with_text_sentiment(programme: DemoProgramme) -> None:
    for item in programme.feedback:
        assert item.rating is None or 1 <= item.rating <= 5
        if item.rating is None:
            continue
        if item.expected_sentiment == "negative":
            assert item.rating <= 3
        elif item.expected_sentiment == "positive":
            assert item.rating >= 3


def test_feedback_texts_are_in_the_stated_language(programme: DemoProgramme) -> None:
    language_of = {snippet.text: snippet.lang for snippet in all_snippets()}
    for item in programme.feedback:
        if item.text is None:
            continue
        known = [lang for text, lang in language_of.items() if item.text.startswith(text)]
        assert known, item.text
        assert item.language in known


def test_feedback_mixes_specific_and_generic_snippets(programme: DemoProgramme) -> None:
    generic = {snippet.text for snippet in GENERIC_SNIPPETS}
    texts = [item.text for item in programme.feedback if item.text is not None]
    generic_share = sum(1 for text in texts if text in generic) / len(texts)
    assert 0.25 < generic_share < 0.5
    assert len(set(texts)) > 400


def test_discontinued_experiments_rate_clearly_lower_than_adopted(
    programme: DemoProgramme,
) -> None:
    statuses = _statuses(programme)
    ratings: dict[str, list[int]] = defaultdict(list)
    for item in programme.feedback:
        if item.rating is not None:
            ratings[statuses[item.experiment_slug]].append(item.rating)
    assert mean(ratings["discontinued"]) + 1.5 < mean(ratings["adopted"])
    assert mean(ratings["discontinued"]) < 2.8
    assert mean(ratings["adopted"]) > 4.0
    would_use = Counter(
        (statuses[item.experiment_slug], item.would_use)
        for item in programme.feedback
        if item.would_use is not None
    )
    assert would_use[("adopted", "yes")] > would_use[("adopted", "no")]
    assert would_use[("discontinued", "no")] > would_use[("discontinued", "yes")]


def test_discontinued_experiments_show_their_reason(programme: DemoProgramme) -> None:
    statuses = _statuses(programme)
    for slug in (slug for slug, status in statuses.items() if status == "discontinued"):
        items = [item for item in programme.feedback if item.experiment_slug == slug]
        negative = [item for item in items if item.expected_sentiment == "negative"]
        reasons = Counter(key for item in negative for key in item.expected_themes)
        assert len(negative) > len(items) / 3, slug
        assert reasons["reliability"] + reasons["usefulness"] >= 10, (slug, reasons)


# --- material ---------------------------------------------------------------------------


def test_material_snippet_counts() -> None:
    carried_out = [item.slug for item in EXPERIMENTS if item.status in FEEDBACK_STATUSES]
    assert len(carried_out) == 14
    assert set(EXPERIMENT_SNIPPETS) == set(carried_out)
    for slug in carried_out:
        languages = Counter(snippet.lang for snippet in EXPERIMENT_SNIPPETS[slug])
        assert languages["fi"] >= 12 and languages["sv"] >= 6 and languages["en"] >= 6, slug
        roles = {role for snippet in EXPERIMENT_SNIPPETS[slug] for role in snippet.roles}
        assert {"employee", "partner"} <= roles, slug
        sentiments = {snippet.sentiment for snippet in EXPERIMENT_SNIPPETS[slug]}
        assert sentiments == set(SENTIMENTS), slug
    generic = Counter(snippet.lang for snippet in GENERIC_SNIPPETS)
    assert min(generic[lang] for lang in LANGUAGES) >= 40
    distinct = {(snippet.lang, snippet.text) for snippet in all_snippets()}
    assert len(distinct) >= 700
    assert len(distinct) == len(all_snippets())


def test_material_generic_snippets_cover_every_combination() -> None:
    combinations = {
        (snippet.lang, role, snippet.sentiment)
        for snippet in GENERIC_SNIPPETS
        for role in snippet.roles
    }
    for lang in LANGUAGES:
        for role in ROLES:
            for sentiment in SENTIMENTS:
                assert (lang, role, sentiment) in combinations


def test_material_tags_are_known() -> None:
    for snippet in all_snippets():
        assert snippet.lang in LANGUAGES
        assert snippet.roles and set(snippet.roles) <= set(ROLES)
        assert snippet.sentiment in SENTIMENTS
        assert set(snippet.themes) <= set(THEMES)
        assert snippet.text == snippet.text.strip()


def test_material_contains_personal_data_to_redact() -> None:
    with_pii = [snippet.text for snippet in all_snippets() if PII.search(snippet.text)]
    assert 8 <= len(with_pii) <= 15
    assert set(LANGUAGES) == {
        snippet.lang for snippet in all_snippets() if PII.search(snippet.text)
    }


def test_material_outcomes_are_consistent() -> None:
    for item in EXPERIMENTS:
        assert item.status in STATUSES
        if item.status not in FEEDBACK_STATUSES:
            assert item.outcome is None, item.slug
            continue
        outcome = item.outcome
        assert outcome is not None, item.slug
        assert 1.0 <= outcome.mean_rating <= 5.0
        assert 45 <= outcome.volume <= 150
        assert set(outcome.roles) == set(ROLES)
        assert set(outcome.languages) == set(LANGUAGES)
        assert all(weight > 0 for weight in outcome.languages.values())
        assert min(outcome.would_use) > 0 and min(outcome.fits_work) > 0
