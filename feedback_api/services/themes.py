"""The theme taxonomy: seeded from `analysis`, extended by staff and discovery."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.models import Theme
from feedback_api.domain.enums import ThemeOrigin
from feedback_api.domain.errors import InvalidInputError

if TYPE_CHECKING:
    from feedback_api.db.models import Feedback as FeedbackLike


async def sync_seed_themes(*, session: AsyncSession) -> int:
    """Insert the seed taxonomy's themes that are missing; returns how many were added."""
    from analysis.taxonomy import load_taxonomy

    existing = set((await session.scalars(select(Theme.key))).all())
    added = 0
    for theme in load_taxonomy():
        if theme.key in existing:
            continue
        session.add(
            Theme(
                key=theme.key,
                name_fi=theme.name_fi,
                name_sv=theme.name_sv,
                name_en=theme.name_en,
                description=theme.description,
                origin=ThemeOrigin.SEED.value,
            )
        )
        added += 1
    await session.flush()
    return added


async def list_themes(*, session: AsyncSession, active_only: bool = True) -> Sequence[Theme]:
    query = select(Theme).order_by(Theme.id)
    if active_only:
        query = query.where(Theme.active.is_(True))
    return (await session.scalars(query)).all()


async def themes_by_key(*, session: AsyncSession, keys: Iterable[str]) -> dict[str, Theme]:
    wanted = set(keys)
    if not wanted:
        return {}
    rows = await session.scalars(select(Theme).where(Theme.key.in_(wanted)))
    return {theme.key: theme for theme in rows}


async def require_themes(*, session: AsyncSession, keys: Sequence[str]) -> list[Theme]:
    found = await themes_by_key(session=session, keys=keys)
    unknown = sorted(set(keys) - found.keys())
    if unknown:
        raise InvalidInputError(f"unknown theme(s): {', '.join(unknown)}")
    return [found[key] for key in dict.fromkeys(keys)]


def set_feedback_themes(
    feedback: FeedbackLike, assignments: Sequence[tuple[Theme, float | None, str]]
) -> None:
    """Make feedback.themes equal to the assignments, updating rows in place.

    Replacing the collection wholesale would INSERT the new (feedback, theme) rows before
    the unit of work DELETEs the old ones, and collide on the primary key.
    """
    from feedback_api.db.models import FeedbackTheme

    wanted = {theme.id: (theme, score, source) for theme, score, source in assignments}
    for row in list(feedback.themes):
        if row.theme_id not in wanted:
            feedback.themes.remove(row)
            continue
        _, score, source = wanted.pop(row.theme_id)
        row.score, row.source = score, source
    for theme, score, source in wanted.values():
        feedback.themes.append(
            FeedbackTheme(theme_id=theme.id, theme=theme, score=score, source=source)
        )


async def theme_names(*, session: AsyncSession, language: str) -> dict[str, str]:
    """Every theme's name in the language (with the fallback order), by key."""
    return {
        theme.key: theme.localized_name(language)
        for theme in await list_themes(session=session, active_only=False)
    }
