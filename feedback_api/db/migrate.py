"""Bring the database schema to Alembic head, once, under a lock."""

from __future__ import annotations

import asyncio
import fcntl
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
# Any fixed 64-bit number: the key of the PostgreSQL advisory lock that serialises migrations.
PG_MIGRATION_LOCK = 4_242_015_001


def alembic_config(url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _upgrade(connection: Connection) -> None:
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def upgrade_database(engine: AsyncEngine) -> bool:
    """Migrate to head if needed; returns whether anything was applied.

    Several workers or hosts may start at once: PostgreSQL serialises them with an advisory
    lock, SQLite (one host by definition) with a file lock beside the database.
    """
    head = head_revision()
    if engine.dialect.name == "postgresql":
        async with engine.connect() as connection:
            await connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": PG_MIGRATION_LOCK})
            try:
                if await connection.run_sync(_current_revision) == head:
                    return False
                await connection.run_sync(_upgrade)
                await connection.commit()
                return True
            finally:
                await connection.execute(
                    text("SELECT pg_advisory_unlock(:k)"), {"k": PG_MIGRATION_LOCK}
                )
                await connection.commit()
    database = engine.url.database
    lock_path = Path(f"{database}.migrate.lock") if database and database != ":memory:" else None
    lock_file = lock_path.open("w") if lock_path else None
    try:
        if lock_file:
            # In a thread: a second migrator in this same process must not block the loop.
            await asyncio.to_thread(fcntl.flock, lock_file, fcntl.LOCK_EX)
        async with engine.connect() as connection:
            if await connection.run_sync(_current_revision) == head:
                return False
            await connection.run_sync(_upgrade)
            await connection.commit()
            return True
    finally:
        if lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_UN)
            lock_file.close()
