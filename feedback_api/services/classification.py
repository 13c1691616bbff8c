"""Runs `analysis` over stored feedback: language, themes, sentiment."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from tqdm import tqdm

from feedback_api.db.base import utcnow
from feedback_api.db.models import Feedback
from feedback_api.domain.enums import ThemeSource
from feedback_api.services.themes import set_feedback_themes, themes_by_key

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer

logger = logging.getLogger(__name__)


def load_analyzer(model_dir: Path | None) -> Analyzer | None:
    """The current models (deployment's newest, else the shipped defaults), or None."""
    from analysis.errors import AnalysisError
    from analysis.pipeline import load_analyzer as _load

    try:
        return _load(model_dir)
    except (AnalysisError, OSError) as error:
        logger.warning("no usable analysis models (%s); feedback is stored unclassified", error)
        return None


async def classify_feedback(
    *, session: AsyncSession, rows: Sequence[Feedback], analyzer: Analyzer
) -> int:
    """Classify rows in place (model themes replaced, staff themes kept); returns the count."""
    with_text = [row for row in rows if row.text]
    results = analyzer.analyze([row.text or "" for row in with_text])
    keys = {key for result in results for key, _ in result.themes}
    themes = await themes_by_key(session=session, keys=keys)
    now = utcnow()
    for row, result in zip(with_text, results, strict=True):
        row.sentiment_label = result.sentiment
        row.sentiment_score = result.sentiment_score
        row.sentiment_model_version = analyzer.sentiment_version
        row.theme_model_version = analyzer.theme_version
        row.classified_at = now
        if row.themes_reviewed_at is not None:
            continue  # a staff correction outranks the model
        set_feedback_themes(
            row,
            [
                (themes[key], round(float(score), 4), ThemeSource.MODEL.value)
                for key, score in result.themes
                if key in themes
            ],
        )
    for row in rows:
        if not row.text:
            row.classified_at = now
    await session.flush()
    return len(rows)


async def classify_pending(
    *,
    session: AsyncSession,
    analyzer: Analyzer,
    everything: bool = False,
    batch: int = 500,
    progress: bool = False,
) -> int:
    """Classify stored feedback without a result (or all of it); returns how many.

    `progress` shows a progress bar on stderr (for the CLI).
    """
    done = 0
    last_id = 0
    query_total = select(func.count(Feedback.id))
    if not everything:
        query_total = query_total.where(Feedback.classified_at.is_(None))
    bar = tqdm(
        total=await session.scalar(query_total) if progress else 0,
        disable=not progress,
        unit="text",
        desc="classifying",
    )
    with bar:
        while True:
            query = select(Feedback).where(Feedback.id > last_id).order_by(Feedback.id).limit(batch)
            if not everything:
                query = query.where(Feedback.classified_at.is_(None))
            rows = (await session.scalars(query)).all()
            if not rows:
                return done
            done += await classify_feedback(session=session, rows=rows, analyzer=analyzer)
            bar.update(len(rows))
            last_id = rows[-1].id
