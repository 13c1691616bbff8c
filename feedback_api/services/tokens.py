"""Staff bearer tokens: 256-bit random, stored only as SHA-256."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.db.base import utcnow
from feedback_api.db.models import Experiment, StaffToken
from feedback_api.domain.enums import TokenRole
from feedback_api.domain.errors import (
    AuthenticationError,
    ConflictError,
    InvalidInputError,
    NotFoundError,
)
from feedback_api.domain.principal import Principal
from feedback_api.services.experiments import find_experiment

MAX_TOKEN_LENGTH = 200


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


async def create_token(
    *,
    session: AsyncSession,
    role: TokenRole,
    experiments: Sequence[str | int] = (),
    name: str | None = None,
) -> tuple[StaffToken, str]:
    """Create a token; returns the row and the plain token, which is shown once only."""
    if role is TokenRole.OWNER and not experiments:
        raise InvalidInputError("an owner token needs at least one --experiment")
    if role is not TokenRole.OWNER and experiments:
        raise InvalidInputError("only owner tokens are scoped to experiments")
    scoped: list[Experiment] = []
    for ref in experiments:
        experiment = await find_experiment(session, ref)
        if experiment is None:
            raise NotFoundError(f"experiment {ref!s} not found")
        scoped.append(experiment)
    plain = secrets.token_urlsafe(32)
    name = name or f"{role.value}-{secrets.token_hex(3)}"
    if await session.scalar(select(StaffToken.id).where(StaffToken.name == name)) is not None:
        raise ConflictError(f"a token named {name!r} exists already")
    token = StaffToken(name=name, role=role.value, token_hash=hash_token(plain), experiments=scoped)
    session.add(token)
    await session.flush()
    return token, plain


async def revoke_token(*, session: AsyncSession, name: str) -> StaffToken:
    token = await session.scalar(select(StaffToken).where(StaffToken.name == name))
    if token is None:
        raise NotFoundError(f"no token named {name!r}")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        await session.flush()
    return token


async def list_tokens(*, session: AsyncSession) -> Sequence[StaffToken]:
    return (await session.scalars(select(StaffToken).order_by(StaffToken.id))).all()


async def authenticate(*, session: AsyncSession, token: str) -> Principal:
    """The principal behind a bearer token; AuthenticationError if unknown or revoked."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        raise AuthenticationError("invalid token")
    return await principal_of(session=session, token_hash=hash_token(token))


async def principal_of(*, session: AsyncSession, token_hash: str) -> Principal:
    """The principal of a token by its SHA-256 (what a staff session keeps); looked up
    every time, so revoking a token ends its sessions at once."""
    row = await session.scalar(select(StaffToken).where(StaffToken.token_hash == token_hash))
    if row is None or row.revoked_at is not None:
        raise AuthenticationError("invalid or revoked token")
    return Principal(
        name=row.name,
        role=TokenRole(row.role),
        experiment_ids=frozenset(e.id for e in row.experiments),
    )
