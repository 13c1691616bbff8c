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
