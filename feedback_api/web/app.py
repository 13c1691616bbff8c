"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from types import ModuleType

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from feedback_api import __version__
from feedback_api.config import Settings, get_settings
from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.jobs import Jobs
from feedback_api.runtime import startup_objects_frozen
from feedback_api.services.intake import Intake
from feedback_api.services.models import CurrentModels
from feedback_api.services.submission import Policy
from feedback_api.web.errors import install_error_handlers
from feedback_api.web.limits import BodySizeLimitMiddleware, SecurityHeadersMiddleware
from feedback_api.web.pages import install_pages
from feedback_api.web.render import warm_up_charts
from feedback_api.web.routes import admin, analysis, experiments, feedback, health, reports

DESCRIPTION = """
Feedback on a city's service experiments: residents, customers, city employees and partner
companies tell whether a tested service **would have users**, **works as part of the city's
services** and **produces benefits**.

Staff routes take `Authorization: Bearer <token>` (make one with `kokeilu token create`).
"""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app; the composition root that also wires the webhook bot when configured."""
    settings = settings or get_settings()
    # The bot (aiogram and its catalogs) loads only where the webhook is served: a worker
    # without it starts in a fraction of the time.
    telegram: ModuleType | None = None
    if settings.telegram_webhook_url:
        telegram = importlib.import_module("bot.webhook")
    policy = Policy.from_settings(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings.async_database_url, pool_size=settings.db_pool_size)
        app.state.sessions = create_session_factory(engine)
        app.state.read_sessions = create_session_factory(engine, read_only=True)
        app.state.models = CurrentModels(app.state.sessions, enabled=settings.classify_on_submit)
        await app.state.models.start()
        app.state.intake = Intake(app.state.sessions, policy=policy, analyzer=app.state.models)
        app.state.jobs = Jobs(app.state.sessions, app.state.read_sessions, app.state.models)
        await app.state.jobs.start()
        # The first chart of a process loads matplotlib's fonts (~1 s): now, not for the first
        # staff member who opens a report.
        await asyncio.to_thread(warm_up_charts)
        if telegram is not None:
            await telegram.start_telegram_webhook(app, settings)
        try:
            with startup_objects_frozen():
                yield
        finally:
            if telegram is not None:
                await telegram.stop_telegram_webhook(app)
            await app.state.intake.aclose()
            await app.state.jobs.aclose()
            await app.state.models.aclose()
            await policy.aclose()
            await engine.dispose()

    app = FastAPI(
        title="Kokeilu",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        # Swagger UI from our own static files (below): the CDN default renders nothing
        # on a network without internet access.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.policy = policy
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    install_error_handlers(app)
    # Routes are matched in order, one by one: the busiest (submissions) first.
    app.include_router(feedback.router)
    app.include_router(health.router)
    app.include_router(experiments.router)
    app.include_router(reports.router)
    app.include_router(admin.router)
    app.include_router(analysis.router)
    install_pages(app, settings)

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title=f"{app.title} API",
            swagger_js_url="/static/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    if telegram is not None:
        app.include_router(telegram.create_telegram_router(settings))

    return app
