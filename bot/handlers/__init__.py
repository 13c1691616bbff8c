"""The bot's routers; ``get_routers`` fixes the order in which they see an update.

Each call builds new routers (a router belongs to one dispatcher), so a webhook worker,
the poller and the tests can each have their own dispatcher.
"""

from __future__ import annotations

from aiogram import Router

from bot.handlers import (
    common,
    errors,
    experiments,
    fallback,
    feedback,
    forget,
    language,
    role,
    start,
)


def get_routers() -> list[Router]:
    """Errors first (they see only error events); commands before the steps, which answer
    buttons and text of their own state; the fallback last, for anything nobody claimed."""
    return [
        errors.create_router(),
        start.create_router(),
        common.create_router(),
        language.create_router(),
        role.create_router(),
        forget.create_router(),
        experiments.create_router(),
        feedback.create_router(),
        fallback.create_router(),
    ]
