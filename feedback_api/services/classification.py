"""Classifying stored feedback: after a retraining, or what was stored unclassified.

Reading a batch, classifying it and writing its labels are three steps: the models' CPU work
happens outside any transaction, and the write transaction only stores the labels, so a
reclassification of everything never holds up the submissions arriving meanwhile.
A theme list corrected by staff is kept: it outranks the model.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from sqlalchemy import Table, bindparam, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback_api.db.base import utcnow
from feedback_api.db.models import Feedback, FeedbackTheme, Theme
from feedback_api.domain.enums import ThemeSource

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer

BATCH = 200
Progress = Callable[[int, int], Awaitable[None]]  # (done, total)


async def count_unclassified(session: AsyncSession, *, everything: bool = False) -> int:
    query = select(func.count(Feedback.id))
    if not everything:
        query = query.where(Feedback.classified_at.is_(None))
    return int(await session.scalar(query) or 0)


async def classify_stored(
    *,
    sessions: async_sessionmaker[AsyncSession],
    read_sessions: async_sessionmaker[AsyncSession] | None = None,
    analyzer: Analyzer,
    everything: bool = False,
    progress: Progress | None = None,
    batch: int = BATCH,
) -> int:
    """Classify stored feedback without a result (`everything`: all of it); returns how many.

    Each batch commits on its own: an interruption keeps what was done, and running it
    again continues (without `everything`) where it stopped.
    """
    reads = read_sessions or sessions
    async with reads() as session:
        total = await count_unclassified(session, everything=everything)
    done = last_id = 0
    while True:
        query = (
            select(Feedback.id, Feedback.text, Feedback.language)
            .where(Feedback.id > last_id)
            .order_by(Feedback.id)
            .limit(batch)
        )
        if not everything:
            query = query.where(Feedback.classified_at.is_(None))
        async with reads() as session:
            rows = (await session.execute(query)).all()
        if not rows:
            return done
        last_id = rows[-1].id
        with_text = [row for row in rows if row.text]
        results = await asyncio.to_thread(
            analyzer.analyze,
            [row.text for row in with_text],
            fallback=[row.language for row in with_text],
        )
        now = utcnow()
        labels = [
            {
                "row_id": row.id,
                "language": result.language,
                "sentiment_label": result.sentiment,
                "sentiment_score": result.sentiment_score,
                "sentiment_model_version": analyzer.sentiment_version,
                "theme_model_version": analyzer.theme_version,
                "classified_at": now,
            }
            for row, result in zip(with_text, results, strict=True)
        ]
        themes = {row.id: result.themes for row, result in zip(with_text, results, strict=True)}
        async with sessions() as session:
            await _store_labels(session, labels, themes, [r.id for r in rows if not r.text], now)
            await session.commit()
        done += len(rows)
        if progress is not None:
            await progress(done, total)


async def _store_labels(
    session: AsyncSession,
    labels: list[dict[str, object]],
    themes: dict[int, list[tuple[str, float]]],
    without_text: list[int],
    now: object,
) -> None:
    table = Feedback.__table__
    assert isinstance(table, Table)
    if labels:
        await session.execute(
            update(table).where(table.c.id == bindparam("row_id")),
            labels,
        )
    if without_text:
        await session.execute(
            update(Feedback).where(Feedback.id.in_(without_text)).values(classified_at=now)
        )
    if not themes:
        return
    reviewed = set(
        (
            await session.scalars(
                select(Feedback.id).where(
                    Feedback.id.in_(themes), Feedback.themes_reviewed_at.is_not(None)
                )
            )
        ).all()
    )
    model_labelled = [feedback_id for feedback_id in themes if feedback_id not in reviewed]
    if not model_labelled:
        return
    await session.execute(
        delete(FeedbackTheme).where(FeedbackTheme.feedback_id.in_(model_labelled))
    )
    keys = {key for feedback_id in model_labelled for key, _score in themes[feedback_id]}
    rows = await session.execute(select(Theme.key, Theme.id).where(Theme.key.in_(keys)))
    theme_ids = {key: theme_id for key, theme_id in rows}
    links = [
        {
            "feedback_id": feedback_id,
            "theme_id": theme_ids[key],
            "score": round(float(score), 4),
            "source": ThemeSource.MODEL.value,
        }
        for feedback_id in model_labelled
        for key, score in themes[feedback_id]
        if key in theme_ids
    ]
    if links:
        await session.execute(insert(FeedbackTheme), links)
