"""Reports: one experiment's figures and the programme overview, aggregated in SQL.

Counts are read from report cells (see ``services.rollup``), which the database keeps
marked for recomputation whenever feedback changes: a report over a million rows reads a
few hundred cells, and the same figures as a scan of the rows would give.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.models import (
    Experiment,
    Feedback,
    FeedbackTheme,
    ModelVersion,
    ReportFigure,
    ReportThemeCell,
    Theme,
)
from feedback_api.domain.enums import ExperimentStatus, Role, ThemeSource
from feedback_api.domain.principal import Principal
from feedback_api.services import rollup

# Groups with fewer respondents are counted but not broken down, so nobody is singled out.
MIN_GROUP = 5
SENTIMENTS = ("positive", "neutral", "negative")
USER_ROLES = (Role.RESIDENT.value, Role.CUSTOMER.value)
BENEFIT_THEMES = ("usefulness", "speed_waiting", "cost")
QUOTES_PER_THEME = 3
# Discovery looks at the newest unclear comments, and needs a handful to find anything.
# The measured-quality figures of a model version shown with a report.
QUALITY_METRICS = ("macro_f1", "accuracy", "n_train", "n_test")


def _shares(counts: dict[str, int], keys: Iterable[str]) -> dict[str, Any]:
    total = sum(counts.get(k, 0) for k in keys)
    return {
        "n": total,
        "counts": {k: counts.get(k, 0) for k in keys},
        "shares": {k: (round(counts.get(k, 0) / total, 4) if total else None) for k in keys},
    }


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _empty_week(start: date) -> dict[str, Any]:
    return {
        "week": iso_week(start),
        "start_date": start.isoformat(),
        "count": 0,
        "_rating_sum": 0,
        "_rating_n": 0,
        **{s: 0 for s in SENTIMENTS},
    }


async def _weekly(session: AsyncSession, experiment_id: int) -> list[dict[str, Any]]:
    F = ReportFigure
    rows = await session.execute(
        select(
            F.created_date, F.value, func.sum(F.feedback), func.sum(F.rating_sum), func.sum(F.rated)
        )
        .where(F.experiment_id == experiment_id, F.attribute == "sentiment")
        .group_by(F.created_date, F.value)
    )
    weeks: dict[date, dict[str, Any]] = {}
    for day, label, n, rating_sum, rating_n in rows:
        week = weeks.setdefault(_week_start(day), _empty_week(_week_start(day)))
        week["count"] += n
        week["_rating_sum"] += rating_sum or 0
        week["_rating_n"] += rating_n or 0
        if label in SENTIMENTS:
            week[label] += n
    if not weeks:
        return []
    # Fill quiet weeks with zeros so a trend line does not skip them.
    result = []
    day, end = min(weeks), max(weeks)
    while day <= end:
        week = weeks.get(day) or _empty_week(day)
        rating_n = week.pop("_rating_n")
        rating_sum = week.pop("_rating_sum")
        week["mean_rating"] = round(rating_sum / rating_n, 2) if rating_n else None
        result.append(week)
        day += timedelta(days=7)
    return result


async def _respondents_by(session: AsyncSession, column: Any, where: Any) -> dict[Any, int]:
    """Distinct Telegram respondents per value of `column` (read from an index)."""
    rows = await session.execute(
        select(column, func.count(func.distinct(Feedback.respondent_id)))
        .where(where, Feedback.respondent_id.is_not(None))
        .group_by(column)
    )
    return {key: int(n) for key, n in rows}


async def _quotes(
    session: AsyncSession, experiment_id: int, theme_id: int, limit: int = QUOTES_PER_THEME
) -> list[dict[str, Any]]:
    """Staff-confirmed first, then the model's most confident, then the newest; no repeats."""
    quotes: list[dict[str, Any]] = []
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
            # Room to skip repeats: the same words twice say nothing new.
            .limit(limit * 4)
        )
        for fid, text, role, lang, label, day in rows:
            key = " ".join((text or "").casefold().split())
            if key in seen:
                continue
            seen.add(key)
            quotes.append(
                {
                    "feedback_id": fid,
                    "text": text,
                    "role": role,
                    "language": lang,
                    "sentiment": label,
                    "date": day.isoformat(),
                }
            )
            if len(quotes) == limit:
                return quotes
    return quotes


class _Tally:
    """The report's counts, folded from the experiment's figures (a few rows per role)."""

    def __init__(self) -> None:
        self.n = self.anonymous = self.with_text = self.redactions = 0
        self.rating_sum = self.n_rated = self.classified = self.unclear = 0
        # attribute -> value -> count, over all roles; and per role.
        self.by: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.role: dict[str, dict[str, dict[str, int]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(int))
        )
        self.role_rating: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        self.versions: dict[tuple[str | None, str | None], int] = defaultdict(int)

    def add(
        self,
        role: str,
        attribute: str,
        value: str | None,
        n: int,
        rating_sum: int,
        rated: int,
        redactions: int,
    ) -> None:
        if attribute == "feedback":
            self.n += n
            self.redactions += redactions
            self.rating_sum += rating_sum
            self.n_rated += rated
            self.by["role"][role] += n
            self.role_rating[role][0] += rating_sum
            self.role_rating[role][1] += rated
            return
        if value is None:
            return
        if attribute == "versions":
            self.classified += n
            sentiment_version, theme_version = value.split("\t")
            self.versions[(sentiment_version or None, theme_version or None)] += n
            return
        self.by[attribute][value] += n
        self.role[role][attribute][value] += n
        if attribute == "anonymous" and value == "yes":
            self.anonymous += n
        elif attribute == "text" and value != "none":
            self.with_text += n
            self.by["role_text"][role] += n
            if value == "unclear":
                self.unclear += n
        elif attribute == "would_use" and role in USER_ROLES:
            self.by["would_use_users"][value] += n


async def _tally(session: AsyncSession, experiment_id: int) -> _Tally:
    F = ReportFigure
    tally = _Tally()
    for row in await session.execute(
        select(
            F.role,
            F.attribute,
            F.value,
            func.sum(F.feedback),
            func.sum(F.rating_sum),
            func.sum(F.rated),
            func.sum(F.redactions),
        )
        .where(F.experiment_id == experiment_id)
        .group_by(F.role, F.attribute, F.value)
    ):
        tally.add(*row)
    return tally


async def experiment_report(
    *, session: AsyncSession, experiment: Experiment, language: str = "en"
) -> dict[str, Any]:
    """Every figure of one experiment's report (a plain dict, ready for JSON).

    Counts come from the experiment's report cells (brought up to date first); distinct
    respondents and quotes from indexes on the feedback itself.
    """
    await rollup.refresh(session, [experiment.id])
    in_experiment = Feedback.experiment_id == experiment.id
    tally = await _tally(session, experiment.id)
    first, last = (
        await session.execute(
            select(func.min(ReportFigure.created_date), func.max(ReportFigure.created_date)).where(
                ReportFigure.experiment_id == experiment.id
            )
        )
    ).one()
    respondents = (
        await session.scalar(
            select(func.count(func.distinct(Feedback.respondent_id))).where(in_experiment)
        )
        or 0
    )
    role_participants = await _respondents_by(session, Feedback.role, in_experiment)
    for role, values in tally.role.items():
        anonymous = values["anonymous"].get("yes", 0)
        role_participants[role] = role_participants.get(role, 0) + anonymous
    broken_down = {role for role, p in role_participants.items() if p >= MIN_GROUP}
    role_counts = tally.by["role"]

    theme_table = await session.execute(
        select(
            Theme.key,
            ReportThemeCell.role,
            ReportThemeCell.sentiment_label,
            func.sum(ReportThemeCell.feedback),
        )
        .join(Theme, Theme.id == ReportThemeCell.theme_id)
        .where(ReportThemeCell.experiment_id == experiment.id)
        .group_by(Theme.key, ReportThemeCell.role, ReportThemeCell.sentiment_label)
    )
    themes: dict[str, dict[str, Any]] = {}
    theme_role: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for key, role, label, count in theme_table:
        entry = themes.setdefault(key, {"key": key, "count": 0, "sentiment": defaultdict(int)})
        entry["count"] += count
        if label is not None:
            entry["sentiment"][label] += count
        theme_role[key][role] += count
    theme_meta = {
        t.key: t for t in (await session.scalars(select(Theme).where(Theme.key.in_(themes)))).all()
    }
    theme_list = []
    for key, entry in sorted(themes.items(), key=lambda kv: -kv[1]["count"]):
        meta = theme_meta[key]
        theme_list.append(
            {
                "key": key,
                "name": meta.localized_name(language),
                "count": entry["count"],
                "share": round(entry["count"] / tally.with_text, 4) if tally.with_text else None,
                "sentiment": _shares(dict(entry["sentiment"]), SENTIMENTS),
                "quotes": await _quotes(session, experiment.id, meta.id),
            }
        )
    repeat = await session.scalar(
        select(func.count()).select_from(
            select(Feedback.respondent_id)
            .where(in_experiment, Feedback.respondent_id.is_not(None))
            .group_by(Feedback.respondent_id)
            .having(func.count() > 1)
            .subquery()
        )
    )
    versions = sorted(
        ((s, t, c) for (s, t), c in tally.versions.items()), key=lambda v: (v[0] or "", v[1] or "")
    )

    def role_mean(role: str) -> float | None:
        total, rated = tally.role_rating.get(role, (0, 0))
        return round(total / rated, 2) if role in broken_down and rated else None

    report: dict[str, Any] = {
        "experiment": {
            "id": experiment.id,
            "slug": experiment.slug,
            "title": experiment.localized_title(language),
            "status": experiment.status,
            "owner_name": experiment.owner_name,
            "partners": experiment.partners,
            "start_date": experiment.start_date.isoformat() if experiment.start_date else None,
            "end_date": experiment.end_date.isoformat() if experiment.end_date else None,
        },
        "totals": {
            "feedback": tally.n,
            "participants": int(respondents) + tally.anonymous,
            "with_text": tally.with_text,
            "redactions": tally.redactions,
            "repeat_respondents": int(repeat or 0),
            "classified": tally.classified,
            "unclear": tally.unclear,
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
        },
        "by_role": {
            role: {
                "feedback": count,
                "with_text": tally.by["role_text"].get(role, 0),
                "participants": role_participants.get(role, 0),
                "broken_down": role in broken_down,
                "mean_rating": role_mean(role),
            }
            for role, count in sorted(role_counts.items())
        },
        "by_channel": dict(tally.by["channel"]),
        "by_language": dict(tally.by["language"]),
        "rating": {
            "n": tally.n_rated,
            "mean": round(tally.rating_sum / tally.n_rated, 2) if tally.n_rated else None,
            "distribution": {str(k): tally.by["rating"].get(str(k), 0) for k in range(1, 6)},
        },
        "would_use": _shares(tally.by["would_use"], ("yes", "maybe", "no")),
        "fits_work": _shares(tally.by["fits_work"], ("yes", "partly", "no")),
        "sentiment": {
            **_shares(tally.by["sentiment"], SENTIMENTS),
            "by_role": {
                role: (
                    _shares(tally.role[role]["sentiment"], SENTIMENTS)
                    if role in broken_down
                    else {"suppressed": True}
                )
                for role in role_counts
            },
            "weekly": await _weekly(session, experiment.id),
        },
        "themes": theme_list,
        "theme_by_role": {
            key: {role: count for role, count in roles.items() if role in broken_down}
            for key, roles in theme_role.items()
        },
        "model_versions": [{"sentiment": s, "themes": t, "feedback": c} for s, t, c in versions],
        "models": await _model_quality(session, versions),
    }
    report["scorecard"] = build_scorecard(report, dict(tally.by["would_use_users"]))
    return report


async def _model_quality(session: AsyncSession, versions: Sequence[Any]) -> list[dict[str, Any]]:
    """Each model version behind the report: how many items it labelled, its measured quality."""
    used: dict[tuple[str, str | None], int] = defaultdict(int)
    for sentiment_version, theme_version, count in versions:
        used[("sentiment", sentiment_version)] += count
        used[("themes", theme_version)] += count
    known = {v for _kind, v in used if v is not None}
    rows = (
        (await session.scalars(select(ModelVersion).where(ModelVersion.version.in_(known)))).all()
        if known
        else []
    )
    metrics = {row.version: row.metrics or {} for row in rows}
    return [
        {
            "kind": kind,
            "version": version,
            "feedback": count,
            "metrics": {name: metrics.get(version or "", {}).get(name) for name in QUALITY_METRICS},
        }
        for (kind, version), count in sorted(
            used.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")
        )
    ]


def _verdict(value: float | None, good: float, bad: float) -> str:
    if value is None:
        return "insufficient"
    if value >= good:
        return "positive"
    if value < bad:
        return "negative"
    return "mixed"


def build_scorecard(report: dict[str, Any], would_use_users: dict[str, int]) -> dict[str, Any]:
    """The programme's three questions, each answered from the evidence it names."""
    users = _shares(would_use_users, ("yes", "maybe", "no"))
    user_roles = [report["by_role"].get(r) for r in USER_ROLES]
    user_ratings = [r["mean_rating"] for r in user_roles if r and r["mean_rating"] is not None]
    yes = users["shares"]["yes"] if users["n"] >= MIN_GROUP else None
    employee = report["by_role"].get(Role.EMPLOYEE.value)
    fits = report["fits_work"]
    fit_share = (
        (fits["counts"]["yes"] + 0.5 * fits["counts"]["partly"]) / fits["n"]
        if fits["n"] >= MIN_GROUP
        else None
    )
    benefit_themes = [t for t in report["themes"] if t["key"] in BENEFIT_THEMES]
    benefit_n = sum(t["sentiment"]["n"] for t in benefit_themes)
    benefit_pos = sum(t["sentiment"]["counts"]["positive"] for t in benefit_themes)
    benefit_neg = sum(t["sentiment"]["counts"]["negative"] for t in benefit_themes)
    benefit_balance = (benefit_pos - benefit_neg) / benefit_n if benefit_n >= MIN_GROUP else None
    return {
        "users": {
            "question": "Would the service have users?",
            "verdict": _verdict(yes, 0.5, 0.3),
            "evidence": {
                "would_use": users,
                "mean_rating_by_role": dict(
                    zip(
                        USER_ROLES,
                        [r["mean_rating"] if r else None for r in user_roles],
                        strict=True,
                    )
                ),
                "mean_rating": round(sum(user_ratings) / len(user_ratings), 2)
                if user_ratings
                else None,
                "repeat_respondents": report["totals"]["repeat_respondents"],
            },
        },
        "fit": {
            "question": "Does it work as part of the city's services?",
            "verdict": _verdict(fit_share, 0.6, 0.4),
            "evidence": {
                "fits_work": fits,
                "employee_participants": employee["participants"] if employee else 0,
                "employee_sentiment": report["sentiment"]["by_role"].get(Role.EMPLOYEE.value),
                "employee_themes": sorted(
                    (
                        (k, v[Role.EMPLOYEE.value])
                        for k, v in report["theme_by_role"].items()
                        if v.get(Role.EMPLOYEE.value)
                    ),
                    key=lambda kv: -kv[1],
                )[:5],
            },
        },
        "benefit": {
            "question": "Does it produce benefits?",
            "verdict": _verdict(benefit_balance, 0.2, -0.2),
            "evidence": {
                "benefit_themes": [
                    {"key": t["key"], "count": t["count"], "sentiment": t["sentiment"]["counts"]}
                    for t in benefit_themes
                ],
                "balance": round(benefit_balance, 4) if benefit_balance is not None else None,
                "sentiment": {k: report["sentiment"]["shares"][k] for k in SENTIMENTS},
            },
        },
    }


async def programme_overview(
    *, session: AsyncSession, principal: Principal, language: str = "en"
) -> dict[str, Any]:
    """The programme's figures; an owner's overview covers their experiments only."""
    query = select(Experiment).order_by(Experiment.id)
    if not principal.is_staff:
        query = query.where(Experiment.id.in_(principal.experiment_ids))
    experiments = (await session.scalars(query)).all()
    ids = [e.id for e in experiments]
    by_status = {s.value: 0 for s in ExperimentStatus}
    for e in experiments:
        by_status[e.status] += 1
    partners = sorted({p for e in experiments for p in e.partners})

    await rollup.refresh(session, ids)
    F = ReportFigure
    in_figures = F.experiment_id.in_(ids)
    monthly: dict[str, int] = defaultdict(int)
    for day, count in await session.execute(
        select(F.created_date, func.sum(F.feedback))
        .where(in_figures, F.attribute == "feedback")
        .group_by(F.created_date)
    ):
        monthly[day.strftime("%Y-%m")] += count

    per_exp: dict[int, dict[str, Any]] = {
        e.id: {
            "id": e.id,
            "slug": e.slug,
            "title": e.localized_title(language),
            "status": e.status,
            "feedback": 0,
            "participants": 0,
            "mean_rating": None,
            "sentiment": _shares({}, SENTIMENTS),
            "top_themes": [],
        }
        for e in experiments
    }
    in_feedback = Feedback.experiment_id.in_(ids)
    respondents_per_exp = await _respondents_by(session, Feedback.experiment_id, in_feedback)
    # Anonymous submissions each count as a participant: per experiment and per role.
    anonymous_by_exp: dict[int, int] = defaultdict(int)
    anonymous_by_role: dict[str, int] = defaultdict(int)
    for exp_id, role, n in await session.execute(
        select(F.experiment_id, F.role, func.sum(F.feedback))
        .where(in_figures, F.attribute == "anonymous", F.value == "yes")
        .group_by(F.experiment_id, F.role)
    ):
        anonymous_by_exp[exp_id] += int(n)
        anonymous_by_role[role] += int(n)
    for exp_id, count, rating_sum, rating_n in await session.execute(
        select(F.experiment_id, func.sum(F.feedback), func.sum(F.rating_sum), func.sum(F.rated))
        .where(in_figures, F.attribute == "feedback")
        .group_by(F.experiment_id)
    ):
        per_exp[exp_id].update(
            feedback=int(count),
            participants=respondents_per_exp.get(exp_id, 0) + anonymous_by_exp[exp_id],
            mean_rating=round(rating_sum / rating_n, 2) if rating_n else None,
        )
    sentiments: dict[int, dict[str, int]] = defaultdict(dict)
    for exp_id, label, count in await session.execute(
        select(F.experiment_id, F.value, func.sum(F.feedback))
        .where(in_figures, F.attribute == "sentiment", F.value.is_not(None))
        .group_by(F.experiment_id, F.value)
    ):
        sentiments[exp_id][str(label)] = int(count)
    for exp_id, by_label in sentiments.items():
        per_exp[exp_id]["sentiment"] = _shares(by_label, SENTIMENTS)
    theme_counts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for exp_id, key, count in await session.execute(
        select(ReportThemeCell.experiment_id, Theme.key, func.sum(ReportThemeCell.feedback))
        .join(Theme, Theme.id == ReportThemeCell.theme_id)
        .where(ReportThemeCell.experiment_id.in_(ids))
        .group_by(ReportThemeCell.experiment_id, Theme.key)
    ):
        theme_counts[exp_id].append((key, int(count)))
    for exp_id, pairs in theme_counts.items():
        per_exp[exp_id]["top_themes"] = [
            {"key": k, "count": c} for k, c in sorted(pairs, key=lambda kc: -kc[1])[:3]
        ]

    participants_by_role = await _respondents_by(session, Feedback.role, in_feedback)
    for role, n in anonymous_by_role.items():
        participants_by_role[role] = participants_by_role.get(role, 0) + n
    respondents = await session.scalar(
        select(func.count(func.distinct(Feedback.respondent_id))).where(in_feedback)
    )
    anonymous_total = sum(anonymous_by_role.values())
    carried_out = sum(by_status[s] for s in ("running", "ended", "adopted", "discontinued"))
    return {
        "experiments": {
            "total": len(experiments),
            "by_status": by_status,
            "carried_out": carried_out,
        },
        "participants": {
            "total": int(respondents or 0) + anonymous_total,
            "telegram_respondents": int(respondents or 0),
            "anonymous_submissions": anonymous_total,
            "by_role": participants_by_role,
        },
        "partners": {"count": len(partners), "names": partners},
        "feedback": {
            "total": sum(monthly.values()),
            "by_month": [{"month": m, "count": c} for m, c in sorted(monthly.items())],
        },
        "per_experiment": list(per_exp.values()),
    }
