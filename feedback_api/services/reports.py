"""Reports: one experiment's figures and the programme overview, counted by the database.

Plain aggregates over the feedback and its indexes, a handful of queries per report (one
pass groups the experiment's rows by everything the report breaks them down by, a few hundred
groups at most; weeks, respondents and themes take one query each). Reports only read: on
SQLite their sessions take no write lock, so a report never holds up a submission.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, exists, func, select, true
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.models import Experiment, Feedback, FeedbackTheme, ModelVersion, Theme
from feedback_api.domain.enums import ExperimentStatus, Role, ThemeSource
from feedback_api.domain.principal import Principal
from feedback_api.domain.reports import (
    BENEFIT_THEMES,
    FITS_WORK_ANSWERS,
    MIN_GROUP,
    QUOTES_PER_THEME,
    SCORECARD_RULES,
    SENTIMENTS,
    USER_ROLES,
    WOULD_USE_ANSWERS,
    BenefitEvidence,
    BenefitQuestion,
    BenefitTheme,
    ExperimentCounts,
    ExperimentReport,
    ExperimentSummary,
    FeedbackVolume,
    FitEvidence,
    FitQuestion,
    ModelQuality,
    Month,
    Participants,
    Partners,
    ProgrammeOverview,
    Quote,
    RatingFigures,
    ReportExperiment,
    ReportTotals,
    RoleFigures,
    Scorecard,
    SentimentFigures,
    Shares,
    Suppressed,
    ThemeCount,
    ThemeFigures,
    UsersEvidence,
    UsersQuestion,
    VersionsUsed,
    Week,
)

# The measured-quality figures of a model version shown with a report.
QUALITY_METRICS = ("macro_f1", "accuracy", "n_train", "n_test")
CARRIED_OUT = ("running", "ended", "adopted", "discontinued")


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _counter() -> defaultdict[str, int]:
    return defaultdict(int)


class _Tally:
    """The experiment's rows folded from their groups (one query, see `_tally`)."""

    def __init__(self) -> None:
        self.n = self.anonymous = self.with_text = self.redactions = 0
        self.rating_sum = self.n_rated = self.classified = self.unclear = 0
        self.by: defaultdict[str, defaultdict[str, int]] = defaultdict(_counter)
        self.role: defaultdict[str, defaultdict[str, defaultdict[str, int]]] = defaultdict(
            lambda: defaultdict(_counter)
        )
        self.role_rating: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.versions: defaultdict[tuple[str | None, str | None], int] = defaultdict(int)

    def add(self, row: Any) -> None:
        n, role = int(row.n), row.role
        self.n += n
        self.redactions += int(row.redactions or 0)
        self.by["role"][role] += n
        self.by["channel"][row.channel] += n
        if row.language:
            self.by["language"][row.language] += n
        if row.rating is not None:
            self.rating_sum += row.rating * n
            self.n_rated += n
            self.role_rating[role][0] += row.rating * n
            self.role_rating[role][1] += n
            self.by["rating"][str(row.rating)] += n
        if row.anonymous:
            self.anonymous += n
            self.role[role]["anonymous"]["yes"] += n
        for attribute in ("would_use", "fits_work"):
            value = getattr(row, attribute)
            if value:
                self.by[attribute][value] += n
        if row.would_use and role in USER_ROLES:
            self.by["would_use_users"][row.would_use] += n
        if row.sentiment_label:
            self.by["sentiment"][row.sentiment_label] += n
            self.role[role]["sentiment"][row.sentiment_label] += n
        if row.with_text:
            self.with_text += n
            self.by["role_text"][role] += n
            if row.classified and not row.themed:
                self.unclear += n
        if row.classified:
            self.classified += n
            key = (row.sentiment_model_version or None, row.theme_model_version or None)
            self.versions[key] += n


async def _tally(session: AsyncSession, experiment_id: int) -> _Tally:
    F = Feedback
    rows = (
        select(
            F.role,
            F.channel,
            F.language,
            F.rating,
            F.would_use,
            F.fits_work,
            F.sentiment_label,
            F.sentiment_model_version,
            F.theme_model_version,
            F.text.is_not(None).label("with_text"),
            F.classified_at.is_not(None).label("classified"),
            F.respondent_id.is_(None).label("anonymous"),
            exists().where(FeedbackTheme.feedback_id == F.id).correlate(F).label("themed"),
            F.redactions,
        )
        .where(F.experiment_id == experiment_id)
        .subquery()
    )
    keys = [column for column in rows.c if column.name != "redactions"]
    tally = _Tally()
    for row in await session.execute(
        select(
            *keys, func.count().label("n"), func.sum(rows.c.redactions).label("redactions")
        ).group_by(*keys)
    ):
        tally.add(row)
    return tally


async def _weekly(session: AsyncSession, experiment_id: int) -> list[Week]:
    F = Feedback
    days = await session.execute(
        select(
            F.created_date,
            F.sentiment_label,
            func.count(),
            func.sum(F.rating),
            func.count(F.rating),
        )
        .where(F.experiment_id == experiment_id)
        .group_by(F.created_date, F.sentiment_label)
    )
    weeks: dict[date, dict[str, int]] = {}
    for day, label, n, rating_sum, rated in days:
        start = day - timedelta(days=day.weekday())
        week = weeks.setdefault(start, defaultdict(int))
        week["count"] += n
        week["rating_sum"] += rating_sum or 0
        week["rated"] += rated
        if label in SENTIMENTS:
            week[label] += n
    result = []
    if weeks:
        # Quiet weeks as zeros, so that a trend line does not skip them.
        day, last = min(weeks), max(weeks)
        while day <= last:
            week = weeks.get(day, {})
            rated = week.get("rated", 0)
            result.append(
                Week(
                    week=iso_week(day),
                    start_date=day,
                    count=week.get("count", 0),
                    positive=week.get("positive", 0),
                    neutral=week.get("neutral", 0),
                    negative=week.get("negative", 0),
                    mean_rating=round(week["rating_sum"] / rated, 2) if rated else None,
                )
            )
            day += timedelta(days=7)
    return result


async def _date_range(session: AsyncSession, experiment_id: int) -> tuple[date | None, date | None]:
    first, last = (
        await session.execute(
            select(func.min(Feedback.created_date), func.max(Feedback.created_date)).where(
                Feedback.experiment_id == experiment_id
            )
        )
    ).one()
    return first, last


async def _quotes(session: AsyncSession, experiment_id: int, theme_id: int) -> list[Quote]:
    """Staff-confirmed first, then the model's most confident; the same words only once."""
    quotes: list[Quote] = []
    seen: set[str] = set()
    for source in (ThemeSource.STAFF, ThemeSource.MODEL):
        rows = await session.execute(
            select(
                Feedback.id,
                Feedback.text,
                Feedback.role,
                Feedback.language,
                Feedback.sentiment_label,
                Feedback.created_date,
            )
            .join(FeedbackTheme, FeedbackTheme.feedback_id == Feedback.id)
            .where(
                FeedbackTheme.theme_id == theme_id,
                FeedbackTheme.source == source.value,
                Feedback.experiment_id == experiment_id,
                Feedback.text.is_not(None),
            )
            # The order of ix_feedback_themes_quotes: no sort over the theme's rows.
            .order_by(FeedbackTheme.score.desc(), FeedbackTheme.feedback_id.desc())
            .limit(QUOTES_PER_THEME * 4)
        )
        for feedback_id, text, role, language, label, day in rows:
            words = " ".join((text or "").casefold().split())
            if words in seen:
                continue
            seen.add(words)
            quotes.append(
                Quote(
                    feedback_id=feedback_id,
                    text=text or "",
                    role=role,
                    language=language,
                    sentiment=label,
                    date=day,
                )
            )
            if len(quotes) == QUOTES_PER_THEME:
                return quotes
    return quotes


async def experiment_report(
    *, session: AsyncSession, experiment: Experiment, language: str = "en"
) -> ExperimentReport:
    """Every figure of one experiment's report."""
    eid = experiment.id
    tally = await _tally(session, eid)
    first, last = await _date_range(session, eid)

    # Distinct Telegram respondents, per role and repeat ones (the respondent index alone).
    per_role: defaultdict[str, set[int]] = defaultdict(set)
    per_respondent: defaultdict[int, int] = defaultdict(int)
    for respondent_id, role, n in await session.execute(
        select(Feedback.respondent_id, Feedback.role, func.count())
        .where(Feedback.experiment_id == eid, Feedback.respondent_id.is_not(None))
        .group_by(Feedback.respondent_id, Feedback.role)
    ):
        assert respondent_id is not None
        per_role[role].add(respondent_id)
        per_respondent[respondent_id] += n
    role_participants = {role: len(ids) for role, ids in per_role.items()}
    for role, values in tally.role.items():
        role_participants[role] = role_participants.get(role, 0) + values["anonymous"]["yes"]
    broken_down = {role for role, p in role_participants.items() if p >= MIN_GROUP}
    repeat = sum(1 for n in per_respondent.values() if n > 1)

    themes: dict[int, dict[str, Any]] = {}
    theme_role: defaultdict[int, defaultdict[str, int]] = defaultdict(_counter)
    for theme_id, role, label, n in await session.execute(
        select(FeedbackTheme.theme_id, Feedback.role, Feedback.sentiment_label, func.count())
        .join(Feedback, Feedback.id == FeedbackTheme.feedback_id)
        .where(Feedback.experiment_id == eid)
        .group_by(FeedbackTheme.theme_id, Feedback.role, Feedback.sentiment_label)
    ):
        entry = themes.setdefault(theme_id, {"count": 0, "sentiment": defaultdict(int)})
        entry["count"] += n
        if label is not None:
            entry["sentiment"][label] += n
        theme_role[theme_id][role] += n
    meta = {
        theme.id: theme
        for theme in (await session.scalars(select(Theme).where(Theme.id.in_(themes)))).all()
    }
    theme_list = [
        ThemeFigures(
            key=meta[theme_id].key,
            name=meta[theme_id].localized_name(language),
            count=entry["count"],
            share=round(entry["count"] / tally.with_text, 4) if tally.with_text else None,
            sentiment=Shares.of(entry["sentiment"], SENTIMENTS),
            quotes=await _quotes(session, eid, theme_id),
        )
        for theme_id, entry in sorted(themes.items(), key=lambda kv: (-kv[1]["count"], kv[0]))
    ]

    def role_mean(role: str) -> float | None:
        total, rated = tally.role_rating.get(role, [0, 0])
        return round(total / rated, 2) if role in broken_down and rated else None

    by_role = {
        role: RoleFigures(
            feedback=count,
            with_text=tally.by["role_text"].get(role, 0),
            participants=role_participants.get(role, 0),
            broken_down=role in broken_down,
            mean_rating=role_mean(role),
        )
        for role, count in sorted(tally.by["role"].items())
    }
    sentiment = SentimentFigures(
        **Shares.of(tally.by["sentiment"], SENTIMENTS).model_dump(),
        by_role={
            role: (
                Shares.of(tally.role[role]["sentiment"], SENTIMENTS)
                if role in broken_down
                else Suppressed()
            )
            for role in tally.by["role"]
        },
        weekly=await _weekly(session, eid),
    )
    versions = sorted(
        (VersionsUsed(sentiment=s, themes=t, feedback=n) for (s, t), n in tally.versions.items()),
        key=lambda v: (v.sentiment or "", v.themes or ""),
    )
    totals = ReportTotals(
        feedback=tally.n,
        participants=len(per_respondent) + tally.anonymous,
        with_text=tally.with_text,
        redactions=tally.redactions,
        repeat_respondents=repeat,
        classified=tally.classified,
        unclear=tally.unclear,
        first_date=first,
        last_date=last,
    )
    fits_work = Shares.of(tally.by["fits_work"], FITS_WORK_ANSWERS)
    theme_by_role = {
        meta[theme_id].key: {role: n for role, n in roles.items() if role in broken_down}
        for theme_id, roles in theme_role.items()
    }
    return ExperimentReport(
        experiment=ReportExperiment(
            id=experiment.id,
            slug=experiment.slug,
            title=experiment.localized_title(language),
            status=ExperimentStatus(experiment.status),
            owner_name=experiment.owner_name,
            partners=list(experiment.partners),
            start_date=experiment.start_date,
            end_date=experiment.end_date,
        ),
        totals=totals,
        by_role=by_role,
        by_channel=dict(tally.by["channel"]),
        by_language=dict(tally.by["language"]),
        rating=RatingFigures(
            n=tally.n_rated,
            mean=round(tally.rating_sum / tally.n_rated, 2) if tally.n_rated else None,
            distribution={str(k): tally.by["rating"].get(str(k), 0) for k in range(1, 6)},
        ),
        would_use=Shares.of(tally.by["would_use"], WOULD_USE_ANSWERS),
        fits_work=fits_work,
        sentiment=sentiment,
        themes=theme_list,
        theme_by_role=theme_by_role,
        model_versions=versions,
        models=await _model_quality(session, versions),
        scorecard=build_scorecard(
            totals=totals,
            by_role=by_role,
            would_use_users=Shares.of(tally.by["would_use_users"], WOULD_USE_ANSWERS),
            fits_work=fits_work,
            sentiment=sentiment,
            themes=theme_list,
            theme_by_role=theme_by_role,
        ),
    )


async def _model_quality(
    session: AsyncSession, versions: Sequence[VersionsUsed]
) -> list[ModelQuality]:
    """Each model version behind the report: how many items it labelled, its measured quality
    (a deployment's versions from the database, the shipped defaults from their records)."""
    used: defaultdict[tuple[str, str | None], int] = defaultdict(int)
    for version in versions:
        used[("sentiment", version.sentiment)] += version.feedback
        used[("themes", version.themes)] += version.feedback
    known = {v for _kind, v in used if v is not None}
    metrics: dict[str, dict[str, Any]] = {}
    if known:
        for name, figures in await session.execute(
            select(ModelVersion.version, ModelVersion.metrics).where(
                ModelVersion.version.in_(known)
            )
        ):
            metrics[name] = figures or {}
    if known - metrics.keys():
        metrics.update(_shipped_metrics(known - metrics.keys()))
    return [
        ModelQuality(
            kind=kind,
            version=version,
            feedback=count,
            metrics={name: metrics.get(version or "", {}).get(name) for name in QUALITY_METRICS},
        )
        for (kind, version), count in sorted(
            used.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        )
    ]


def _shipped_metrics(versions: Iterable[str]) -> dict[str, dict[str, Any]]:
    from analysis.pipeline import DEFAULT_MODEL_DIR
    from analysis.store import KINDS, ModelStore

    store = ModelStore(DEFAULT_MODEL_DIR)
    wanted = set(versions)
    return {
        info.version: info.metrics
        for kind in KINDS
        for info in store.versions(kind)
        if info.version in wanted
    }


def build_scorecard(
    *,
    totals: ReportTotals,
    by_role: dict[str, RoleFigures],
    would_use_users: Shares,
    fits_work: Shares,
    sentiment: SentimentFigures,
    themes: list[ThemeFigures],
    theme_by_role: dict[str, dict[str, int]],
) -> Scorecard:
    """The programme's three questions, each answered from the evidence it names."""
    users = would_use_users
    user_roles = [by_role.get(role) for role in USER_ROLES]
    user_ratings = [r.mean_rating for r in user_roles if r and r.mean_rating is not None]
    yes = users.shares["yes"] if users.n >= MIN_GROUP else None
    employee = by_role.get(Role.EMPLOYEE.value)
    fits = fits_work
    fit_share = (
        round((fits.counts["yes"] + 0.5 * fits.counts["partly"]) / fits.n, 4)
        if fits.n >= MIN_GROUP
        else None
    )
    benefit_themes = [t for t in themes if t.key in BENEFIT_THEMES]
    benefit_n = sum(t.sentiment.n for t in benefit_themes)
    positive = sum(t.sentiment.counts["positive"] for t in benefit_themes)
    negative = sum(t.sentiment.counts["negative"] for t in benefit_themes)
    balance = round((positive - negative) / benefit_n, 4) if benefit_n >= MIN_GROUP else None
    return Scorecard(
        users=UsersQuestion(
            verdict=SCORECARD_RULES["users"].verdict(yes),
            value=yes,
            evidence=UsersEvidence(
                would_use=users,
                mean_rating_by_role={
                    role: (r.mean_rating if r else None)
                    for role, r in zip(USER_ROLES, user_roles, strict=True)
                },
                mean_rating=(
                    round(sum(user_ratings) / len(user_ratings), 2) if user_ratings else None
                ),
                repeat_respondents=totals.repeat_respondents,
            ),
        ),
        fit=FitQuestion(
            verdict=SCORECARD_RULES["fit"].verdict(fit_share),
            value=fit_share,
            evidence=FitEvidence(
                fits_work=fits,
                employee_participants=employee.participants if employee else 0,
                employee_sentiment=sentiment.by_role.get(Role.EMPLOYEE.value),
                employee_themes=sorted(
                    (
                        (key, roles[Role.EMPLOYEE.value])
                        for key, roles in theme_by_role.items()
                        if roles.get(Role.EMPLOYEE.value)
                    ),
                    key=lambda kv: -kv[1],
                )[:5],
            ),
        ),
        benefit=BenefitQuestion(
            verdict=SCORECARD_RULES["benefit"].verdict(balance),
            value=balance,
            evidence=BenefitEvidence(
                benefit_themes=[
                    BenefitTheme(key=t.key, count=t.count, sentiment=t.sentiment.counts)
                    for t in benefit_themes
                ],
                balance=balance,
                sentiment={k: sentiment.shares[k] for k in SENTIMENTS},
            ),
        ),
    )


# --- the programme overview ---------------------------------------------------------------


def _experiment_counts() -> dict[str, Any]:
    return {"n": 0, "rating_sum": 0, "rated": 0, "anonymous": 0, "sentiment": _counter()}


async def programme_overview(
    *, session: AsyncSession, principal: Principal, language: str = "en"
) -> ProgrammeOverview:
    """The programme's figures; an owner's overview covers their experiments only."""
    query = select(Experiment).order_by(Experiment.id)
    scope: ColumnElement[bool] = true()
    if not principal.is_staff:
        query = query.where(Experiment.id.in_(principal.experiment_ids))
        scope = Feedback.experiment_id.in_(principal.experiment_ids)
    experiments = (await session.scalars(query)).all()
    by_status = {s.value: 0 for s in ExperimentStatus}
    for e in experiments:
        by_status[e.status] += 1
    F = Feedback

    counts: defaultdict[int, dict[str, Any]] = defaultdict(_experiment_counts)
    anonymous_by_role: defaultdict[str, int] = defaultdict(int)
    for exp_id, role, is_anonymous, label, n, rating_sum, rated in await session.execute(
        select(
            F.experiment_id,
            F.role,
            F.respondent_id.is_(None),
            F.sentiment_label,
            func.count(),
            func.sum(F.rating),
            func.count(F.rating),
        )
        .where(scope)
        .group_by(F.experiment_id, F.role, F.respondent_id.is_(None), F.sentiment_label)
    ):
        entry = counts[exp_id]
        entry["n"] += n
        entry["rating_sum"] += rating_sum or 0
        entry["rated"] += rated
        if is_anonymous:
            entry["anonymous"] += n
            anonymous_by_role[role] += n
        if label:
            entry["sentiment"][label] += n

    monthly: defaultdict[str, int] = defaultdict(int)
    for day, n in await session.execute(
        select(F.created_date, func.count()).where(scope).group_by(F.created_date)
    ):
        monthly[day.strftime("%Y-%m")] += n

    respondents_by_exp = dict(
        (
            await session.execute(
                select(F.experiment_id, func.count(func.distinct(F.respondent_id)))
                .where(scope, F.respondent_id.is_not(None))
                .group_by(F.experiment_id)
            )
        ).all()
    )
    by_role = {
        role: int(n)
        for role, n in await session.execute(
            select(F.role, func.count(func.distinct(F.respondent_id)))
            .where(scope, F.respondent_id.is_not(None))
            .group_by(F.role)
        )
    }
    for role, n in anonymous_by_role.items():
        by_role[role] = by_role.get(role, 0) + n
    respondents = int(
        await session.scalar(
            select(func.count(func.distinct(F.respondent_id))).where(
                scope, F.respondent_id.is_not(None)
            )
        )
        or 0
    )

    theme_counts: defaultdict[int, list[tuple[str, int]]] = defaultdict(list)
    for exp_id, key, n in await session.execute(
        select(F.experiment_id, Theme.key, func.count())
        .select_from(FeedbackTheme)
        .join(F, F.id == FeedbackTheme.feedback_id)
        .join(Theme, Theme.id == FeedbackTheme.theme_id)
        .where(scope)
        .group_by(F.experiment_id, Theme.key)
    ):
        theme_counts[exp_id].append((key, int(n)))

    per_experiment = []
    for e in experiments:
        entry = counts.get(e.id) or _experiment_counts()
        per_experiment.append(
            ExperimentSummary(
                id=e.id,
                slug=e.slug,
                title=e.localized_title(language),
                status=ExperimentStatus(e.status),
                feedback=entry["n"],
                participants=int(respondents_by_exp.get(e.id, 0)) + entry["anonymous"],
                mean_rating=round(entry["rating_sum"] / entry["rated"], 2)
                if entry["rated"]
                else None,
                sentiment=Shares.of(entry["sentiment"], SENTIMENTS),
                top_themes=[
                    ThemeCount(key=k, count=c)
                    for k, c in sorted(theme_counts.get(e.id, []), key=lambda kc: -kc[1])[:3]
                ],
            )
        )
    anonymous = sum(anonymous_by_role.values())
    partners = sorted({p for e in experiments for p in e.partners})
    return ProgrammeOverview(
        experiments=ExperimentCounts(
            total=len(experiments),
            by_status=by_status,
            carried_out=sum(by_status[s] for s in CARRIED_OUT),
        ),
        participants=Participants(
            total=respondents + anonymous,
            telegram_respondents=respondents,
            anonymous_submissions=anonymous,
            by_role=by_role,
        ),
        partners=Partners(count=len(partners), names=partners),
        feedback=FeedbackVolume(
            total=sum(monthly.values()),
            by_month=[Month(month=m, count=c) for m, c in sorted(monthly.items())],
        ),
        per_experiment=per_experiment,
    )
