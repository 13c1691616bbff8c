"""Liveness and dependency health."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from redis.asyncio import Redis
from sqlalchemy import text

router = APIRouter(tags=["health"])

# A health check that hangs is worse than one that says "down": load balancers time out.
DATABASE_CHECK_TIMEOUT_S = 3


@router.get("/healthz", summary="Health of the service and its database")
async def healthz(request: Request) -> JSONResponse:
    body = {"status": "ok", "database": "ok"}
    status = 200
    try:
        async with asyncio.timeout(DATABASE_CHECK_TIMEOUT_S):
            async with request.app.state.engine.connect() as connection:
                await connection.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database is "down", never a 500
        body.update(status="unavailable", database="unavailable")
        status = 503
    redis_url = request.app.state.settings.redis_url
    if redis_url:
        body["redis"] = "ok"
        try:
            client = Redis.from_url(redis_url, socket_timeout=2, socket_connect_timeout=2)
            try:
                await client.ping()
            finally:
                await client.aclose()
        except Exception:  # unreachable or refusing: report, never raise
            body.update(status="unavailable", redis="unavailable")
            status = 503
    return JSONResponse(body, status_code=status)
