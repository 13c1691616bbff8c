"""Pseudonymous respondents: a channel's user id is kept only as a keyed hash."""

from __future__ import annotations

import hashlib
import hmac

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.base import utcnow
from feedback_api.db.models import Respondent


def pseudonym(secret_key: str, channel: str, user_id: int | str) -> str:
    """HMAC-SHA256(secret key, "<channel>:<user id>") as hex."""
    message = f"{channel}:{user_id}".encode()
    return hmac.new(secret_key.encode("utf-8"), message, hashlib.sha256).hexdigest()


async def get_respondent(*, session: AsyncSession, key: str) -> Respondent | None:
    return await session.scalar(select(Respondent).where(Respondent.key == key))


async def create_respondent(
    *, session: AsyncSession, key: str, language: str | None = None
) -> Respondent:
    """A new respondent, for a key just looked up in this transaction and not found."""
    respondent = Respondent(key=key, language=language)
    session.add(respondent)
    await session.flush()
    return respondent


async def update_respondent(
    *,
    session: AsyncSession,
    respondent: Respondent,
    role: str | None = None,
    language: str | None = None,
    consent: bool | None = None,
) -> Respondent:
    if role is not None:
        respondent.role = role
    if language is not None:
        respondent.language = language
    if consent is not None:
        respondent.consent = consent
    respondent.last_seen_at = utcnow()
    await session.flush()
    return respondent
