"""Request-scoped dependencies: the DB session (which owns the transaction) and the caller."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from feedback_api.config import Settings
from feedback_api.domain.errors import AuthenticationError, PermissionDeniedError
from feedback_api.domain.principal import Principal
from feedback_api.services.tokens import authenticate

bearer = HTTPBearer(auto_error=False, description="A staff token from `kokeilu token create`.")


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, committed before the response is sent."""
    async with request.app.state.sessions() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


# scope="function": the commit happens before the response is sent, so a 201 means the
# feedback is durably stored (the default scope would commit after sending).
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


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
