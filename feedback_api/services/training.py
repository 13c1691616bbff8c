"""Retraining the deployment's models: shipped seed + staff corrections (+ ratings)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from analysis.datasets import LabelledData
from analysis.store import ModelInfo, ModelStore
from feedback_api.db.models import Feedback, ModelVersion
from feedback_api.services import rollup
from feedback_api.services.classification import classify_pending

ModelKind = Literal["themes", "sentiment"]
# Ratings are weak labels: enough of them nudge the model, a few never outvote the seed.
MAX_WEAK_RATINGS = 50_000


@dataclass(frozen=True)
class TrainingResult:
    kind: str
    version: str
    metrics: dict[str, Any]
    trained_on: dict[str, Any]
    reclassified: int


async def staff_corrections(*, session: AsyncSession) -> LabelledData:
    """Texts whose themes staff corrected, labelled with the staff's themes (maybe none)."""
    rows = (
        await session.scalars(
            select(Feedback)
            .where(Feedback.themes_reviewed_at.is_not(None), Feedback.text.is_not(None))
            .order_by(Feedback.id)
        )
    ).all()
    return LabelledData(
        [row.text or "" for row in rows],
        [sorted(t.theme.key for t in row.themes) for row in rows],
        [row.language for row in rows],
    )


async def rated_texts(*, session: AsyncSession) -> list[tuple[str, int]]:
    rows = await session.execute(
        select(Feedback.text, Feedback.rating)
        .where(Feedback.text.is_not(None), Feedback.rating.is_not(None))
        .order_by(Feedback.id.desc())
        .limit(MAX_WEAK_RATINGS)
    )
    return [(text, int(rating)) for text, rating in rows if text and rating is not None]


def _fit(
    kind: ModelKind,
    data: LabelledData | None,
    extra: LabelledData | None,
    ratings: list[tuple[str, int]] | None,
) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    """CPU-bound: runs in a worker thread."""
    from analysis import training

    if kind == "themes":
        base = data if data is not None else training.seed_theme_data()
        model, metrics = training.train_themes(base, extra=extra)
        trained_on = {"data": len(base), "corrections": len(extra) if extra else 0}
    else:
        base = data if data is not None else training.seed_sentiment_data()
        model, metrics = training.train_sentiment(base, extra=extra, ratings=ratings)
        trained_on = {"data": len(base), "weak_ratings": len(ratings or [])}
    return model, metrics, trained_on


async def train_model(
    *,
    session: AsyncSession,
    kind: ModelKind,
    model_dir: Path,
    data: LabelledData | None = None,
    reclassify: bool = True,
) -> TrainingResult:
    """Train and save a new version of `kind`, record it, and reclassify stored feedback.

    With `data`: trains on that alone. Without: the shipped seed plus what the deployment
    has learnt — staff corrections for themes, ratings as weak labels for sentiment.
    """
    extra = ratings = None
    if data is None:
        if kind == "themes":
            extra = await staff_corrections(session=session)
        else:
            ratings = await rated_texts(session=session)
    model, metrics, trained_on = await asyncio.to_thread(_fit, kind, data, extra, ratings)
    trained_on["source"] = "file" if data is not None else "seed+deployment"
    info: ModelInfo = await asyncio.to_thread(
        ModelStore(model_dir).save, kind, model, metrics=metrics, trained_on=trained_on
    )
    session.add(ModelVersion(kind=kind, version=info.version, metrics=metrics, path=str(info.path)))
    await session.flush()
    reclassified = 0
    if reclassify:
        from analysis.pipeline import reload_analyzer

        analyzer = await asyncio.to_thread(reload_analyzer, model_dir)
        reclassified = await classify_pending(session=session, analyzer=analyzer, everything=True)
        # Every day changed: rebuild the report cells now, not on the next report page.
        await rollup.refresh_all(session)
    return TrainingResult(kind, info.version, metrics, trained_on, reclassified)


async def model_versions(*, session: AsyncSession, kind: str | None = None) -> list[ModelVersion]:
    query = select(ModelVersion).order_by(ModelVersion.created_at.desc(), ModelVersion.id.desc())
    if kind:
        query = query.where(ModelVersion.kind == kind)
    return list((await session.scalars(query)).all())
