"""Server-rendered pages: the public feedback form and the staff dashboard.

``install_pages(app, settings)`` adds the routers, the static files and the session cookie
(signed with the deployment's secret key, HttpOnly, SameSite=Lax, Secure outside
development and test).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

from feedback_api.config import Settings
from feedback_api.web.pages import downloads, models, public, staff
from feedback_api.web.pages.common import https_only
from feedback_api.web.render import STATIC_DIR

SESSION_COOKIE = "kokeilu_session"
# A working day: a forgotten signed-in browser does not stay signed in for long.
SESSION_MAX_AGE = 8 * 3600


class PageSessions:
    """Starlette's session middleware for everything but the JSON API under ``/api/``.

    The API authenticates with bearer tokens and never reads a session; the middleware cost
    every submission ~10 us (measured, ~4 % of its CPU in the server).
    """

    def __init__(self, app: ASGIApp, /, **options: Any) -> None:
        self.app = app
        self.with_session = SessionMiddleware(app, **options)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
        else:
            await self.with_session(scope, receive, send)


def install_pages(app: FastAPI, settings: Settings) -> None:
    app.include_router(public.router)
    app.include_router(staff.router)
    app.include_router(downloads.router)
    app.include_router(models.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(
        PageSessions,
        secret_key=settings.resolved_secret_key(),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=https_only(settings),
    )


__all__ = ["install_pages"]
