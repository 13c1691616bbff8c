"""Request-scoped dependencies: the DB session (which owns the transaction) and the caller."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.domain.errors import AuthenticationError, PermissionDeniedError
from feedback_api.domain.principal import Principal
from feedback_api.services.tokens import authenticate

bearer = HTTPBearer(auto_error=False, description="A staff token from `kokeilu token create`.")


READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed before the response is sent.

    A GET only reads: its session takes no write lock (SQLite), so a page or a report never
    holds up a submission.
    """
    reading = request.method in READING_METHODS
    sessions = request.app.state.read_sessions if reading else request.app.state.sessions
    async with sessions() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session that only reads, whatever the method (a route that writes through the
    intake must not hold a write transaction of its own meanwhile)."""
    async with request.app.state.read_sessions() as session:
        yield session


ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session)]


# scope="function": the commit happens before the response is sent, so a 201 means the
# feedback is durably stored (the default scope would commit after sending).
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_principal(
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Principal | None:
    if credentials is None:
        return None
    return await authenticate(session=session, token=credentials.credentials)


OptionalPrincipal = Annotated[Principal | None, Depends(get_principal)]


async def require_principal(principal: OptionalPrincipal) -> Principal:
    if principal is None:
        raise AuthenticationError("this route needs a staff token (Authorization: Bearer …)")
    return principal


CurrentPrincipal = Annotated[Principal, Depends(require_principal)]


async def require_staff(principal: CurrentPrincipal) -> Principal:
    if not principal.is_staff:
        raise PermissionDeniedError("this route is for programme staff")
    return principal


async def require_admin(principal: CurrentPrincipal) -> Principal:
    if not principal.is_admin:
        raise PermissionDeniedError("this route is for admins")
    return principal


StaffPrincipal = Annotated[Principal, Depends(require_staff)]
AdminPrincipal = Annotated[Principal, Depends(require_admin)]


class Page:
    """`limit` and `offset` of list routes."""

    def __init__(
        self,
        limit: Annotated[int, Query(ge=1, le=500, description="at most 500")] = 50,
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    ) -> None:
        self.limit = limit
        self.offset = offset


PageDep = Annotated[Page, Depends()]
