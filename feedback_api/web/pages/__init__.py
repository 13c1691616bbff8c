"""Server-rendered pages: the public feedback form and the staff dashboard.

``install_pages(app, settings)`` adds the routers, the static files and the session cookie
(signed with the deployment's secret key, HttpOnly, SameSite=Lax, Secure outside
development and test).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from feedback_api.config import Settings
from feedback_api.web.pages import downloads, public, staff
from feedback_api.web.pages.common import https_only
from feedback_api.web.render import STATIC_DIR

SESSION_COOKIE = "kokeilu_session"
# A working day: a forgotten signed-in browser does not stay signed in for long.
SESSION_MAX_AGE = 8 * 3600


def install_pages(app: FastAPI, settings: Settings) -> None:
    app.include_router(public.router)
    app.include_router(staff.router)
    app.include_router(downloads.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.resolved_secret_key(),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=https_only(settings),
    )


__all__ = ["install_pages"]
