"""Shared pieces of the benchmarks: scratch databases, free ports, the sample bodies."""

from __future__ import annotations

import asyncio
import os
import socket
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

PG_ADMIN_URL = os.environ.get(
    "KOKEILU_BENCH_PG_URL", "postgresql+asyncpg://kokeilu:kokeilu@127.0.0.1:5432/postgres"
)

# Realistic submissions: short comments in the three languages, some PII to redact.
SAMPLE_BODIES = [
    {
        "text": "Robotti löysi kirjan nopeasti, tosi kätevä!",
        "rating": 5,
        "role": "resident",
        "would_use": "yes",
        "language": "fi",
    },
    {
        "text": "Jonotus kesti liian kauan ja sovellus kaatui kahdesti.",
        "rating": 2,
        "role": "customer",
        "would_use": "maybe",
    },
    {
        "text": "Helpottaa työtäni, asiakkaat saavat vastauksen heti.",
        "rating": 4,
        "role": "employee",
        "fits_work": "yes",
        "language": "fi",
    },
    {
        "text": "Det fungerade bra men skyltarna var svåra att hitta.",
        "rating": 3,
        "role": "resident",
        "would_use": "maybe",
        "language": "sv",
    },
    {
        "text": "Great idea, but the app asked for too much personal data.",
        "rating": 3,
        "role": "resident",
        "would_use": "no",
        "language": "en",
    },
    {
        "text": "Soittakaa minulle 040 123 4567, haluan kertoa lisää.",
        "rating": 4,
        "role": "resident",
        "would_use": "yes",
    },
    {"rating": 5, "role": "customer", "would_use": "yes"},
    {
        "text": "The bus came on time every morning, much better than before.",
        "rating": 5,
        "role": "customer",
        "would_use": "yes",
        "language": "en",
    },
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _pg_admin(statement: str) -> None:
    import asyncpg

    url = make_url(PG_ADMIN_URL)
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database,
    )
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def pg_available() -> bool:
    try:
        asyncio.run(_pg_admin("SELECT 1"))
    except Exception:
        return False
    return True


@contextmanager
def scratch_database(kind: str) -> Iterator[str]:
    """A fresh, migrated database URL (SQLite file or a PostgreSQL database), removed after."""
    from feedback_api.db.engine import create_engine
    from feedback_api.db.migrate import upgrade_database

    async def migrate(url: str) -> None:
        engine = create_engine(url)
        try:
            await upgrade_database(engine)
        finally:
            await engine.dispose()

    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="kokeilu-bench-") as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite3'}"
            asyncio.run(migrate(url))
            yield url
        return
    name = f"kokeilu_bench_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"'))
    try:
        url = make_url(PG_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
        asyncio.run(migrate(url))
        yield url
    finally:
        asyncio.run(_pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def seed_experiment(url: str, slug: str = "bench-library-robot") -> int:
    """The seed themes and one running experiment; returns its id."""
    from feedback_api.db.engine import create_engine, create_session_factory
    from feedback_api.domain.enums import ExperimentStatus
    from feedback_api.domain.schemas import ExperimentCreate
    from feedback_api.services import experiments, themes

    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            await themes.sync_seed_themes(session=session)
            row = await experiments.create_experiment(
                session=session,
                data=ExperimentCreate(
                    title="Library robot", slug=slug, status=ExperimentStatus.RUNNING
                ),
            )
            await session.commit()
            return row.id
    finally:
        await engine.dispose()
