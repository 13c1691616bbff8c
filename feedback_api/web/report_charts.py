"""The report's and the overview's charts, built from their figures on the primitives in
``charts`` (each with a text summary and a data table beside it on the page)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from markupsafe import Markup
from pydantic import BaseModel, TypeAdapter

from feedback_api.domain.reports import (
    SENTIMENTS,
    ExperimentReport,
    ProgrammeOverview,
    RatingFigures,
    RoleFigures,
    Shares,
    Suppressed,
    Week,
)
from feedback_api.web.charts import (
    ACCENT,
    BASE_FONT,
    FULL,
    NARROW,
    NARROW_FONT,
    ROLE_ORDER,
    SECONDARY,
    SENTIMENT_COLOURS,
    STATUS_ORDER,
    Chart,
    Series,
    columns,
    stacked_bars,
    stacked_columns,
    wrap,
)
from feedback_api.web.i18n import Translator
from feedback_api.web.vocabulary import ROLES, SENTIMENT, STATUS

UNCLASSIFIED = "#5f6670"
RECENT_WEEKS = 4
MIN_SHARE_BASE = 5


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


class RoleChartData(BaseModel):
    by_role: dict[str, RoleFigures]
    sentiment: dict[str, Shares | Suppressed]


class ThemeBar(BaseModel):
    key: str
    name: str
    count: int
    share: float | None
    sentiment: Shares


class ThemesChartData(BaseModel):
    themes: list[ThemeBar]
    with_text: int


def weekly_chart(weeks: list[Week], t: Translator) -> Chart | None:
    if not weeks:
        return None
    labels = [t.date(w.start_date, short=True) for w in weeks]
    classified = sum(getattr(w, s) for w in weeks for s in SENTIMENTS)
    title = t("chart.weekly.title")
    if classified:
        series = [
            Series(t(SENTIMENT[s]), [getattr(w, s) for w in weeks], SENTIMENT_COLOURS[s])
            for s in SENTIMENTS
        ]
    else:
        series = [Series(t("col.feedback"), [w.count for w in weeks], ACCENT)]
    svg = stacked_columns("weekly", title, labels, series, y_label=t("col.feedback"))
    narrow = stacked_columns(
        "weekly-narrow",
        title,
        labels,
        series,
        y_label=t("col.feedback"),
        size=NARROW,
        most_ticks=4,
        font=NARROW_FONT,
    )
    total = sum(w.count for w in weeks)
    positive = sum(w.positive for w in weeks)
    negative = sum(w.negative for w in weeks)
    parts = [
        t(
            "chart.weekly.summary",
            weeks=len(weeks),
            first=t.date(weeks[0].start_date),
            last=t.date(weeks[-1].start_date),
            n=t.number(total),
        )
    ]
    if classified:
        parts.append(
            t(
                "chart.sentiment_split",
                positive=t.percent(_share(positive, classified)),
                negative=t.percent(_share(negative, classified)),
                n=t.number(classified),
            )
        )
        recent, earlier = weeks[-RECENT_WEEKS:], weeks[:-RECENT_WEEKS]
        recent_n = sum(getattr(w, s) for w in recent for s in SENTIMENTS)
        earlier_n = sum(getattr(w, s) for w in earlier for s in SENTIMENTS)
        if recent_n >= MIN_SHARE_BASE and earlier_n >= MIN_SHARE_BASE:
            parts.append(
                t(
                    "chart.weekly.trend",
                    recent=t.percent(_share(sum(w.positive for w in recent), recent_n)),
                    earlier=t.percent(_share(sum(w.positive for w in earlier), earlier_n)),
                )
            )
        if classified < total:
            parts.append(t("chart.not_classified", n=t.number(total - classified)))
    rows = [
        [
            t.week(w.week),
            t.date(w.start_date),
            t.number(w.count),
            *(t.number(getattr(w, s)) for s in SENTIMENTS),
            t.number(w.mean_rating, 1),
        ]
        for w in weeks
    ]
    columns_ = [
        t("col.week"),
        t("col.week_start"),
        t("col.feedback"),
        *(t(SENTIMENT[s]) for s in SENTIMENTS),
        t("col.mean_rating"),
    ]
    return Chart("weekly", title, svg, " ".join(parts), columns_, rows, svg_narrow=narrow)


def role_chart(data: RoleChartData, t: Translator) -> Chart | None:
    by_role = data.by_role
    if not by_role:
        return None
    # The broken-down roles' sentiment (a suppressed group has none to show).
    sentiment = {
        role: shares for role, shares in data.sentiment.items() if isinstance(shares, Shares)
    }
    shown = [
        role
        for role in ROLE_ORDER
        if role in by_role and by_role[role].broken_down and role in sentiment and sentiment[role].n
    ]
    hidden = [role for role in ROLE_ORDER if role in by_role and not by_role[role].broken_down]
    title = t("chart.roles.title")
    svg = None
    if shown:
        series = [
            Series(
                t(SENTIMENT[s]),
                [sentiment[role].shares[s] or 0.0 for role in shown],
                SENTIMENT_COLOURS[s],
            )
            for s in SENTIMENTS
        ]
        svg = stacked_bars(
            "roles",
            title,
            [t(ROLES[role]) for role in shown],
            series,
            x_label=t("chart.share_of_classified"),
            percent=True,
        )
    parts = [
        t(
            "chart.roles.line",
            role=t(ROLES[role]),
            positive=t.percent(sentiment[role].shares["positive"]),
            negative=t.percent(sentiment[role].shares["negative"]),
            n=t.number(sentiment[role].n),
        )
        for role in shown
    ]
    notes = []
    if hidden:
        notes.append(t("chart.roles.hidden", roles=", ".join(t(ROLES[role]) for role in hidden)))
    rows = []
    for role in ROLE_ORDER:
        if role not in by_role:
            continue
        line = by_role[role]
        shares = sentiment[role].shares if line.broken_down and role in sentiment else None
        rows.append(
            [
                t(ROLES[role]),
                t.number(line.participants),
                t.number(line.feedback),
                t.number(line.mean_rating, 1) if line.broken_down else t("small_group"),
                *(t.percent(shares[s]) if shares else t("small_group") for s in SENTIMENTS),
            ]
        )
    columns_ = [
        t("col.role"),
        t("col.participants"),
        t("col.feedback"),
        t("col.mean_rating"),
        *(t(SENTIMENT[s]) for s in SENTIMENTS),
    ]
    summary = " ".join(parts) if parts else t("chart.roles.none")
    return Chart("roles", title, svg or Markup(""), summary, columns_, rows, notes=tuple(notes))


def rating_chart(rating: RatingFigures, t: Translator) -> Chart | None:
    if not rating.n:
        return None
    title = t("chart.rating.title")
    distribution = [rating.distribution[str(k)] for k in range(1, 6)]
    svg = columns(
        "rating",
        title,
        [str(k) for k in range(1, 6)],
        distribution,
        y_label=t("col.count"),
    )
    n = rating.n
    summary = t(
        "chart.rating.summary",
        n=t.number(n),
        mean=t.number(rating.mean, 1),
        high=t.percent(_share(distribution[3] + distribution[4], n)),
        low=t.percent(_share(distribution[0] + distribution[1], n)),
    )
    rows = [
        [str(k), t.number(c), t.percent(_share(c, n))]
        for k, c in zip(range(1, 6), distribution, strict=True)
    ]
    return Chart(
        "rating", title, svg, summary, [t("col.rating"), t("col.count"), t("col.share")], rows
    )


def themes_chart(data: ThemesChartData, t: Translator) -> Chart | None:
    themes = data.themes
    if not themes:
        return None
    title = t("chart.themes.title")
    names = [theme.name for theme in themes]
    series = [
        Series(
            t(SENTIMENT[s]),
            [theme.sentiment.counts[s] for theme in themes],
            SENTIMENT_COLOURS[s],
        )
        for s in SENTIMENTS
    ]
    remainder = [theme.count - theme.sentiment.n for theme in themes]
    if any(remainder):
        series.append(Series(t("col.unclassified"), remainder, UNCLASSIFIED, hatched=True))
    svg = stacked_bars(
        "themes",
        title,
        [wrap(name, 40) for name in names],
        series,
        x_label=t("chart.themes.axis"),
        width=FULL[0],
        row_height=0.32,
        font=BASE_FONT,
    )
    narrow = stacked_bars(
        "themes-narrow",
        title,
        [wrap(name, 18) for name in names],
        series,
        x_label=t("chart.themes.axis"),
        width=NARROW[0],
        row_height=0.42,
        font=NARROW_FONT,
    )
    top = ", ".join(f"{theme.name} ({t.number(theme.count)})" for theme in themes[:3])
    parts = [
        t(
            "chart.themes.summary",
            themes=len(themes),
            comments=t.number(data.with_text),
            top=top,
        )
    ]
    judged = [theme for theme in themes if theme.sentiment.n >= MIN_SHARE_BASE]
    if judged:
        worst = max(judged, key=lambda theme: theme.sentiment.shares["negative"] or 0)
        best = max(judged, key=lambda theme: theme.sentiment.shares["positive"] or 0)
        parts.append(
            t(
                "chart.themes.extremes",
                best=best.name,
                best_share=t.percent(best.sentiment.shares["positive"]),
                worst=worst.name,
                worst_share=t.percent(worst.sentiment.shares["negative"]),
            )
        )
    rows = [
        [
            theme.name,
            t.number(theme.count),
            t.percent(theme.share),
            *(t.number(theme.sentiment.counts[s]) for s in SENTIMENTS),
        ]
        for theme in themes
    ]
    columns_ = [
        t("col.theme"),
        t("col.mentions"),
        t("col.share_of_comments"),
        *(t(SENTIMENT[s]) for s in SENTIMENTS),
    ]
    return Chart("themes", title, svg, " ".join(parts), columns_, rows, svg_narrow=narrow)


def overview_charts(overview: ProgrammeOverview, t: Translator) -> list[Chart]:
    charts = []
    by_status = overview.experiments.by_status
    statuses = [s for s in STATUS_ORDER if s in by_status]
    title = t("overview.by_status")
    charts.append(
        Chart(
            "status",
            title,
            stacked_bars(
                "status",
                title,
                [t(STATUS[s]) for s in statuses],
                [Series(t("overview.experiments"), [by_status[s] for s in statuses], ACCENT)],
                x_label=t("overview.experiments"),
            ),
            t(
                "overview.summary.status",
                total=overview.experiments.total,
                carried=overview.experiments.carried_out,
                running=by_status.get("running", 0),
            ),
            [t("col.status"), t("col.count")],
            [[t(STATUS[s]), t.number(by_status[s])] for s in statuses],
        )
    )
    by_role = overview.participants.by_role
    if by_role:
        roles = [r for r in ROLE_ORDER if r in by_role]
        top = max(roles, key=lambda r: by_role[r])
        title = t("overview.by_role")
        charts.append(
            Chart(
                "participants",
                title,
                columns(
                    "participants",
                    title,
                    [t(ROLES[r]) for r in roles],
                    [by_role[r] for r in roles],
                    y_label=t("col.participants"),
                    colour=SECONDARY,
                ),
                t(
                    "overview.summary.role",
                    total=t.number(overview.participants.total),
                    top=t(ROLES[top]),
                    n=t.number(by_role[top]),
                ),
                [t("col.role"), t("col.participants")],
                [[t(ROLES[r]), t.number(by_role[r])] for r in roles],
            )
        )
    months = overview.feedback.by_month
    if months:
        peak = max(months, key=lambda m: m.count)
        title = t("overview.by_month")
        labels = [t.month(m.month) for m in months]
        counts = [m.count for m in months]
        charts.append(
            Chart(
                "months",
                title,
                columns(
                    "months",
                    title,
                    labels,
                    counts,
                    y_label=t("col.feedback"),
                    size=FULL,
                    value_labels=len(months) <= 24,
                    most_ticks=12,
                    font=BASE_FONT,
                ),
                t(
                    "overview.summary.month",
                    total=t.number(overview.feedback.total),
                    months=len(months),
                    peak=t.month(peak.month),
                    n=t.number(peak.count),
                ),
                [t("col.month"), t("col.feedback")],
                [[label, t.number(count)] for label, count in zip(labels, counts, strict=True)],
                svg_narrow=columns(
                    "months-narrow",
                    title,
                    labels,
                    counts,
                    y_label=t("col.feedback"),
                    size=NARROW,
                    value_labels=False,
                    most_ticks=4,
                    font=NARROW_FONT,
                ),
            )
        )
    return charts


# Each report chart: the part of the report it draws (typed, so that the drawing can be cached
# on that part's JSON), and its builder.
REPORT_PARTS: dict[str, tuple[Callable[[ExperimentReport], Any], TypeAdapter[Any]]] = {
    "weekly": (lambda r: r.sentiment.weekly, TypeAdapter(list[Week])),
    "roles": (
        lambda r: RoleChartData(by_role=r.by_role, sentiment=r.sentiment.by_role),
        TypeAdapter(RoleChartData),
    ),
    "rating": (lambda r: r.rating, TypeAdapter(RatingFigures)),
    "themes": (
        lambda r: ThemesChartData(
            themes=[ThemeBar.model_validate(theme, from_attributes=True) for theme in r.themes],
            with_text=r.totals.with_text,
        ),
        TypeAdapter(ThemesChartData),
    ),
}
REPORT_CHARTS: dict[str, tuple[Callable[[Any, Translator], Chart | None], TypeAdapter[Any]]] = {
    "weekly": (weekly_chart, REPORT_PARTS["weekly"][1]),
    "roles": (role_chart, REPORT_PARTS["roles"][1]),
    "rating": (rating_chart, REPORT_PARTS["rating"][1]),
    "themes": (themes_chart, REPORT_PARTS["themes"][1]),
}


def warm_up(t: Translator) -> None:
    """Draw a small chart: loads matplotlib's fonts and SVG backend (see render.warm_up_charts)."""
    rating_chart(
        RatingFigures(n=1, mean=5.0, distribution={"1": 0, "2": 0, "3": 0, "4": 0, "5": 1}), t
    )
