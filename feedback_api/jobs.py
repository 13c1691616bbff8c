"""Background work, on a taskiq broker: training and reclassification, run off the request.

On the embedded default the broker is taskiq's in-memory one: a job runs as a task of the
process that queued it, with nothing extra to start. The job itself (services.training)
records its status and progress in the database, which the API and the staff page read.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from taskiq import AsyncBroker, InMemoryBroker

from feedback_api.db.models import Job
from feedback_api.services import training
from feedback_api.services.models import CurrentModels
from feedback_api.services.training import ModelKind


class Jobs:
    """Queues jobs and runs them (see the module docstring)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        read_sessions: async_sessionmaker[AsyncSession],
        models: CurrentModels,
        broker: AsyncBroker | None = None,
    ) -> None:
        self.broker = broker or InMemoryBroker()

        async def train(job_id: int) -> None:
            await training.run_training_job(
                sessions=sessions, read_sessions=read_sessions, models=models, job_id=job_id
            )

        self._train = self.broker.register_task(train, task_name="kokeilu.train")

    async def start(self) -> None:
        await self.broker.startup()

    async def aclose(self) -> None:
        await self.broker.shutdown()

    async def train(self, session: AsyncSession, kind: ModelKind) -> Job:
        """Queue a retraining of `kind` (then a reclassification); returns the job.

        Commits the caller's transaction: the job must be stored before it can run.
        """
        job = await training.queue_training(session=session, kind=kind)
        await session.commit()
        await self._train.kiq(job.id)
        return job
