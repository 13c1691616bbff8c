"""Alembic migrations: from empty to head, matching the models, safe to run concurrently."""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from feedback_api.db.base import Base
from feedback_api.db.engine import create_engine
from feedback_api.db.migrate import head_revision, upgrade_database

PG_URL = os.environ.get("KOKEILU_TEST_DATABASE_URL")


def _diff(connection):  # type: ignore[no-untyped-def]
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, Base.metadata)


async def _check_fresh(url: str) -> None:
    engine = create_engine(url)
    try:
        results = await asyncio.gather(upgrade_database(engine), upgrade_database(engine))
        assert sorted(results) == [False, True]  # the lock let exactly one of them migrate
        assert await upgrade_database(engine) is False
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
            assert {t.name for t in Base.metadata.sorted_tables} <= tables
            assert await connection.run_sync(_diff) == []
            revision = await connection.run_sync(
                lambda c: MigrationContext.configure(c).get_current_revision()
            )
            assert revision == head_revision()
    finally:
        await engine.dispose()


async def test_migrations_from_empty_sqlite(tmp_path) -> None:
    await _check_fresh(f"sqlite+aiosqlite:///{tmp_path / 'fresh.sqlite3'}")


@pytest.mark.skipif(not PG_URL, reason="KOKEILU_TEST_DATABASE_URL not set")
async def test_migrations_from_empty_postgres() -> None:
    import asyncpg

    assert PG_URL is not None
    parsed = make_url(PG_URL)
    name = f"kokeilu_mig_{uuid.uuid4().hex[:8]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(
            host=parsed.host,
            port=parsed.port or 5432,
            user=parsed.username,
            password=parsed.password,
            database=parsed.database,
        )
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    await admin(f'CREATE DATABASE "{name}"')
    try:
        await _check_fresh(parsed.set(database=name).render_as_string(hide_password=False))
    finally:
        await admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
