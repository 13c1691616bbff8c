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


async def test_feedback_stored_before_the_upgrades_is_in_the_reports(tmp_path) -> None:
    """Rows written under an old schema are counted once the database is at head."""
    from alembic import command
    from sqlalchemy import text

    from feedback_api.db.engine import create_session_factory
    from feedback_api.db.migrate import alembic_config
    from feedback_api.db.models import Experiment
    from feedback_api.services.reports import experiment_report

    def upgrade_to(revision: str):  # type: ignore[no-untyped-def]
        def run(connection):  # type: ignore[no-untyped-def]
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

        return run

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        async with engine.begin() as connection:
            await connection.run_sync(upgrade_to("0003"))
            await connection.execute(
                text(
                    "INSERT INTO experiments (id, slug, title, status, partners, created_at, "
                    "updated_at) VALUES (1, 'vanha', 'Vanha', 'running', '[]', "
                    "'2026-01-01 00:00:00', '2026-01-01 00:00:00')"
                )
            )
            for n, day in enumerate(("2026-01-05", "2026-01-05", "2026-02-10"), start=1):
                await connection.execute(
                    text(
                        "INSERT INTO feedback (id, experiment_id, role, channel, rating, "
                        "created_at, created_date, redactions) VALUES "
                        f"({n}, 1, 'resident', 'web', 4, '{day} 10:00:00', '{day}', 0)"
                    )
                )
        assert await upgrade_database(engine) is True
        async with create_session_factory(engine)() as session:
            experiment = await session.get(Experiment, 1)
            report = await experiment_report(session=session, experiment=experiment)
        assert report.totals.feedback == 3
        assert report.rating.distribution["4"] == 3
        assert [w.count for w in report.sentiment.weekly[:1]] == [2]
    finally:
        await engine.dispose()
