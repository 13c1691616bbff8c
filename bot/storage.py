"""Persistent FSM storage that never keeps a Telegram id in plain.

The default keeps conversation state in the project's database (table ``bot_states``), so
a restart does not lose it; with ``KOKEILU_REDIS_URL`` aiogram's ``RedisStorage`` is used.
Both key records by HMAC-SHA256(secret key, aiogram's storage key).

While an update is being handled, the database storage reads and writes through that
update's session (see ``bind_session``): the conversation state then commits or rolls back
together with the update's work, and SQLite never sees a second writer from the same update.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Literal

from aiogram.exceptions import DataNotDictLikeError
from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseEventIsolation,
    BaseStorage,
    KeyBuilder,
    StateType,
    StorageKey,
)
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisStorage
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from feedback_api.db.base import utcnow
from feedback_api.db.bot_models import BotStateRecord

REDIS_PREFIX = "kokeilu:fsm"

# A Redis that goes away must fail an update in seconds (the resident is then asked to try
# again and the conversation stays), not hang it; a dropped connection is retried twice.
REDIS_CONNECTION_KWARGS: dict[str, Any] = {
    "socket_timeout": 3,
    "socket_connect_timeout": 3,
    "health_check_interval": 30,
    "retry": Retry(ExponentialBackoff(cap=1), 2),
    "retry_on_error": [RedisConnectionError, RedisTimeoutError],
}


_Records = dict[str, BotStateRecord | None]


@dataclass
class _Bound:
    """The update's session, and the records (or their absence) it has read or written.

    aiogram asks for the state and the data several times an update (middleware, filters,
    handlers). The session's identity map holds records only weakly, and cannot remember that
    a key has none: without this, each ask was a SELECT (4 to 9 an update, measured).
    """

    session: AsyncSession
    records: _Records = field(default_factory=dict)


_active_session: ContextVar[_Bound | None] = ContextVar("kokeilu_bot_session", default=None)


@contextmanager
def bind_session(session: AsyncSession) -> Iterator[None]:
    """Make the storage use `session` (the update's transaction) inside this block."""
    token = _active_session.set(_Bound(session))
    try:
        yield
    finally:
        _active_session.reset(token)


def hashed_key(secret_key: str, key: StorageKey) -> str:
    """HMAC-SHA256 of every field of the storage key, as hex: no id can be read back."""
    message = ":".join(
        (
            "fsm",
            str(key.bot_id),
            str(key.chat_id),
            str(key.user_id),
            str(key.thread_id or ""),
            key.business_connection_id or "",
            key.destiny,
        )
    )
    return hmac.new(secret_key.encode("utf-8"), message.encode(), hashlib.sha256).hexdigest()


def _state_name(state: StateType) -> str | None:
    return state.state if isinstance(state, State) else state


class DatabaseStorage(BaseStorage):
    """aiogram FSM storage in the ``bot_states`` table."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], secret_key: str) -> None:
        self.sessions = sessions
        self.secret_key = secret_key

    @asynccontextmanager
    async def _session(self) -> AsyncIterator[tuple[AsyncSession, _Records | None]]:
        """The session to use, and the update's record cache (None outside an update)."""
        bound = _active_session.get()
        if bound is not None:
            yield bound.session, bound.records
            return
        async with self.sessions() as session:
            yield session, None
            await session.commit()

    @staticmethod
    async def _record(
        session: AsyncSession, cache: _Records | None, record_key: str
    ) -> BotStateRecord | None:
        if cache is not None and record_key in cache:
            return cache[record_key]
        record = await session.get(BotStateRecord, record_key)
        if cache is not None:
            cache[record_key] = record
        return record

    async def _write(self, key: StorageKey, **values: Any) -> None:
        record_key = hashed_key(self.secret_key, key)
        async with self._session() as (session, cache):
            record = await self._record(session, cache, record_key)
            if record is None:
                record = BotStateRecord(key=record_key, state=None, data={})
                for name, value in values.items():
                    setattr(record, name, value)
                if record.state is None and not record.data:
                    return
                try:
                    async with session.begin_nested():
                        session.add(record)
                except IntegrityError:
                    # Another worker created it first: update theirs.
                    record = await session.get(BotStateRecord, record_key, populate_existing=True)
                    if record is None:  # pragma: no cover - deleted in between
                        raise
                else:
                    if cache is not None:
                        cache[record_key] = record
                    return
            for name, value in values.items():
                setattr(record, name, value)
            record.updated_at = utcnow()
            if record.state is None and not record.data:
                await session.delete(record)
                record = None
            # No flush: the record is written once, at the commit, however many times
            # aiogram set its state and data in the update (reads come from the cache).
            if cache is not None:
                cache[record_key] = record

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        await self._write(key, state=_state_name(state))

    async def get_state(self, key: StorageKey) -> str | None:
        async with self._session() as (session, cache):
            record = await self._record(session, cache, hashed_key(self.secret_key, key))
            return record.state if record is not None else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        if not isinstance(data, dict):
            msg = f"Data must be a dict or dict-like object, got {type(data).__name__}"
            raise DataNotDictLikeError(msg)
        await self._write(key, data=copy.deepcopy(data))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        async with self._session() as (session, cache):
            record = await self._record(session, cache, hashed_key(self.secret_key, key))
            return copy.deepcopy(dict(record.data)) if record is not None else {}

    async def prune(self, older_than: timedelta) -> int:
        """Forget conversations untouched for `older_than`; returns how many."""
        async with self._session() as (session, _cache):
            result = await session.execute(
                delete(BotStateRecord).where(BotStateRecord.updated_at < utcnow() - older_than)
            )
            return int(result.rowcount or 0)  # type: ignore[attr-defined]

    async def close(self) -> None:
        """The engine belongs to whoever created the session factory."""


class HashedKeyBuilder(KeyBuilder):
    """Redis keys ``kokeilu:fsm:<hmac>[:part]``: the same keyed hash as the database storage."""

    def __init__(self, secret_key: str, prefix: str = REDIS_PREFIX) -> None:
        self.secret_key = secret_key
        self.prefix = prefix

    def build(self, key: StorageKey, part: Literal["data", "state", "lock"] | None = None) -> str:
        digest = hashed_key(self.secret_key, key)
        return f"{self.prefix}:{digest}:{part}" if part else f"{self.prefix}:{digest}"


def create_storage(
    *,
    secret_key: str,
    sessions: async_sessionmaker[AsyncSession],
    redis_url: str | None = None,
) -> tuple[BaseStorage, BaseEventIsolation]:
    """Redis when configured (shared by every worker), else the database; with its isolation."""
    if redis_url:
        storage = RedisStorage.from_url(
            redis_url,
            connection_kwargs=REDIS_CONNECTION_KWARGS,
            key_builder=HashedKeyBuilder(secret_key),
        )
        return storage, storage.create_isolation()
    # One process handles a user's updates one at a time; several webhook workers on one
    # database should use Redis, whose lock is shared.
    return DatabaseStorage(sessions, secret_key), SimpleEventIsolation()
