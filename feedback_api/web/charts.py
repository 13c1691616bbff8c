"""Charts as inline SVG, drawn by matplotlib on the server.

Only matplotlib's object API is used (no pyplot and its global figure registry), and
rendering holds a lock because the SVG backend reads the global rcParams. Text stays text
(``svg.fonttype = none``) so the page's font and zoom apply and screen readers can read it;
every chart on a page also comes with a text summary and its data table.
"""

from __future__ import annotations

import io
import re
import textwrap
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib
from markupsafe import Markup
from matplotlib.axes import Axes
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from feedback_api.web.i18n import Translator

# Colour-blind-safe, each at least 3:1 against white (WCAG 1.4.11).
POSITIVE = "#1f5f99"
NEUTRAL = "#7c838d"
NEGATIVE = "#c4501b"
ACCENT = "#1f5f99"
SECONDARY = "#5b8cc0"
INK = "#1b1f24"
MUTED = "#4b5563"
GRID = "#e3e6ea"
SENTIMENT_COLOURS = {"positive": POSITIVE, "neutral": NEUTRAL, "negative": NEGATIVE}
ROLE_ORDER = ("resident", "customer", "employee", "partner")
STATUS_ORDER = ("proposed", "declined", "running", "ended", "adopted", "discontinued")

# Drawn at the size shown (1 pt = 4/3 px): full-width cards on a desktop, half-width cards,
# and a narrow second drawing of the full-width charts for phones (the page shows one).
FULL = (10.4, 3.1)
HALF = (5.0, 3.0)
NARROW = (5.0, 3.3)
BASE_FONT = 10.5
HALF_FONT = 11.5
NARROW_FONT = 12.0

_lock = threading.Lock()
_RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": BASE_FONT,
    "axes.edgecolor": MUTED,
    "axes.labelcolor": INK,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "axes.titlesize": BASE_FONT,
    "legend.fontsize": BASE_FONT - 0.5,
    "legend.frameon": False,
}
_PROLOGUE = re.compile(r"\A.*?(?=<svg)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]
    colour: str
    # A hatched, outlined series (e.g. "not classified") where a light fill lacks contrast.
    hatched: bool = False


@dataclass(frozen=True)
class Chart:
    """A rendered chart with what a reader needs without seeing it."""

    id: str
    title: str
    svg: Markup
    summary: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    notes: Sequence[str] = field(default_factory=tuple)
    # A second drawing for narrow screens, for charts that span the page on a desktop.
    svg_narrow: Markup | None = None


def _figure(size: tuple[float, float]) -> tuple[Figure, Axes]:
    figure = Figure(figsize=size, layout="constrained")
    axes = figure.add_subplot()
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.set_axisbelow(True)
    return figure, axes


def _svg(figure: Figure, chart_id: str, label: str) -> Markup:
    buffer = io.StringIO()
    # The salt makes clip-path ids differ between charts of one page (ids must be unique).
    with matplotlib.rc_context({**_RC, "svg.hashsalt": chart_id}):
        FigureCanvasSVG(figure).print_svg(buffer, metadata={"Date": None})
    svg = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1))
    # matplotlib escapes every text it writes (labels included); the label is escaped here.
    attributes = Markup(' role="img" aria-label="{}" focusable="false"').format(label)
    return Markup(svg.replace("<svg ", f"<svg{attributes} ", 1))  # noqa: S704


def _draw(
    chart_id: str,
    label: str,
    size: tuple[float, float],
    paint: Callable[[Axes], None],
    font: float = BASE_FONT,
) -> Markup:
    rc: dict[Any, Any] = {
        **_RC,
        "font.size": font,
        "axes.titlesize": font,
        "legend.fontsize": font - 0.5,
    }
    with _lock, matplotlib.rc_context(rc):
        figure, axes = _figure(size)
        paint(axes)
        return _svg(figure, chart_id, label)


def _legend(axes: Axes, columns: int) -> None:
    figure = axes.get_figure()
    assert isinstance(figure, Figure)
    figure.legend(
        loc="outside upper left",
        ncols=columns,
        handlelength=1.0,
        handleheight=1.0,
        columnspacing=1.2,
    )


def wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width, break_long_words=False)) or label


def _stack(
    axes: Axes, series: Sequence[Series], count: int, thickness: float, horizontal: bool
) -> list[float]:
    """Stacked bars, one polygon collection per series; returns the stacks' totals.

    One collection per series instead of one artist per bar keeps a year of weekly
    bars quick to draw.
    """
    base = [0.0] * count
    half = thickness / 2
    for item in series:
        shapes = []
        for position, (start, value) in enumerate(zip(base, item.values, strict=True)):
            if not value:
                continue
            low, high = position - half, position + half
            end = start + value
            corners = (
                [(start, low), (start, high), (end, high), (end, low)]
                if horizontal
                else [(low, start), (low, end), (high, end), (high, start)]
            )
            shapes.append(corners)
        axes.add_collection(
            PolyCollection(
                shapes,
                facecolors="white" if item.hatched else item.colour,
                edgecolors=item.colour if item.hatched else "white",
                linewidths=0.8 if item.hatched else 0.6,
                hatch="////" if item.hatched else None,
                label=item.label,
            )
        )
        base = [b + v for b, v in zip(base, item.values, strict=True)]
    top = max(base, default=0) or 1
    if horizontal:
        axes.set_ylim(count - 0.5, -0.5)
        axes.set_xlim(0, top * 1.08)
    else:
        axes.set_xlim(-0.6, count - 0.4)
        axes.set_ylim(0, top * 1.06)
    return base


def _thin_ticks(axes: Axes, labels: Sequence[str], most: int) -> None:
    step = max(1, -(-len(labels) // most))
    positions = list(range(0, len(labels), step))
    axes.set_xticks(positions, [labels[i] for i in positions])


def stacked_columns(
    chart_id: str,
    label: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    y_label: str,
    size: tuple[float, float] = FULL,
    most_ticks: int = 14,
    font: float = BASE_FONT,
) -> Markup:
    """Vertical stacked columns, e.g. weekly counts by sentiment."""

    def paint(axes: Axes) -> None:
        width = 0.8 if len(categories) > 1 else 0.4
        _stack(axes, series, len(categories), width, horizontal=False)
        _thin_ticks(axes, list(categories), most_ticks)
        axes.set_ylabel(y_label)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.grid(axis="y", color=GRID, linewidth=0.8)
        if len(series) > 1:
            _legend(axes, len(series))

    return _draw(chart_id, label, size, paint, font)


def columns(
    chart_id: str,
    label: str,
    categories: Sequence[str],
    values: Sequence[float],
    *,
    y_label: str,
    colour: str = ACCENT,
    size: tuple[float, float] = HALF,
    value_labels: bool = True,
    most_ticks: int = 12,
    font: float = HALF_FONT,
) -> Markup:
    """Vertical columns of one series, with the value on each column."""

    def paint(axes: Axes) -> None:
        positions = range(len(categories))
        bars = axes.bar(positions, values, 0.7, color=colour)
        if value_labels:
            axes.bar_label(bars, labels=[f"{v:g}" for v in values], padding=2, color=INK)
        _thin_ticks(axes, list(categories), most_ticks)
        axes.set_ylabel(y_label)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        axes.grid(axis="y", color=GRID, linewidth=0.8)
        axes.margins(y=0.15)

    return _draw(chart_id, label, size, paint, font)


def stacked_bars(
    chart_id: str,
    label: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    x_label: str,
    percent: bool = False,
    width: float = HALF[0],
    row_height: float = 0.36,
    font: float = HALF_FONT,
) -> Markup:
    """Horizontal stacked bars (first category on top), e.g. themes by sentiment."""
    lines = sum(category.count("\n") + 1 for category in categories)
    size = (width, 1.1 + row_height * max(len(categories), 1) + 0.14 * lines)

    def paint(axes: Axes) -> None:
        positions = range(len(categories))
        totals = _stack(axes, series, len(categories), 0.68, horizontal=True)
        axes.set_yticks(list(positions), list(categories))
        if not percent:
            for position, total in zip(positions, totals, strict=True):
                axes.annotate(
                    f"{total:g}",
                    (total, position),
                    xytext=(4, 0),
                    textcoords="offset points",
                    va="center",
                    color=INK,
                )
        axes.set_xlabel(x_label)
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x", color=GRID, linewidth=0.8)
        if percent:
            axes.set_xlim(0, 1)
            axes.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        else:
            axes.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
        if len(series) > 1:
            _legend(axes, len(series))

    return _draw(chart_id, label, size, paint, font)


# --- the report's and the overview's charts ---------------------------------------------------

SENTIMENTS = ("positive", "neutral", "negative")
UNCLASSIFIED = "#5f6670"
RECENT_WEEKS = 4
MIN_SHARE_BASE = 5


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def weekly_chart(report: dict[str, Any], t: Translator) -> Chart | None:
    weeks = report["sentiment"]["weekly"]
    if not weeks:
        return None
    labels = [t.date(w["start_date"], short=True) for w in weeks]
    classified = sum(w[s] for w in weeks for s in SENTIMENTS)
    title = t("chart.weekly.title")
    if classified:
        series = [
            Series(t(f"sentiment.{s}"), [w[s] for w in weeks], SENTIMENT_COLOURS[s])
            for s in SENTIMENTS
        ]
    else:
        series = [Series(t("col.feedback"), [w["count"] for w in weeks], ACCENT)]
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
    total = sum(w["count"] for w in weeks)
    positive = sum(w["positive"] for w in weeks)
    negative = sum(w["negative"] for w in weeks)
    parts = [
        t(
            "chart.weekly.summary",
            weeks=len(weeks),
            first=t.date(weeks[0]["start_date"]),
            last=t.date(weeks[-1]["start_date"]),
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
        recent_n = sum(w[s] for w in recent for s in SENTIMENTS)
        earlier_n = sum(w[s] for w in earlier for s in SENTIMENTS)
        if recent_n >= MIN_SHARE_BASE and earlier_n >= MIN_SHARE_BASE:
            parts.append(
                t(
                    "chart.weekly.trend",
                    recent=t.percent(_share(sum(w["positive"] for w in recent), recent_n)),
                    earlier=t.percent(_share(sum(w["positive"] for w in earlier), earlier_n)),
                )
            )
        if classified < total:
            parts.append(t("chart.not_classified", n=t.number(total - classified)))
    rows = [
        [
            t.week(w["week"]),
            t.date(w["start_date"]),
            t.number(w["count"]),
            *(t.number(w[s]) for s in SENTIMENTS),
            t.number(w["mean_rating"], 1),
        ]
        for w in weeks
    ]
    columns_ = [
        t("col.week"),
        t("col.week_start"),
        t("col.feedback"),
        *(t(f"sentiment.{s}") for s in SENTIMENTS),
        t("col.mean_rating"),
    ]
    return Chart("weekly", title, svg, " ".join(parts), columns_, rows, svg_narrow=narrow)


def role_chart(report: dict[str, Any], t: Translator) -> Chart | None:
    by_role = report["by_role"]
    if not by_role:
        return None
    sentiment = report["sentiment"]["by_role"]
    shown = [
        role
        for role in ROLE_ORDER
        if role in by_role and by_role[role]["broken_down"] and sentiment.get(role, {}).get("n")
    ]
    hidden = [role for role in ROLE_ORDER if role in by_role and not by_role[role]["broken_down"]]
    title = t("chart.roles.title")
    svg = None
    if shown:
        series = [
            Series(
                t(f"sentiment.{s}"),
                [sentiment[role]["shares"][s] or 0.0 for role in shown],
                SENTIMENT_COLOURS[s],
            )
            for s in SENTIMENTS
        ]
        svg = stacked_bars(
            "roles",
            title,
            [t(f"roles.{role}") for role in shown],
            series,
            x_label=t("chart.share_of_classified"),
            percent=True,
        )
    parts = [
        t(
            "chart.roles.line",
            role=t(f"roles.{role}"),
            positive=t.percent(sentiment[role]["shares"]["positive"]),
            negative=t.percent(sentiment[role]["shares"]["negative"]),
            n=t.number(sentiment[role]["n"]),
        )
        for role in shown
    ]
    notes = []
    if hidden:
        notes.append(
            t("chart.roles.hidden", roles=", ".join(t(f"roles.{role}") for role in hidden))
        )
    rows = []
    for role in ROLE_ORDER:
        if role not in by_role:
            continue
        line = by_role[role]
        shares = sentiment.get(role, {}).get("shares") if line["broken_down"] else None
        rows.append(
            [
                t(f"roles.{role}"),
                t.number(line["participants"]),
                t.number(line["feedback"]),
                t.number(line["mean_rating"], 1) if line["broken_down"] else t("small_group"),
                *(t.percent(shares[s]) if shares else t("small_group") for s in SENTIMENTS),
            ]
        )
    columns_ = [
        t("col.role"),
        t("col.participants"),
        t("col.feedback"),
        t("col.mean_rating"),
        *(t(f"sentiment.{s}") for s in SENTIMENTS),
    ]
    summary = " ".join(parts) if parts else t("chart.roles.none")
    return Chart("roles", title, svg or Markup(""), summary, columns_, rows, notes=tuple(notes))


def rating_chart(report: dict[str, Any], t: Translator) -> Chart | None:
    rating = report["rating"]
    if not rating["n"]:
        return None
    title = t("chart.rating.title")
    distribution = [rating["distribution"][str(k)] for k in range(1, 6)]
    svg = columns(
        "rating",
        title,
        [str(k) for k in range(1, 6)],
        distribution,
        y_label=t("col.count"),
    )
    n = rating["n"]
    summary = t(
        "chart.rating.summary",
        n=t.number(n),
        mean=t.number(rating["mean"], 1),
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


def themes_chart(report: dict[str, Any], t: Translator) -> Chart | None:
    themes = report["themes"]
    if not themes:
        return None
    title = t("chart.themes.title")
    names = [theme["name"] for theme in themes]
    series = [
        Series(
            t(f"sentiment.{s}"),
            [theme["sentiment"]["counts"][s] for theme in themes],
            SENTIMENT_COLOURS[s],
        )
        for s in SENTIMENTS
    ]
    remainder = [theme["count"] - theme["sentiment"]["n"] for theme in themes]
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
    top = ", ".join(f"{theme['name']} ({t.number(theme['count'])})" for theme in themes[:3])
    parts = [
        t(
            "chart.themes.summary",
            themes=len(themes),
            comments=t.number(report["totals"]["with_text"]),
            top=top,
        )
    ]
    judged = [theme for theme in themes if theme["sentiment"]["n"] >= MIN_SHARE_BASE]
    if judged:
        worst = max(judged, key=lambda theme: theme["sentiment"]["shares"]["negative"] or 0)
        best = max(judged, key=lambda theme: theme["sentiment"]["shares"]["positive"] or 0)
        parts.append(
            t(
                "chart.themes.extremes",
                best=best["name"],
                best_share=t.percent(best["sentiment"]["shares"]["positive"]),
                worst=worst["name"],
                worst_share=t.percent(worst["sentiment"]["shares"]["negative"]),
            )
        )
    rows = [
        [
            theme["name"],
            t.number(theme["count"]),
            t.percent(theme["share"]),
            *(t.number(theme["sentiment"]["counts"][s]) for s in SENTIMENTS),
        ]
        for theme in themes
    ]
    columns_ = [
        t("col.theme"),
        t("col.mentions"),
        t("col.share_of_comments"),
        *(t(f"sentiment.{s}") for s in SENTIMENTS),
    ]
    return Chart("themes", title, svg, " ".join(parts), columns_, rows, svg_narrow=narrow)


def overview_charts(overview: dict[str, Any], t: Translator) -> list[Chart]:
    charts = []
    by_status = overview["experiments"]["by_status"]
    statuses = [s for s in STATUS_ORDER if s in by_status]
    title = t("overview.by_status")
    charts.append(
        Chart(
            "status",
            title,
            stacked_bars(
                "status",
                title,
                [t(f"status.{s}") for s in statuses],
                [Series(t("overview.experiments"), [by_status[s] for s in statuses], ACCENT)],
                x_label=t("overview.experiments"),
            ),
            t(
                "overview.summary.status",
                total=overview["experiments"]["total"],
                carried=overview["experiments"]["carried_out"],
                running=by_status.get("running", 0),
            ),
            [t("col.status"), t("col.count")],
            [[t(f"status.{s}"), t.number(by_status[s])] for s in statuses],
        )
    )
    by_role = overview["participants"]["by_role"]
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
                    [t(f"roles.{r}") for r in roles],
                    [by_role[r] for r in roles],
                    y_label=t("col.participants"),
                    colour=SECONDARY,
                ),
                t(
                    "overview.summary.role",
                    total=t.number(overview["participants"]["total"]),
                    top=t(f"roles.{top}"),
                    n=t.number(by_role[top]),
                ),
                [t("col.role"), t("col.participants")],
                [[t(f"roles.{r}"), t.number(by_role[r])] for r in roles],
            )
        )
    months = overview["feedback"]["by_month"]
    if months:
        peak = max(months, key=lambda m: m["count"])
        title = t("overview.by_month")
        labels = [t.month(m["month"]) for m in months]
        counts = [m["count"] for m in months]
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
                    total=t.number(overview["feedback"]["total"]),
                    months=len(months),
                    peak=t.month(peak["month"]),
                    n=t.number(peak["count"]),
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
