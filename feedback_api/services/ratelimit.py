"""Rate limits on submission, per client address and per respondent (the `limits` library).

Counters live in Redis when `KOKEILU_REDIS_URL` is set, so every worker shares them; in
process memory otherwise. A limit store that is down lets submissions through (and logs):
losing a resident's words is worse than a burst getting past the limiter.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter
from redis.asyncio import ConnectionPool

from feedback_api.domain.errors import RateLimitedError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Limits:
    per_client: str | None
    per_respondent: str | None


class SubmissionLimiter:
    def __init__(self, limits: Limits, redis_url: str | None = None) -> None:
        self._items: dict[str, RateLimitItem] = {}
        if limits.per_client:
            self._items["client"] = parse(limits.per_client)
        if limits.per_respondent:
            self._items["respondent"] = parse(limits.per_respondent)
        storage: Storage
        self._pool: ConnectionPool | None = None
        if redis_url:
            # Our own pool, so that shutdown can close its connections.
            self._pool = ConnectionPool.from_url(
                redis_url, socket_timeout=2, socket_connect_timeout=2
            )
            storage = RedisStorage(
                "async+" + redis_url.removeprefix("async+"),
                implementation="redispy",
                key_prefix="kokeilu-limits",
                connection_pool=self._pool,  # type: ignore[arg-type]  # passed to redis-py
            )
        else:
            storage = MemoryStorage()
        self._limiter = MovingWindowRateLimiter(storage)

    async def aclose(self) -> None:
        if self._pool is not None:
            await self._pool.aclose()

    async def check(self, scope: str, key: str) -> None:
        """Count one submission; RateLimitedError (with Retry-After) past the limit."""
        item = self._items.get(scope)
        if item is None or not key:
            return
        try:
            if await self._limiter.hit(item, scope, key):
                return
            stats = await self._limiter.get_window_stats(item, scope, key)
        except Exception:  # the store is down: fail open, see module docstring
            logger.warning("rate-limit store unavailable; not limiting", exc_info=True)
            return
        retry_after = max(1, math.ceil(stats.reset_time - time.time()))
        raise RateLimitedError(
            "too many submissions; please wait a moment and try again", retry_after=retry_after
        )
