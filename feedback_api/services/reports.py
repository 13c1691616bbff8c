"""Reports: one experiment's figures and the programme overview, aggregated in SQL."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.models import Experiment, Feedback, FeedbackTheme, ModelVersion, Theme
from feedback_api.domain.enums import ExperimentStatus, Role
from feedback_api.domain.principal import Principal

# Groups with fewer respondents are counted but not broken down, so nobody is singled out.
MIN_GROUP = 5
SENTIMENTS = ("positive", "neutral", "negative")
USER_ROLES = (Role.RESIDENT.value, Role.CUSTOMER.value)
BENEFIT_THEMES = ("usefulness", "speed_waiting", "cost")
QUOTES_PER_THEME = 3
# Discovery looks at the newest unclear comments, and needs a handful to find anything.
# The measured-quality figures of a model version shown with a report.
QUALITY_METRICS = ("macro_f1", "accuracy", "n_train", "n_test")

_anonymous = case((Feedback.respondent_id.is_(None), 1), else_=0)
# Participants = distinct respondents + anonymous submissions (each its own person).
PARTICIPANTS = func.count(func.distinct(Feedback.respondent_id)) + func.coalesce(
    func.sum(_anonymous), 0
)


def _shares(counts: dict[str, int], keys: Iterable[str]) -> dict[str, Any]:
    total = sum(counts.get(k, 0) for k in keys)
    return {
        "n": total,
        "counts": {k: counts.get(k, 0) for k in keys},
        "shares": {k: (round(counts.get(k, 0) / total, 4) if total else None) for k in keys},
    }


async def _counts(session: AsyncSession, column: Any, *where: Any) -> dict[str, int]:
    rows = await session.execute(
        select(column, func.count(Feedback.id)).where(*where).group_by(column)
    )
    return {str(key): int(n) for key, n in rows if key is not None}


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


async def _weekly(session: AsyncSession, where: Sequence[Any]) -> list[dict[str, Any]]:
    rows = await session.execute(
        select(
            Feedback.created_date,
            Feedback.sentiment_label,
            func.count(Feedback.id),
            func.sum(Feedback.rating),
            func.count(Feedback.rating),
        )
        .where(*where)
        .group_by(Feedback.created_date, Feedback.sentiment_label)
    )
    weeks: dict[date, dict[str, Any]] = {}
    for day, label, n, rating_sum, rating_n in rows:
        start = _week_start(day)
        week = weeks.setdefault(
            start,
            {
                "week": iso_week(start),
                "start_date": start.isoformat(),
                "count": 0,
                "_rating_sum": 0,
                "_rating_n": 0,
                **{s: 0 for s in SENTIMENTS},
            },
        )
        week["count"] += n
        week["_rating_sum"] += rating_sum or 0
        week["_rating_n"] += rating_n
        if label in SENTIMENTS:
            week[label] += n
    if not weeks:
        return []
    # Fill quiet weeks with zeros so a trend line does not skip them.
    start, end = min(weeks), max(weeks)
    result = []
    day = start
    while day <= end:
        week = weeks.get(day) or {
            "week": iso_week(day),
            "start_date": day.isoformat(),
            "count": 0,
            "_rating_sum": 0,
            "_rating_n": 0,
            **{s: 0 for s in SENTIMENTS},
        }
        rating_n = week.pop("_rating_n")
        rating_sum = week.pop("_rating_sum")
        week["mean_rating"] = round(rating_sum / rating_n, 2) if rating_n else None
        result.append(week)
        day += timedelta(days=7)
    return result


async def _participants_by_role(session: AsyncSession, where: Sequence[Any]) -> dict[str, int]:
    rows = await session.execute(
        select(Feedback.role, PARTICIPANTS).where(*where).group_by(Feedback.role)
    )
    return {role: int(n) for role, n in rows}


def _theme_rows(where: Sequence[Any]) -> Select[str, str, str | None, int]:
    return (
        select(Theme.key, Feedback.role, Feedback.sentiment_label, func.count(Feedback.id))
        .join(FeedbackTheme, FeedbackTheme.feedback_id == Feedback.id)
        .join(Theme, Theme.id == FeedbackTheme.theme_id)
        .where(*where)
        .group_by(Theme.key, Feedback.role, Feedback.sentiment_label)
    )


async def _quotes(
    session: AsyncSession, experiment_id: int, theme_id: int, limit: int = QUOTES_PER_THEME
) -> list[dict[str, Any]]:
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
            Feedback.experiment_id == experiment_id,
            FeedbackTheme.theme_id == theme_id,
            Feedback.text.is_not(None),
        )
        # Staff-confirmed first, then the model's most confident, then the newest.
        .order_by(
            case((FeedbackTheme.source == "staff", 0), else_=1),
            FeedbackTheme.score.desc(),
            Feedback.id.desc(),
        )
        # Room to skip repeats: the same words twice say nothing new.
        .limit(limit * 4)
    )
    quotes: list[dict[str, Any]] = []
    seen: set[str] = set()
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
            break
    return quotes


async def experiment_report(
    *, session: AsyncSession, experiment: Experiment, language: str = "en"
) -> dict[str, Any]:
    """Every figure of one experiment's report (a plain dict, ready for JSON)."""
    where = [Feedback.experiment_id == experiment.id]
    totals = (
        await session.execute(
            select(
                func.count(Feedback.id),
                PARTICIPANTS,
                func.count(Feedback.text),
                func.coalesce(func.sum(Feedback.redactions), 0),
                func.avg(Feedback.rating),
                func.count(Feedback.rating),
                func.count(Feedback.classified_at),
                func.min(Feedback.created_date),
                func.max(Feedback.created_date),
            ).where(*where)
        )
    ).one()
    n, participants, with_text, redactions, mean_rating, n_rated, classified, first, last = totals

    role_counts = await _counts(session, Feedback.role, *where)
    role_texts = await _counts(session, Feedback.role, *where, Feedback.text.is_not(None))
    role_participants = await _participants_by_role(session, where)
    broken_down = {role for role, p in role_participants.items() if p >= MIN_GROUP}

    sentiment_by_role: dict[str, Any] = {}
    rows = await session.execute(
        select(Feedback.role, Feedback.sentiment_label, func.count(Feedback.id))
        .where(*where)
        .group_by(Feedback.role, Feedback.sentiment_label)
    )
    per_role: dict[str, dict[str, int]] = defaultdict(dict)
    for role, label, count in rows:
        if label is not None:
            per_role[role][label] = count
    for role in role_counts:
        sentiment_by_role[role] = (
            _shares(per_role.get(role, {}), SENTIMENTS)
            if role in broken_down
            else {"suppressed": True}
        )
    rating_by_role = {
        role: (round(float(avg), 2) if role in broken_down and avg is not None else None)
        for role, avg in await session.execute(
            select(Feedback.role, func.avg(Feedback.rating)).where(*where).group_by(Feedback.role)
        )
    }

    rating_counts = await _counts(session, Feedback.rating, *where)
    would_use = await _counts(session, Feedback.would_use, *where)
    would_use_users = await _counts(
        session, Feedback.would_use, *where, Feedback.role.in_(USER_ROLES)
    )
    fits_work = await _counts(session, Feedback.fits_work, *where)
    sentiment = await _counts(session, Feedback.sentiment_label, *where)

    theme_table = await session.execute(_theme_rows(where))
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
                "share": round(entry["count"] / with_text, 4) if with_text else None,
                "sentiment": _shares(dict(entry["sentiment"]), SENTIMENTS),
                "quotes": await _quotes(session, experiment.id, meta.id),
            }
        )
    unclear = (
        await session.scalar(
            select(func.count(Feedback.id)).where(
                *where,
                Feedback.text.is_not(None),
                Feedback.classified_at.is_not(None),
                ~select(FeedbackTheme.feedback_id)
                .where(FeedbackTheme.feedback_id == Feedback.id)
                .exists(),
            )
        )
        or 0
    )
    repeat = await session.scalar(
        select(func.count()).select_from(
            select(Feedback.respondent_id)
            .where(*where, Feedback.respondent_id.is_not(None))
            .group_by(Feedback.respondent_id)
            .having(func.count(Feedback.id) > 1)
            .subquery()
        )
    )
    versions = (
        await session.execute(
            select(Feedback.sentiment_model_version, Feedback.theme_model_version, func.count())
            .where(*where, Feedback.classified_at.is_not(None))
            .group_by(Feedback.sentiment_model_version, Feedback.theme_model_version)
        )
    ).all()
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
            "feedback": n,
            "participants": int(participants or 0),
            "with_text": with_text,
            "redactions": int(redactions),
            "repeat_respondents": int(repeat or 0),
            "classified": classified,
            "unclear": int(unclear),
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
        },
        "by_role": {
            role: {
                "feedback": count,
                "with_text": role_texts.get(role, 0),
                "participants": role_participants.get(role, 0),
                "broken_down": role in broken_down,
                "mean_rating": rating_by_role.get(role),
            }
            for role, count in sorted(role_counts.items())
        },
        "by_channel": await _counts(session, Feedback.channel, *where),
        "by_language": await _counts(session, Feedback.language, *where),
        "rating": {
            "n": n_rated,
            "mean": round(float(mean_rating), 2) if mean_rating is not None else None,
            "distribution": {str(k): rating_counts.get(str(k), 0) for k in range(1, 6)},
        },
        "would_use": _shares(would_use, ("yes", "maybe", "no")),
        "fits_work": _shares(fits_work, ("yes", "partly", "no")),
        "sentiment": {
            **_shares(sentiment, SENTIMENTS),
            "by_role": sentiment_by_role,
            "weekly": await _weekly(session, where),
        },
        "themes": theme_list,
        "theme_by_role": {
            key: {role: count for role, count in roles.items() if role in broken_down}
            for key, roles in theme_role.items()
        },
        "model_versions": [{"sentiment": s, "themes": t, "feedback": c} for s, t, c in versions],
        "models": await _model_quality(session, versions),
    }
    report["scorecard"] = build_scorecard(report, would_use_users)
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
    where = [Feedback.experiment_id.in_(ids)]
    by_status = {s.value: 0 for s in ExperimentStatus}
    for e in experiments:
        by_status[e.status] += 1
    partners = sorted({p for e in experiments for p in e.partners})

    monthly: dict[str, int] = defaultdict(int)
    for day, count in await session.execute(
        select(Feedback.created_date, func.count(Feedback.id))
        .where(*where)
        .group_by(Feedback.created_date)
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
    for exp_id, count, participants, avg in await session.execute(
        select(
            Feedback.experiment_id, func.count(Feedback.id), PARTICIPANTS, func.avg(Feedback.rating)
        )
        .where(*where)
        .group_by(Feedback.experiment_id)
    ):
        per_exp[exp_id].update(
            feedback=count,
            participants=int(participants),
            mean_rating=round(float(avg), 2) if avg is not None else None,
        )
    sentiments: dict[int, dict[str, int]] = defaultdict(dict)
    for exp_id, label, count in await session.execute(
        select(Feedback.experiment_id, Feedback.sentiment_label, func.count(Feedback.id))
        .where(*where, Feedback.sentiment_label.is_not(None))
        .group_by(Feedback.experiment_id, Feedback.sentiment_label)
    ):
        sentiments[exp_id][str(label)] = count
    for exp_id, by_label in sentiments.items():
        per_exp[exp_id]["sentiment"] = _shares(by_label, SENTIMENTS)
    theme_counts: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for exp_id, key, count in await session.execute(
        select(Feedback.experiment_id, Theme.key, func.count(Feedback.id))
        .join(FeedbackTheme, FeedbackTheme.feedback_id == Feedback.id)
        .join(Theme, Theme.id == FeedbackTheme.theme_id)
        .where(*where)
        .group_by(Feedback.experiment_id, Theme.key)
    ):
        theme_counts[exp_id].append((key, count))
    for exp_id, pairs in theme_counts.items():
        per_exp[exp_id]["top_themes"] = [
            {"key": k, "count": c} for k, c in sorted(pairs, key=lambda kc: -kc[1])[:3]
        ]

    participants_by_role = await _participants_by_role(session, where)
    respondents = await session.scalar(
        select(func.count(func.distinct(Feedback.respondent_id))).where(*where)
    )
    anonymous = await session.scalar(
        select(func.count(Feedback.id)).where(*where, Feedback.respondent_id.is_(None))
    )
    carried_out = sum(by_status[s] for s in ("running", "ended", "adopted", "discontinued"))
    return {
        "experiments": {
            "total": len(experiments),
            "by_status": by_status,
            "carried_out": carried_out,
        },
        "participants": {
            "total": int(respondents or 0) + int(anonymous or 0),
            "telegram_respondents": int(respondents or 0),
            "anonymous_submissions": int(anonymous or 0),
            "by_role": participants_by_role,
        },
        "partners": {"count": len(partners), "names": partners},
        "feedback": {
            "total": sum(monthly.values()),
            "by_month": [{"month": m, "count": c} for m, c in sorted(monthly.items())],
        },
        "per_experiment": list(per_exp.values()),
    }
