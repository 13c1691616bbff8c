"""Whether the service's dependencies answer: the database and, when configured, Redis."""

from __future__ import annotations

import asyncio

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

# A health check that hangs is worse than one that says "down": load balancers time out.
CHECK_TIMEOUT_S = 3


async def database_answers(read_sessions: async_sessionmaker[AsyncSession]) -> bool:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S), read_sessions() as session:
            await session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database is "down", never a 500
        return False
    return True


async def redis_answers(url: str) -> bool:
    try:
        client = Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        try:
            await client.ping()
        finally:
            await client.aclose()
    except Exception:  # unreachable or refusing: report, never raise
        return False
    return True
