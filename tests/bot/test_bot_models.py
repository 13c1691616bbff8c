"""Migration 0002 creates exactly the tables the bot models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import MetaData

from feedback_api.db.base import Base
from feedback_api.db.bot_models import BotProcessedUpdate, BotStateRecord
from feedback_api.db.migrate import head_revision

BOT_TABLES = {BotStateRecord.__tablename__, BotProcessedUpdate.__tablename__}


def _bot_only() -> MetaData:
    metadata = MetaData(naming_convention=Base.metadata.naming_convention)
    for table in Base.metadata.sorted_tables:
        if table.name in BOT_TABLES:
            table.to_metadata(metadata)
    return metadata


async def test_migration_matches_the_bot_models(engine) -> None:
    def diff(connection):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": lambda name, kind, _parent: kind != "table" or name in BOT_TABLES,
            },
        )
        return compare_metadata(context, _bot_only())

    async with engine.connect() as connection:
        assert await connection.run_sync(diff) == []
        revision = await connection.run_sync(
            lambda c: MigrationContext.configure(c).get_current_revision()
        )
    assert revision == head_revision()
