"""The analysis models a process classifies with: the newest version of each kind.

Trained versions are rows of `model_versions` that hold the model file itself, so every
process that classifies (each web worker, the webhook bot, `kokeilu bot`, the CLI) reads the
same ones from the one database. Without a trained version of a kind, the shipped default
(`analysis/models`) serves. `CurrentModels.refresh` asks the database for the newest version
of each kind — one small query — and loads only what changed; a running process refreshes
every few seconds, so a model trained anywhere (`kokeilu train`, the API) is in use
everywhere moments later, without a restart.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback_api.db.models import ModelVersion

if TYPE_CHECKING:
    from analysis.pipeline import Analyzer

logger = logging.getLogger(__name__)

KINDS = ("themes", "sentiment")
REFRESH_SECONDS = 2.0


async def newest_versions(session: AsyncSession) -> dict[str, int]:
    """The id of the newest trained version of each kind that has one."""
    rows = await session.execute(
        select(ModelVersion.kind, func.max(ModelVersion.id)).group_by(ModelVersion.kind)
    )
    return {kind: int(newest) for kind, newest in rows if kind in KINDS}


async def load_version(session: AsyncSession, version_id: int) -> tuple[Any, str]:
    """A trained model and its version name."""
    from analysis.store import load_model_bytes

    row = (
        await session.execute(
            select(ModelVersion.version, ModelVersion.content).where(ModelVersion.id == version_id)
        )
    ).one()
    model = await asyncio.to_thread(load_model_bytes, row.content, name=row.version)
    return model, row.version


class CurrentModels:
    """This process's analyzer, kept on the newest model versions (see the module docstring).

    `enabled=False` (KOKEILU_CLASSIFY_ON_SUBMIT=false): no models; feedback is stored
    unclassified and `kokeilu classify` labels it later.
    """

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        enabled: bool = True,
        refresh_seconds: float = REFRESH_SECONDS,
    ) -> None:
        self._sessions = sessions
        self.enabled = enabled
        self.refresh_seconds = refresh_seconds
        self._analyzer: Analyzer | None = None
        self._loaded: dict[str, int | None] = {}  # kind -> trained version id (None: default)
        self._models: dict[str, tuple[Any, str]] = {}
        self._watch: asyncio.Task[None] | None = None
        self._lock = asyncio.Lock()

    @property
    def analyzer(self) -> Analyzer | None:
        return self._analyzer

    def __call__(self) -> Analyzer | None:
        return self._analyzer

    async def refresh(self) -> bool:
        """Load the newest version of each kind if it changed; returns whether it did."""
        if not self.enabled:
            return False
        async with self._lock, self._sessions() as session:
            newest = await newest_versions(session)
            wanted = {kind: newest.get(kind) for kind in KINDS}
            if self._analyzer is not None and wanted == self._loaded:
                return False
            for kind, version_id in wanted.items():
                if kind in self._models and self._loaded.get(kind) == version_id:
                    continue
                self._models[kind] = (
                    await load_version(session, version_id)
                    if version_id is not None
                    else await asyncio.to_thread(_default, kind)
                )
        from analysis.pipeline import build_analyzer

        (themes, theme_version), (sentiment, sentiment_version) = (
            self._models["themes"],
            self._models["sentiment"],
        )
        self._analyzer = await asyncio.to_thread(
            build_analyzer, themes, sentiment, (theme_version, sentiment_version)
        )
        self._loaded = wanted
        logger.info("classifying with %s and %s", theme_version, sentiment_version)
        return True

    async def start(self) -> None:
        """Load the models now and keep them current until `aclose`."""
        if not self.enabled:
            return
        await self.refresh()
        self._watch = asyncio.get_running_loop().create_task(self._keep_current())

    async def aclose(self) -> None:
        if self._watch is not None:
            self._watch.cancel()
            await asyncio.gather(self._watch, return_exceptions=True)
            self._watch = None

    async def _keep_current(self) -> None:
        while True:
            await asyncio.sleep(self.refresh_seconds)
            try:
                await self.refresh()
            except Exception:  # the database away for a moment: keep the models we have
                logger.warning("could not check for new model versions", exc_info=True)


def _default(kind: str) -> tuple[Any, str]:
    from analysis.pipeline import default_model

    return default_model(kind)
