"""The staff session: a bearer token signs in once; the signed cookie then names it.

The cookie keeps the token's SHA-256 (what the database keeps), never the token itself, and
every request looks it up again, so revoking a token ends its sessions at once.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from feedback_api.domain.errors import AuthenticationError
from feedback_api.domain.principal import Principal
from feedback_api.services.tokens import authenticate, hash_token, principal_of
from feedback_api.web.pages.common import CSRF_KEY, LoginRequired, PageSession

SESSION_TOKEN_KEY = "staff"  # noqa: S105 (a session key name)


async def sign_in(request: Request, session: PageSession, token: str) -> Principal:
    """Check the token (AuthenticationError if bad) and start a fresh session for it."""
    principal = await authenticate(session=session, token=token)
    # A new session on sign-in: nothing from before (a planted CSRF token) carries over.
    request.session.clear()
    request.session[SESSION_TOKEN_KEY] = hash_token(token)
    return principal


def sign_out(request: Request) -> None:
    request.session.clear()


async def session_principal(request: Request, session: PageSession) -> Principal | None:
    token_hash = request.session.get(SESSION_TOKEN_KEY)
    if not isinstance(token_hash, str):
        return None
    try:
        return await principal_of(session=session, token_hash=token_hash)
    except AuthenticationError:
        request.session.pop(SESSION_TOKEN_KEY, None)
        request.session.pop(CSRF_KEY, None)
        return None


async def require_signed_in(
    principal: Annotated[Principal | None, Depends(session_principal)],
) -> Principal:
    if principal is None:
        raise LoginRequired
    return principal


MaybeStaff = Annotated[Principal | None, Depends(session_principal)]
SignedIn = Annotated[Principal, Depends(require_signed_in)]
