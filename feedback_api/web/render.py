"""Templates and view models shared by the pages and the HTML export.

Framework-free on purpose (Jinja2, matplotlib, Babel): the CLI's ``report --format html``
renders the same report sections as ``/staff/experiments/{id}`` without FastAPI.
Autoescape is always on; the only Markup that reaches a template is our own SVG and CSS.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.runtime import Context
from markupsafe import Markup

from feedback_api.domain.reports import (
    ROLE_ORDER,
    SCORECARD_RULES,
    ExperimentReport,
    ProgrammeOverview,
    Shares,
    Suppressed,
)
from feedback_api.domain.schemas import FeedbackStaffPublic
from feedback_api.domain.time import local_date
from feedback_api.web import charts, vocabulary
from feedback_api.web import report_charts as builders
from feedback_api.web.i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from feedback_api.web.vocabulary import (
    CHANNEL,
    FITS_WORK,
    LANGUAGE,
    ROLE,
    ROLES,
    SENTIMENT,
    WOULD_USE,
)

HERE = Path(__file__).resolve().parent
TEMPLATES_DIR = HERE / "templates"
STATIC_DIR = HERE / "static"
STYLESHEET = "css/site.css"


@lru_cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.globals["languages"] = [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES]
    env.globals["static"] = static_url
    env.globals["keys"] = vocabulary
    # Jinja's i18n extension: `_("key", name=…)` in a template is the page's t("key", …).
    env.globals["gettext"] = _gettext
    return env


@pass_context
def _gettext(context: Context, key: str, /, **params: object) -> str:
    translate: Translator = context["t"]
    return translate(key, **params)


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


@lru_cache
def _static_digest(path: str) -> str:
    return hashlib.sha256((STATIC_DIR / path).read_bytes()).hexdigest()[:12]


def static_url(path: str) -> str:
    """The URL of a static file, with a content hash so browsers may cache it for long."""
    return f"/static/{path}?v={_static_digest(path)}"


@lru_cache
def stylesheet() -> Markup:
    """The site's CSS for inlining into the self-contained export (our file, not user data)."""
    css = (STATIC_DIR / STYLESHEET).read_text(encoding="utf-8")
    if "</" in css:
        raise ValueError("the stylesheet must not contain '</' (it is inlined in <style>)")
    return Markup(css)  # noqa: S704 - our own stylesheet, checked above


# --- the experiment report ----------------------------------------------------------------


def _pct(t: Translator, share: float | None) -> str:
    return t.percent(share)


def _signed(t: Translator, value: float) -> str:
    rounded = round(value)
    return ("+" if rounded > 0 else "−" if rounded < 0 else "") + t.number(abs(rounded))


def _answer_line(t: Translator, keys: dict[str, str], block: Shares) -> str:
    if not block.n:
        return t("evidence.no_answers")
    parts = [f"{t(keys[value])} {_pct(t, share)}" for value, share in block.shares.items()]
    return " · ".join(parts) + " " + t("evidence.n", n=t.number(block.n))


def _sentiment_line(t: Translator, block: Shares | Suppressed | None) -> str:
    if block is None or isinstance(block, Suppressed):
        return t("evidence.too_few")
    if not block.n:
        return t("evidence.not_classified")
    return _answer_line(t, SENTIMENT, block)


def _scorecard(report: ExperimentReport, t: Translator, names: dict[str, str]) -> list[dict]:
    card = report.scorecard
    users, fit, benefit = card.users.evidence, card.fit.evidence, card.benefit.evidence
    rules = SCORECARD_RULES
    ratings = [
        f"{t(ROLES[role])} {t.number(value, 1)}"
        for role, value in users.mean_rating_by_role.items()
        if value is not None
    ]
    employee_themes = ", ".join(
        f"{names.get(key, key)} ({t.number(count)})" for key, count in fit.employee_themes
    )
    benefit_themes = ", ".join(
        t(
            "evidence.theme_sentiment",
            name=names.get(item.key, item.key),
            n=t.number(item.count),
            positive=t.number(item.sentiment["positive"]),
            negative=t.number(item.sentiment["negative"]),
        )
        for item in benefit.benefit_themes
    )
    balance = card.benefit.value
    return [
        {
            "key": "users",
            "headline": (
                t("headline.users", share=_pct(t, card.users.value))
                if card.users.value is not None
                else None
            ),
            "verdict": card.users.verdict.value,
            "filter": {"role": "resident"},
            "evidence": [
                (t("evidence.would_use"), _answer_line(t, WOULD_USE, users.would_use)),
                (t("evidence.ratings"), ", ".join(ratings) or t("evidence.too_few")),
                (t("evidence.repeat"), t.number(users.repeat_respondents)),
            ],
            "rule": t(
                "rule.users",
                good=_pct(t, rules["users"].good),
                bad=_pct(t, rules["users"].bad),
            ),
        },
        {
            "key": "fit",
            "headline": (
                t("headline.fit", share=_pct(t, card.fit.value))
                if card.fit.value is not None
                else None
            ),
            "verdict": card.fit.verdict.value,
            "filter": {"role": "employee"},
            "evidence": [
                (t("evidence.fits_work"), _answer_line(t, FITS_WORK, fit.fits_work)),
                (t("evidence.employees"), t.number(fit.employee_participants)),
                (t("evidence.employee_sentiment"), _sentiment_line(t, fit.employee_sentiment)),
                (t("evidence.employee_themes"), employee_themes or t("evidence.none")),
            ],
            "rule": t("rule.fit", good=_pct(t, rules["fit"].good), bad=_pct(t, rules["fit"].bad)),
        },
        {
            "key": "benefit",
            "headline": (
                t("headline.benefit", value=_signed(t, balance * 100))
                if balance is not None
                else None
            ),
            "verdict": card.benefit.verdict.value,
            "filter": {"theme": "usefulness"},
            "evidence": [
                (t("evidence.benefit_themes"), benefit_themes or t("evidence.none")),
                (
                    t("evidence.balance"),
                    t("evidence.balance_value", value=_signed(t, balance * 100))
                    if balance is not None
                    else t("evidence.too_few"),
                ),
                (t("evidence.overall_sentiment"), _sentiment_line(t, report.sentiment)),
            ],
            "rule": t(
                "rule.benefit",
                good=_signed(t, rules["benefit"].good * 100),
                bad=_signed(t, rules["benefit"].bad * 100),
            ),
        },
    ]


def _theme_role(report: ExperimentReport) -> dict[str, Any]:
    """Theme × role: counts and each role's share of its own text comments."""
    roles = [r for r in ROLE_ORDER if r in report.by_role and report.by_role[r].broken_down]
    rows = []
    for theme in report.themes:
        counts = report.theme_by_role.get(theme.key, {})
        cells = []
        for role in roles:
            base = report.by_role[role].with_text
            count = counts.get(role, 0)
            cells.append({"count": count, "share": count / base if base else None})
        shares = [c["share"] for c in cells if c["share"] is not None]
        spread = (max(shares) - min(shares)) if len(shares) > 1 else 0.0
        rows.append({"key": theme.key, "name": theme.name, "cells": cells, "spread": spread})
    return {"roles": roles, "rows": rows}


# Drawing a chart takes a few tenths of a second. Each chart is cached on the data it draws
# (and the language), so a reload, another filter or page of the feedback list, or the HTML
# export reuse the drawings, and a theme correction redraws the themes chart only.
CHART_CACHE_SIZE = 256


@lru_cache(maxsize=CHART_CACHE_SIZE)
def _report_chart(name: str, language: str, payload: str) -> charts.Chart | None:
    build, adapter = builders.REPORT_CHARTS[name]
    chart: charts.Chart | None = build(adapter.validate_json(payload), Translator(language))
    return chart


def report_charts(report: ExperimentReport, t: Translator) -> dict[str, charts.Chart]:
    built = {
        name: _report_chart(name, t.language, adapter.dump_json(part(report)).decode())
        for name, (part, adapter) in builders.REPORT_PARTS.items()
    }
    return {name: chart for name, chart in built.items() if chart is not None}


@lru_cache(maxsize=CHART_CACHE_SIZE)
def _overview_charts(language: str, payload: str) -> tuple[charts.Chart, ...]:
    overview = ProgrammeOverview.model_validate_json(payload)
    return tuple(builders.overview_charts(overview, Translator(language)))


def overview_charts(overview: ProgrammeOverview, t: Translator) -> tuple[charts.Chart, ...]:
    return _overview_charts(t.language, overview.model_dump_json())


def warm_up_charts() -> None:
    """Draw once while the process starts: the first drawing loads matplotlib's fonts and
    backends (about a second), which the first user would otherwise wait for."""
    builders.warm_up(Translator("en"))


def report_view(report: ExperimentReport, t: Translator) -> dict[str, Any]:
    """Everything the report sections show, formatted for one language."""
    names = {theme.key: theme.name for theme in report.themes}
    totals = report.totals
    return {
        "report": report,
        "names": names,
        "charts": report_charts(report, t),
        "scorecard": _scorecard(report, t, names),
        "theme_role": _theme_role(report),
        "unclear_share": totals.unclear / totals.with_text if totals.with_text else None,
    }


def feedback_item(row: FeedbackStaffPublic, t: Translator, names: dict[str, str]) -> dict[str, Any]:
    """One feedback for the list (the text stays plain text; templates escape it)."""
    themes = sorted(row.themes, key=lambda a: -(a.score if a.score is not None else 2.0))
    answer = None
    if row.would_use:
        answer = (t("feedback.would_use"), t(WOULD_USE[row.would_use]))
    elif row.fits_work:
        answer = (t("feedback.fits_work"), t(FITS_WORK[row.fits_work]))
    return {
        "id": row.id,
        "date": t.date(local_date(row.created_at)),
        "role": row.role.value,
        "role_name": t(ROLE[row.role]),
        "channel": t(CHANNEL[row.channel]),
        "language": t(LANGUAGE[row.language]) if row.language else None,
        "rating": row.rating,
        "answer": answer,
        "sentiment": row.sentiment.label.value if row.sentiment else None,
        "themes": [
            {"key": a.key, "name": names.get(a.key, a.key), "staff": a.source == "staff"}
            for a in themes
        ],
        "theme_keys": {a.key for a in themes},
        "reviewed": row.reviewed,
        "text": row.text,
        "redactions": row.redactions,
    }


def feedback_items(
    rows: Iterable[FeedbackStaffPublic], t: Translator, names: dict[str, str]
) -> list[dict[str, Any]]:
    return [feedback_item(row, t, names) for row in rows]


def report_document(
    report: ExperimentReport, feedback: Sequence[dict[str, Any]], t: Translator, generated: str
) -> str:
    """The self-contained HTML export: inline CSS, inline SVG, no script, no external URL."""
    return render(
        "export/report.html",
        t=t,
        lang=t.language,
        view=report_view(report, t),
        feedback=feedback,
        css=stylesheet(),
        generated=generated,
        interactive=False,
    )
