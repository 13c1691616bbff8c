"""An acknowledgement means "committed": when the COMMIT itself fails (the connection drops
at that moment), the client must get 503, not 201 for something that was never stored."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.web.app import create_app

from .conftest import add_experiment, make_settings, prepare_database


@pytest.fixture
async def world(tmp_path) -> AsyncIterator[dict[str, Any]]:  # type: ignore[no-untyped-def]
    from feedback_api.db.engine import create_engine, create_session_factory
    from feedback_api.domain.enums import TokenRole
    from feedback_api.services import tokens

    url = f"sqlite+aiosqlite:///{tmp_path / 'kokeilu.sqlite3'}"
    await prepare_database(url)
    await add_experiment(url, "Kirjastorobotti", "kirjastorobotti")
    engine = create_engine(url)
    async with create_session_factory(engine)() as session:
        _row, admin = await tokens.create_token(session=session, role=TokenRole.ADMIN)
        await session.commit()
    await engine.dispose()
    app = create_app(make_settings(url, tmp_path / "data"))
    async with app.router.lifespan_context(app):
        # raise_app_exceptions=False: see what a real client would receive.
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            yield {"client": client, "admin": {"Authorization": f"Bearer {admin}"}}


def fail_next_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The next COMMIT fails as when the connection drops at that moment."""
    original = AsyncSession.commit
    armed = [True]

    async def commit(self: AsyncSession) -> None:
        if armed[0]:
            armed[0] = False
            raise OperationalError("COMMIT", {}, ConnectionResetError("connection lost"))
        await original(self)

    monkeypatch.setattr(AsyncSession, "commit", commit)


async def test_a_submission_is_acknowledged_only_when_committed(world, monkeypatch) -> None:
    client = world["client"]
    fail_next_commit(monkeypatch)
    response = await client.post(
        "/api/v1/experiments/kirjastorobotti/feedback",
        json={"text": "Toimii", "rating": 5},
        headers={"Idempotency-Key": "durable-1"},
    )
    monkeypatch.undo()
    listed = await client.get(
        "/api/v1/experiments/kirjastorobotti/feedback", headers=world["admin"]
    )
    assert (response.status_code, listed.json()["total"]) == (503, 0), response.text
    assert response.headers["Retry-After"]
    # The sender retries with its key, as told: stored once.
    retried = await client.post(
        "/api/v1/experiments/kirjastorobotti/feedback",
        json={"text": "Toimii", "rating": 5},
        headers={"Idempotency-Key": "durable-1"},
    )
    listed = await client.get(
        "/api/v1/experiments/kirjastorobotti/feedback", headers=world["admin"]
    )
    assert (retried.status_code, listed.json()["total"]) == (201, 1), retried.text


async def test_an_admin_write_is_acknowledged_only_when_committed(world, monkeypatch) -> None:
    """The session dependency commits inside the endpoint's scope (FastAPI's
    ``Depends(..., scope="function")``), not after the response was sent."""
    client = world["client"]
    fail_next_commit(monkeypatch)
    response = await client.post(
        "/api/v1/experiments",
        json={"title": "Etähoiva", "status": "running"},
        headers=world["admin"],
    )
    monkeypatch.undo()
    found = await client.get("/api/v1/experiments/etahoiva", headers=world["admin"])
    assert (response.status_code, found.status_code) == (503, 404), response.text
