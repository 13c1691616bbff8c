"""Report cells: feedback pre-aggregated per experiment and day, brought up to date on read.

Triggers in the database (migration 0004) append a ``report_changes`` row for the
(experiment, day) of every feedback or theme assignment written, changed or deleted, so no
code path can forget to. :func:`refresh` takes those rows and recomputes the cells of each
day they name from the feedback itself: a day is always rebuilt whole, so recomputing it
twice is harmless, and a report then reads a few hundred cells instead of every row.

Concurrency: the change rows are claimed with ``DELETE ... RETURNING`` before the days are
recomputed. A writer whose transaction is still open keeps its change row (uncommitted rows
are neither seen nor deleted), so its day is recomputed again on a later refresh; one that
committed before the claim is visible to the recomputation that follows. Two refreshes of
one experiment are serialised by a transaction-scoped advisory lock on PostgreSQL, and by
SQLite's single writer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy import (
    String,
    and_,
    case,
    cast,
    delete,
    exists,
    func,
    insert,
    literal,
    null,
    select,
    text,
    union_all,
)
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.models import (
    Feedback,
    FeedbackTheme,
    ReportCell,
    ReportChange,
    ReportFigure,
    ReportThemeCell,
)

# Days recomputed per statement (bound parameters stay far below SQLite's limit).
DAYS_PER_STATEMENT = 500
# First key of PostgreSQL's two-key advisory lock: "report rollup".
_LOCK_CLASS = 0x6B6F6B

CELL_DIMENSIONS = (
    "role",
    "channel",
    "language",
    "rating",
    "would_use",
    "fits_work",
    "sentiment_label",
    "sentiment_model_version",
    "theme_model_version",
)
# Attributes of report_figures, besides "feedback" (every row): value per row of the cell.
C = ReportCell
TEXT_STATE = case(
    (~C.with_text, "none"),
    (~C.classified, "pending"),
    (C.themed, "themed"),
    else_="unclear",
)
ATTRIBUTES: dict[str, Any] = {
    "feedback": null(),
    "sentiment": C.sentiment_label,
    "rating": cast(C.rating, String),
    "would_use": C.would_use,
    "fits_work": C.fits_work,
    "channel": C.channel,
    "language": C.language,
    "anonymous": case((C.anonymous, "yes"), else_="no"),
    "text": TEXT_STATE,
    # Only classified rows: "<sentiment model version>\t<theme model version>".
    "versions": case(
        (
            C.classified,
            func.coalesce(C.sentiment_model_version, "")
            + "\t"
            + func.coalesce(C.theme_model_version, ""),
        ),
        else_=null(),
    ),
}


async def refresh(session: AsyncSession, experiment_ids: Iterable[int]) -> int:
    """Bring the cells of these experiments up to date; returns how many days were rebuilt."""
    ids = sorted(set(experiment_ids))
    if not ids:
        return 0
    if session.get_bind().dialect.name == "postgresql":
        # In id order: two refreshes over overlapping experiments cannot deadlock.
        for experiment_id in ids:
            await session.execute(
                text("SELECT pg_advisory_xact_lock(:cls, :key)"),
                {"cls": _LOCK_CLASS, "key": experiment_id},
            )
    claimed = await session.execute(
        delete(ReportChange)
        .where(ReportChange.experiment_id.in_(ids))
        .returning(ReportChange.experiment_id, ReportChange.created_date)
    )
    days: dict[int, set[date]] = defaultdict(set)
    for experiment_id, day in claimed:
        days[experiment_id].add(day)
    rebuilt = 0
    for experiment_id, dates in days.items():
        ordered = sorted(dates)
        for start in range(0, len(ordered), DAYS_PER_STATEMENT):
            chunk = ordered[start : start + DAYS_PER_STATEMENT]
            await _rebuild(session, experiment_id, chunk)
            rebuilt += len(chunk)
    return rebuilt


async def refresh_all(session: AsyncSession) -> int:
    """Refresh every experiment with pending changes (after bulk work, before serving)."""
    pending = await session.scalars(select(ReportChange.experiment_id).distinct())
    return await refresh(session, pending.all())


async def _rebuild(session: AsyncSession, experiment_id: int, days: list[date]) -> None:
    await session.execute(
        delete(ReportCell).where(
            ReportCell.experiment_id == experiment_id, ReportCell.created_date.in_(days)
        )
    )
    await session.execute(
        delete(ReportFigure).where(
            ReportFigure.experiment_id == experiment_id, ReportFigure.created_date.in_(days)
        )
    )
    await session.execute(
        delete(ReportThemeCell).where(
            ReportThemeCell.experiment_id == experiment_id,
            ReportThemeCell.created_date.in_(days),
        )
    )
    in_days = and_(Feedback.experiment_id == experiment_id, Feedback.created_date.in_(days))
    rows = (
        select(
            Feedback.created_date,
            *(getattr(Feedback, name).label(name) for name in CELL_DIMENSIONS),
            Feedback.text.is_not(None).label("with_text"),
            Feedback.classified_at.is_not(None).label("classified"),
            exists()
            .where(FeedbackTheme.feedback_id == Feedback.id)
            .correlate(Feedback)
            .label("themed"),
            Feedback.respondent_id.is_(None).label("anonymous"),
            Feedback.redactions,
        )
        .where(in_days)
        .subquery()
    )
    keys = [
        rows.c.created_date,
        *(rows.c[name] for name in CELL_DIMENSIONS),
        rows.c.with_text,
        rows.c.classified,
        rows.c.themed,
        rows.c.anonymous,
    ]
    await session.execute(
        insert(ReportCell).from_select(
            [
                "experiment_id",
                "created_date",
                *CELL_DIMENSIONS,
                "with_text",
                "classified",
                "themed",
                "anonymous",
                "feedback",
                "redactions",
            ],
            select(
                literal(experiment_id),
                *keys,
                func.count(),
                func.coalesce(func.sum(rows.c.redactions), 0),
            ).group_by(*keys),
        )
    )
    await session.execute(
        insert(ReportFigure).from_select(
            [
                "experiment_id",
                "created_date",
                "role",
                "attribute",
                "value",
                "feedback",
                "rating_sum",
                "rated",
                "redactions",
            ],
            union_all(
                *(
                    _figures(experiment_id, days, attribute, value)
                    for attribute, value in ATTRIBUTES.items()
                )
            ),
        )
    )
    theme_keys = [
        Feedback.created_date,
        FeedbackTheme.theme_id,
        Feedback.role,
        Feedback.sentiment_label,
    ]
    await session.execute(
        insert(ReportThemeCell).from_select(
            ["experiment_id", "created_date", "theme_id", "role", "sentiment_label", "feedback"],
            select(literal(experiment_id), *theme_keys, func.count())
            .select_from(Feedback)
            .join(FeedbackTheme, FeedbackTheme.feedback_id == Feedback.id)
            .where(in_days)
            .group_by(*theme_keys),
        )
    )


def _figures(experiment_id: int, days: list[date], attribute: str, value: Any) -> Any:
    """The rows of one attribute of report_figures, summed from the days' cells."""
    rated = case((C.rating.is_not(None), C.feedback), else_=0)
    return (
        select(
            C.experiment_id,
            C.created_date,
            C.role,
            literal(attribute, String),
            cast(value, String).label("value"),
            func.sum(C.feedback),
            func.sum(func.coalesce(C.rating, 0) * C.feedback),
            func.sum(rated),
            func.sum(C.redactions),
        )
        .where(C.experiment_id == experiment_id, C.created_date.in_(days))
        .group_by(C.experiment_id, C.created_date, C.role, cast(value, String))
    )
