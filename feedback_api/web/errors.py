"""Maps domain errors and infrastructure failures to HTTP answers, in one place."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

from feedback_api.domain.errors import (
    AuthenticationError,
    ConflictError,
    InvalidInputError,
    KokeiluError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    UnavailableError,
)

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 5

STATUS: dict[type[KokeiluError], int] = {
    NotFoundError: 404,
    ConflictError: 409,
    InvalidInputError: 422,
    AuthenticationError: 401,
    PermissionDeniedError: 403,
    UnavailableError: 503,
    RateLimitedError: 429,
}


def _status_for(error: KokeiluError) -> int:
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


async def _kokeilu_error(_request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, KokeiluError)
    status = _status_for(error)
    headers = {}
    if status == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if status == 503:
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    if isinstance(error, RateLimitedError):
        headers["Retry-After"] = str(error.retry_after)
    return JSONResponse({"detail": error.message}, status_code=status, headers=headers)


async def _database_down(_request: Request, error: Exception) -> JSONResponse:
    # Never show SQL or driver messages: log them, answer plainly.
    logger.error("database unavailable: %s", error)
    return JSONResponse(
        {"detail": "the service is temporarily unavailable; please try again shortly"},
        status_code=503,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


async def _validation(_request: Request, error: Exception) -> JSONResponse:
    """422 with field messages; the offending input is not echoed back.

    Echoing it could make the answer itself unserialisable (NaN, bytes) or huge.
    """
    assert isinstance(error, RequestValidationError)
    detail = [
        {
            "loc": list(item.get("loc", ())),
            "msg": str(item.get("msg", "invalid value")),
            "type": str(item.get("type", "value_error")),
        }
        for item in error.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


async def _integrity(_request: Request, error: Exception) -> JSONResponse:
    logger.warning("integrity error: %s", error)
    return JSONResponse({"detail": "the request conflicts with stored data"}, status_code=409)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(IntegrityError, _integrity)
    app.add_exception_handler(KokeiluError, _kokeilu_error)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(PoolTimeoutError, _database_down)
    app.add_exception_handler(DBAPIError, _database_down)
    app.add_exception_handler(OSError, _database_down)
