"""Abuse protection: submission rate limits, body size limit, security headers, health."""

from __future__ import annotations

import os

import httpx
import pytest

from feedback_api.web.app import create_app

REDIS_URL = os.environ.get("KOKEILU_TEST_REDIS_URL")


async def _client_for(settings):  # type: ignore[no-untyped-def]
    app = create_app(settings)
    return app, httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


@pytest.mark.parametrize("store", ["memory", "redis"])
async def test_rate_limit_per_client_answers_429_with_retry_after(settings, make, store) -> None:
    if store == "redis":
        if not REDIS_URL:
            pytest.skip("KOKEILU_TEST_REDIS_URL not set")
        import redis.asyncio as redis

        client = redis.Redis.from_url(REDIS_URL)
        await client.flushdb()
        await client.aclose()
    exp = await make.experiment("Limited")
    limited = settings.model_copy(
        update={
            "rate_limit_per_client": "3/minute",
            "redis_url": REDIS_URL if store == "redis" else None,
        }
    )
    app, client = await _client_for(limited)
    async with app.router.lifespan_context(app), client:
        codes = []
        for i in range(5):
            response = await client.post(
                f"/api/v1/experiments/{exp}/feedback",
                json={"rating": 4},
                headers={"Idempotency-Key": f"k{i}"},
            )
            codes.append(response.status_code)
        assert codes == [201, 201, 201, 429, 429]
        assert int(response.headers["retry-after"]) >= 1
        assert "try again" in response.json()["detail"]
        # a retry of an acknowledged submission is never refused
        replay = await client.post(
            f"/api/v1/experiments/{exp}/feedback",
            json={"rating": 4},
            headers={"Idempotency-Key": "k0"},
        )
        assert replay.status_code == 200


async def test_rate_limit_store_down_lets_submissions_through(settings, make) -> None:
    exp = await make.experiment("Store down")
    broken = settings.model_copy(
        update={"rate_limit_per_client": "1/minute", "redis_url": "redis://127.0.0.1:1/0"}
    )
    app, client = await _client_for(broken)
    async with app.router.lifespan_context(app), client:
        for _ in range(3):
            response = await client.post(f"/api/v1/experiments/{exp}/feedback", json={"rating": 2})
            assert response.status_code == 201
        health = await client.get("/healthz")
        assert health.status_code == 503
        assert health.json() == {"status": "unavailable", "database": "ok", "redis": "unavailable"}


async def test_security_headers_on_every_response(client) -> None:
    for url in ("/healthz", "/api/v1/experiments", "/api/v1/experiments/nope-nope"):
        response = await client.get(url)
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    docs = await client.get("/docs")
    assert "content-security-policy" not in docs.headers  # Swagger UI's assets come from a CDN


@pytest.mark.skipif(not REDIS_URL, reason="KOKEILU_TEST_REDIS_URL not set")
async def test_healthz_reports_redis_when_configured(settings) -> None:
    app, client = await _client_for(settings.model_copy(update={"redis_url": REDIS_URL}))
    async with app.router.lifespan_context(app), client:
        response = await client.get("/healthz")
    assert response.json() == {"status": "ok", "database": "ok", "redis": "ok"}


async def test_errors_never_show_sql_or_tracebacks(client) -> None:
    for url in ("/api/v1/experiments/%00", "/api/v1/experiments/1'--", "/api/v1/themes"):
        response = await client.get(url)
        assert response.status_code < 500
        assert "SELECT" not in response.text and "Traceback" not in response.text
