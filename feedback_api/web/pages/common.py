"""What every page shares: language, CSRF, rendering, security headers, HTML error pages."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable, Coroutine
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData
from starlette.responses import Response

from feedback_api.config import Settings
from feedback_api.domain.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    PermissionDeniedError,
    UnavailableError,
)
from feedback_api.web.deps import get_session
from feedback_api.web.i18n import LANGUAGES, Translator, negotiate, supported
from feedback_api.web.render import render
from feedback_api.web.vocabulary import ERROR

logger = logging.getLogger(__name__)

LANG_COOKIE = "kokeilu_lang"
LANG_COOKIE_MAX_AGE = 365 * 24 * 3600
CSRF_KEY = "csrf"
CSRF_FIELD = "csrf_token"
# Inline SVG charts carry style attributes, hence 'unsafe-inline' for styles only.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

# The transaction commits before the response goes out (FastAPI's default "request" scope
# would commit after it is sent: a redirect could then be followed before the write is seen).
PageSession = Annotated[AsyncSession, Depends(get_session, scope="function")]


class CsrfError(Exception):
    """A POST without the session's CSRF token."""


class LoginRequired(Exception):
    """A staff page without a signed-in session."""


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def https_only(settings: Settings) -> bool:
    return settings.env not in ("development", "test")


# --- language -----------------------------------------------------------------------------


def get_translator(request: Request) -> Translator:
    """?lang= (remembered in a cookie), else the cookie, else the browser's Accept-Language."""
    chosen = supported(request.query_params.get("lang"))
    language = (
        chosen
        or supported(request.cookies.get(LANG_COOKIE))
        or negotiate(request.headers.get("accept-language"))
    )
    request.state.language_chosen = chosen is not None
    request.state.translator = Translator(language)
    return request.state.translator


Tr = Annotated[Translator, Depends(get_translator)]


def _translator(request: Request) -> Translator:
    existing = getattr(request.state, "translator", None)
    return existing if isinstance(existing, Translator) else get_translator(request)


def language_links(request: Request) -> dict[str, str]:
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    path = request.url.path
    return {code: f"{path}?{urlencode([*params, ('lang', code)])}" for code in LANGUAGES}


# --- CSRF ---------------------------------------------------------------------------------


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use; the session cookie carries it)."""
    token = request.session.get(CSRF_KEY)
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session[CSRF_KEY] = token
    return token


async def checked_form(request: Request) -> FormData:
    """The posted form, once its CSRF token matches the session's."""
    form = await request.form(max_files=0, max_fields=200)
    sent = form.get(CSRF_FIELD)
    expected = request.session.get(CSRF_KEY)
    if (
        not isinstance(sent, str)
        or not isinstance(expected, str)
        or not secrets.compare_digest(sent.encode(), expected.encode())
    ):
        raise CsrfError
    return form


CsrfForm = Annotated[FormData, Depends(checked_form)]


# --- rendering ----------------------------------------------------------------------------


def page(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    t = _translator(request)
    html = render(
        template,
        t=t,
        lang=t.language,
        lang_links=language_links(request),
        # Made on first use: only pages with a form give the visitor a session cookie.
        csrf_token=lambda: csrf_token(request),
        **context,
    )
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    remember_language(request, response)
    return response


def remember_language(request: Request, response: Response) -> None:
    if getattr(request.state, "language_chosen", False):
        response.set_cookie(
            LANG_COOKIE,
            _translator(request).language,
            max_age=LANG_COOKIE_MAX_AGE,
            httponly=True,
            samesite="lax",
            secure=https_only(settings_of(request)),
        )


def redirect(url: str) -> RedirectResponse:
    """See Other: after a POST the browser GETs the next page (POST-redirect-GET)."""
    return RedirectResponse(url, status_code=303)


def error_page(
    request: Request, status_code: int, kind: str, message: str | None = None
) -> HTMLResponse:
    t = _translator(request)
    staff = request.url.path.startswith("/staff")
    title_key, text_key = ERROR[kind]
    return page(
        request,
        "error.html",
        status_code=status_code,
        title=t(title_key),
        message=message or (t(text_key) if text_key else None),
        area="staff" if staff else "public",
        back_href="/staff" if staff else "/",
        back_label=t("overview.title") if staff else t("error.home"),
        headers={"Retry-After": "5"} if status_code == 503 else None,
    )


class PageRoute(APIRoute):
    """A route whose failures are friendly HTML pages instead of the API's JSON."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def page_handler(request: Request) -> Response:
            try:
                response = await handler(request)
            except CsrfError:
                response = error_page(request, 403, "csrf")
            except LoginRequired:
                # Back to the page after signing in; a form post cannot be replayed.
                target = request.url.path if request.method == "GET" else ""
                response = redirect("/staff?" + urlencode({"next": target}) if target else "/staff")
            except NotFoundError:
                response = error_page(request, 404, "not_found")
            except PermissionDeniedError:
                response = error_page(request, 403, "forbidden")
            except (InvalidInputError, RequestValidationError):
                response = error_page(request, 400, "invalid")
            except ConflictError as error:
                response = error_page(request, 409, "conflict", error.message)
            except IntegrityError:
                response = error_page(request, 409, "conflict")
            except (UnavailableError, DBAPIError, PoolTimeoutError, OSError) as error:
                logger.error("page %s failed: %s", request.url.path, error)
                response = error_page(request, 503, "unavailable")
            for name, value in SECURITY_HEADERS.items():
                response.headers.setdefault(name, value)
            return response

        return page_handler
