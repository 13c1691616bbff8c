"""Exports of an experiment's report and feedback: CSV, JSON, XLSX and one-file HTML.

Every text cell of CSV and XLSX is neutralised against spreadsheet formula injection.
"""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.domain.reports import SENTIMENTS, ExperimentReport, Shares, Suppressed
from feedback_api.domain.schemas import FeedbackStaffPublic
from feedback_api.domain.time import HELSINKI
from feedback_api.services.feedback import iter_feedback
from feedback_api.services.reports import experiment_report
from feedback_api.services.themes import theme_names

if TYPE_CHECKING:
    from feedback_api.db.models import Experiment

# A cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "id",
    "created_at",
    "role",
    "channel",
    "language",
    "rating",
    "would_use",
    "fits_work",
    "sentiment",
    "sentiment_score",
    "themes",
    "text",
)


def neutralise(value: object) -> str:
    """Text safe for a spreadsheet cell: a leading formula character is escaped with '."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


async def feedback_csv(*, session: AsyncSession, experiment: Experiment) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    async for row in iter_feedback(session=session, experiment_id=experiment.id):
        themes = ";".join(sorted(t.key for t in row.themes))
        writer.writerow(
            [
                row.id,
                row.created_at.isoformat(),
                row.role.value,
                row.channel.value,
                row.language or "",
                row.rating if row.rating is not None else "",
                row.would_use.value if row.would_use else "",
                row.fits_work.value if row.fits_work else "",
                row.sentiment.label.value if row.sentiment else "",
                f"{row.sentiment.score:.3f}"
                if row.sentiment and row.sentiment.score is not None
                else "",
                themes,
                neutralise(row.text),
            ]
        )
    return buffer.getvalue()


def report_filename(experiment: Experiment, fmt: str) -> str:
    """The download name: ``<slug>-feedback.csv`` for the feedback, ``<slug>-report.*``."""
    return f"{experiment.slug}-feedback.csv" if fmt == "csv" else f"{experiment.slug}-report.{fmt}"


async def report_json(
    *, session: AsyncSession, experiment: Experiment, language: str = "en"
) -> str:
    report = await experiment_report(session=session, experiment=experiment, language=language)
    return report.model_dump_json(indent=2) + "\n"


async def report_html(
    *, session: AsyncSession, experiment: Experiment, language: str = "en"
) -> str:
    """One self-contained HTML file: inline CSS and SVG charts, no script, no external URL."""
    from feedback_api.web.i18n import Translator
    from feedback_api.web.render import feedback_item, report_document

    t = Translator(language)
    report = await experiment_report(session=session, experiment=experiment, language=language)
    names = await theme_names(session=session, language=language)
    items = [
        feedback_item(row, t, names)
        async for row in iter_feedback(session=session, experiment_id=experiment.id)
    ]
    generated = t.date(datetime.now(HELSINKI).date())
    return await asyncio.to_thread(report_document, report, items, t, generated)


async def report_xlsx(
    *, session: AsyncSession, experiment: Experiment, language: str = "en"
) -> bytes:
    """The report as a workbook: summary and scorecard, themes, by role, weekly, feedback."""
    report = await experiment_report(session=session, experiment=experiment, language=language)
    rows = [
        _feedback_row(row)
        async for row in iter_feedback(session=session, experiment_id=experiment.id)
    ]
    return await asyncio.to_thread(_workbook, report, rows)


def _feedback_row(row: FeedbackStaffPublic) -> dict[str, Any]:
    return {
        "id": row.id,
        "created_at": row.created_at.astimezone(HELSINKI).replace(tzinfo=None),
        "role": row.role.value,
        "channel": row.channel.value,
        "language": row.language,
        "rating": row.rating,
        "would_use": row.would_use.value if row.would_use else None,
        "fits_work": row.fits_work.value if row.fits_work else None,
        "sentiment": row.sentiment.label.value if row.sentiment else None,
        "sentiment_score": row.sentiment.score if row.sentiment else None,
        "themes": ";".join(sorted(t.key for t in row.themes)),
        "text": row.text,
    }


# --- the workbook ---------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="1F5F99")
_TITLE_FONT = Font(bold=True, size=14)
_SECTION_FONT = Font(bold=True, size=12)


def xlsx_cell(value: object) -> object:
    """A safe cell value: numbers and dates as they are, every text neutralised.

    openpyxl stores a string starting with "=" as a formula; neutralised text never does.
    Characters XML cannot carry are dropped rather than failing the whole export.
    """
    if value is None or isinstance(value, bool | int | float | datetime):
        return value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def _append(sheet: Worksheet, values: Sequence[object]) -> None:
    sheet.append([xlsx_cell(v) for v in values])


def _table(sheet: Worksheet, header: list[str], rows: Sequence[Sequence[object]]) -> None:
    _append(sheet, header)
    for cell in sheet[sheet.max_row]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    for row in rows:
        _append(sheet, row)


def _widths(sheet: Worksheet, widths: dict[int, int]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = width


def _shares(block: Shares, keys: tuple[str, ...]) -> list[object]:
    return [block.shares[k] for k in keys]


def _summary_sheet(sheet: Worksheet, report: ExperimentReport) -> None:
    e, totals = report.experiment, report.totals
    _append(sheet, [e.title])
    sheet["A1"].font = _TITLE_FONT
    for label, value in (
        ("slug", e.slug),
        ("status", e.status.value),
        ("start_date", e.start_date),
        ("end_date", e.end_date),
        ("owner", e.owner_name),
        ("partners", ", ".join(e.partners)),
        *((name, value) for name, value in totals.model_dump().items()),
        ("mean_rating", report.rating.mean),
        ("ratings", report.rating.n),
    ):
        _append(sheet, [label, value])
    _append(sheet, [])
    _append(sheet, ["Scorecard"])
    sheet.cell(sheet.max_row, 1).font = _SECTION_FONT
    _table(sheet, ["question", "verdict", "evidence"], [])
    for key in ("users", "fit", "benefit"):
        card = getattr(report.scorecard, key)
        evidence = card.evidence.model_dump_json()
        _append(sheet, [f"{key}: {card.question}", card.verdict.value, evidence])
    _append(sheet, [])
    _append(sheet, ["Answers and sentiment"])
    sheet.cell(sheet.max_row, 1).font = _SECTION_FONT
    _table(
        sheet,
        ["question", "n", "share 1", "share 2", "share 3", "answers"],
        [
            [
                "would_use",
                report.would_use.n,
                *_shares(report.would_use, ("yes", "maybe", "no")),
                "yes / maybe / no",
            ],
            [
                "fits_work",
                report.fits_work.n,
                *_shares(report.fits_work, ("yes", "partly", "no")),
                "yes / partly / no",
            ],
            [
                "sentiment",
                report.sentiment.n,
                *_shares(report.sentiment, SENTIMENTS),
                "positive / neutral / negative",
            ],
        ],
    )
    _append(sheet, [])
    _table(
        sheet,
        ["rating", "count"],
        [[int(k), v] for k, v in report.rating.distribution.items()],
    )
    _widths(sheet, {1: 34, 2: 16, 3: 60})
    for row in sheet.iter_rows(min_col=3, max_col=3):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")


def _themes_sheet(sheet: Worksheet, report: ExperimentReport) -> None:
    rows = []
    for theme in report.themes:
        quotes: list[str | None] = [q.text for q in theme.quotes] + [None] * 3
        rows.append(
            [
                theme.key,
                theme.name,
                theme.count,
                theme.share,
                *(theme.sentiment.counts[s] for s in SENTIMENTS),
                *quotes[:3],
            ]
        )
    _table(
        sheet,
        ["key", "name", "count", "share_of_comments", *SENTIMENTS, "quote_1", "quote_2", "quote_3"],
        rows,
    )
    _append(sheet, [])
    roles = sorted({role for counts in report.theme_by_role.values() for role in counts})
    _append(sheet, ["Theme x role (groups of 5 or more respondents)"])
    sheet.cell(sheet.max_row, 1).font = _SECTION_FONT
    _table(
        sheet,
        ["key", *roles],
        [
            [key, *(counts.get(role, 0) for role in roles)]
            for key, counts in report.theme_by_role.items()
        ],
    )
    _widths(sheet, {1: 22, 2: 28, 9: 60, 10: 60, 11: 60})


def _roles_sheet(sheet: Worksheet, report: ExperimentReport) -> None:
    rows = []
    for role, line in report.by_role.items():
        sentiment = report.sentiment.by_role.get(role)
        shares = (
            sentiment.shares
            if line.broken_down and sentiment is not None and not isinstance(sentiment, Suppressed)
            else None
        )
        rows.append(
            [
                role,
                line.participants,
                line.feedback,
                line.with_text,
                "yes" if line.broken_down else "no (fewer than 5 respondents)",
                line.mean_rating,
                *((shares[s] if shares else None) for s in SENTIMENTS),
            ]
        )
    _table(
        sheet,
        [
            "role",
            "participants",
            "feedback",
            "with_text",
            "broken_down",
            "mean_rating",
            *(f"{s}_share" for s in SENTIMENTS),
        ],
        rows,
    )
    _widths(sheet, {1: 14, 5: 30})


def _weekly_sheet(sheet: Worksheet, report: ExperimentReport) -> None:
    _table(
        sheet,
        ["week", "start_date", "count", *SENTIMENTS, "mean_rating"],
        [
            [w.week, w.start_date, w.count, *(getattr(w, s) for s in SENTIMENTS), w.mean_rating]
            for w in report.sentiment.weekly
        ],
    )
    _widths(sheet, {1: 12, 2: 12})


def _feedback_sheet(sheet: Worksheet, rows: list[dict[str, Any]]) -> None:
    _table(sheet, list(CSV_COLUMNS), [[row[c] for c in CSV_COLUMNS] for row in rows])
    for (cell,) in sheet.iter_rows(min_row=2, min_col=2, max_col=2):
        cell.number_format = "yyyy-mm-dd hh:mm"
    for (cell,) in sheet.iter_rows(min_row=2, min_col=12, max_col=12):
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    _widths(sheet, {2: 17, 11: 28, 12: 80})


def _workbook(report: ExperimentReport, rows: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "Summary"
    _summary_sheet(summary, report)
    _themes_sheet(book.create_sheet("Themes"), report)
    _roles_sheet(book.create_sheet("By role"), report)
    _weekly_sheet(book.create_sheet("Weekly"), report)
    _feedback_sheet(book.create_sheet("Feedback"), rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
