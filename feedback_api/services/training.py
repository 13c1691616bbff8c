"""Retraining the deployment's models: shipped seed + staff corrections (+ ratings)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from analysis.datasets import LabelledData
from feedback_api.db.base import utcnow
from feedback_api.db.models import Feedback, Job, ModelVersion
from feedback_api.domain.enums import JobStatus
from feedback_api.services.classification import classify_stored
from feedback_api.services.models import CurrentModels

logger = logging.getLogger(__name__)
ModelKind = Literal["themes", "sentiment"]
# Ratings are weak labels: enough of them nudge the model, a few never outvote the seed.
MAX_WEAK_RATINGS = 50_000


@dataclass(frozen=True)
class TrainingResult:
    kind: str
    version: str
    metrics: dict[str, Any]
    trained_on: dict[str, Any]


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
    *, session: AsyncSession, kind: ModelKind, data: LabelledData | None = None
) -> TrainingResult:
    """Train a new version of `kind` and record it (model file included) in the session.

    With `data`: trains on that alone. Without: the shipped seed plus what the deployment
    has learnt — staff corrections for themes, ratings as weak labels for sentiment. Every
    process picks the version up once the caller commits (services.models).
    """
    from analysis.store import dump_model, new_version

    extra = ratings = None
    if data is None:
        if kind == "themes":
            extra = await staff_corrections(session=session)
        else:
            ratings = await rated_texts(session=session)
    model, metrics, trained_on = await asyncio.to_thread(_fit, kind, data, extra, ratings)
    trained_on["source"] = "file" if data is not None else "seed+deployment"
    content = await asyncio.to_thread(dump_model, model)
    version = new_version(kind)
    session.add(
        ModelVersion(
            kind=kind, version=version, metrics=metrics, trained_on=trained_on, content=content
        )
    )
    await session.flush()
    return TrainingResult(kind, version, metrics, trained_on)


async def model_versions(*, session: AsyncSession, kind: str | None = None) -> list[ModelVersion]:
    query = select(ModelVersion).order_by(ModelVersion.created_at.desc(), ModelVersion.id.desc())
    if kind:
        query = query.where(ModelVersion.kind == kind)
    return list((await session.scalars(query)).all())


# --- the background job ----------------------------------------------------------------

JOB_KIND = "train_{kind}"


async def queue_training(*, session: AsyncSession, kind: ModelKind) -> Job:
    """Record a training job (queued); the caller commits, then hands its id to a runner."""
    job = Job(kind=JOB_KIND.format(kind=kind), status=JobStatus.QUEUED.value, params={})
    session.add(job)
    await session.flush()
    return job


async def run_training_job(
    *,
    sessions: async_sessionmaker[AsyncSession],
    read_sessions: async_sessionmaker[AsyncSession],
    models: CurrentModels,
    job_id: int,
) -> None:
    """Train, then reclassify everything with the new version, recording progress on the job.

    Runs once: a job that is not queued any more (a redelivery) is left alone. A failure is
    recorded on the job, with what was done so far.
    """
    async with sessions() as session:
        job = await session.get(Job, job_id)
        if job is None or job.status != JobStatus.QUEUED.value:
            return
        kind = job.kind.removeprefix("train_")
        job.status, job.started_at = JobStatus.RUNNING.value, utcnow()
        await session.commit()
    try:
        async with sessions() as session:
            result = await train_model(session=session, kind=kind)  # type: ignore[arg-type]
            await session.commit()
        # The new version for the reclassification, also where classifying on submit is off.
        current = models if models.enabled else CurrentModels(sessions)
        await current.refresh()
        assert current.analyzer is not None

        async def progress(done: int, total: int) -> None:
            async with sessions() as session:
                await session.execute(
                    update(Job).where(Job.id == job_id).values(done=done, total=total)
                )
                await session.commit()

        reclassified = await classify_stored(
            sessions=sessions,
            read_sessions=read_sessions,
            analyzer=current.analyzer,
            everything=True,
            progress=progress,
        )
    except Exception as error:
        logger.exception("training job %d failed", job_id)
        await _finish(sessions, job_id, JobStatus.FAILED, error=f"{type(error).__name__}: {error}")
        return
    await _finish(
        sessions,
        job_id,
        JobStatus.SUCCEEDED,
        result={
            "version": result.version,
            "metrics": _summary(result.metrics),
            "reclassified": reclassified,
        },
    )


async def _finish(
    sessions: async_sessionmaker[AsyncSession],
    job_id: int,
    status: JobStatus,
    *,
    result: dict[str, Any] | None = None,
    error: str | None = None,
) -> None:
    async with sessions() as session:
        await session.execute(
            update(Job)
            .where(Job.id == job_id)
            .values(status=status.value, result=result or {}, error=error, finished_at=utcnow())
        )
        await session.commit()


def _summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {name: metrics.get(name) for name in ("macro_f1", "accuracy", "n_train", "n_test")}


async def training_jobs(*, session: AsyncSession, limit: int = 20) -> list[Job]:
    rows = await session.scalars(
        select(Job).where(Job.kind.like("train_%")).order_by(Job.id.desc()).limit(limit)
    )
    return list(rows.all())
