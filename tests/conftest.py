"""Shared fixtures: a real database per test (SQLite, and PostgreSQL when configured)."""

from __future__ import annotations

import asyncio
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from feedback_api.config import Settings
from feedback_api.db.base import Base
from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.migrate import upgrade_database
from feedback_api.domain.enums import ExperimentStatus, TokenRole
from feedback_api.domain.schemas import ExperimentCreate
from feedback_api.services import experiments, themes, tokens
from feedback_api.web.app import create_app

PG_URL = os.environ.get("KOKEILU_TEST_DATABASE_URL")
BACKENDS = ["sqlite", "postgres"] if PG_URL else ["sqlite"]
TEST_SECRET = "test-secret-key-for-kokeilu-tests-0123456789"


async def _migrate(url: str) -> None:
    engine = create_engine(url)
    try:
        await upgrade_database(engine)
    finally:
        await engine.dispose()


async def _admin_execute(url: str, statement: str) -> None:
    import asyncpg

    parsed = make_url(url)
    connection = await asyncpg.connect(
        host=parsed.host,
        port=parsed.port or 5432,
        user=parsed.username,
        password=parsed.password,
        database=parsed.database,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session", params=BACKENDS)
def backend_template(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """A migrated database per backend: a template SQLite file, or a fresh PG database."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("template") / "template.sqlite3"
        url = f"sqlite+aiosqlite:///{path}"
        asyncio.run(_migrate(url))
        yield "sqlite", str(path)
        return
    assert PG_URL is not None
    name = f"kokeilu_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin_execute(PG_URL, f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    asyncio.run(_migrate(url))
    try:
        yield "postgres", url
    finally:
        asyncio.run(_admin_execute(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def database_url(backend_template: tuple[str, str], tmp_path: Path) -> str:
    """A clean, migrated database for one test (committed data is visible to subprocesses)."""
    kind, where = backend_template
    if kind == "sqlite":
        path = tmp_path / "kokeilu.sqlite3"
        shutil.copyfile(where, path)
        return f"sqlite+aiosqlite:///{path}"
    tables = ", ".join(f'"{t.name}"' for t in reversed(Base.metadata.sorted_tables))
    asyncio.run(_truncate(where, tables))
    return where


async def _truncate(url: str, tables: str) -> None:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    finally:
        await engine.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        env="test",
        data_dir=tmp_path / "data",
        database_url=database_url,
        secret_key=TEST_SECRET,
    )


@pytest.fixture
def cli_env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Environment for CLI runs (in-process or subprocess) against the test database."""
    from feedback_api.config import get_settings

    env = {
        "KOKEILU_ENV": "test",
        "KOKEILU_DATA_DIR": str(settings.data_dir),
        "KOKEILU_DATABASE_URL": settings.async_database_url,
        "KOKEILU_SECRET_KEY": TEST_SECRET,
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield env
    get_settings.cache_clear()


@pytest.fixture
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings.async_database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose work the test commits itself when others must see it."""
    async with create_session_factory(engine)() as session:
        await themes.sync_seed_themes(session=session)
        await session.commit()
        yield session


@pytest.fixture
async def app(settings: Settings, session: AsyncSession):  # type: ignore[no-untyped-def]
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
async def client(app) -> AsyncIterator[httpx.AsyncClient]:  # type: ignore[no-untyped-def]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


class Factory:
    """Creates committed test data through the real services."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def experiment(
        self, title: str, status: ExperimentStatus = ExperimentStatus.RUNNING, **fields: object
    ) -> int:
        row = await experiments.create_experiment(
            session=self.session,
            data=ExperimentCreate(title=title, status=status, **fields),  # type: ignore[arg-type]
        )
        await self.session.commit()
        return row.id

    async def token(self, role: TokenRole, experiments_: tuple[int, ...] = ()) -> str:
        _row, plain = await tokens.create_token(
            session=self.session, role=role, experiments=experiments_
        )
        await self.session.commit()
        return plain


@pytest.fixture
def make(session: AsyncSession) -> Factory:
    return Factory(session)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def auth() -> type:
    """`auth.bearer(token)` builds the Authorization header."""

    class Auth:
        bearer = staticmethod(bearer)

    return Auth
