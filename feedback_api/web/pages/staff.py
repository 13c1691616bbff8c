"""Staff pages: sign-in, the programme overview, an experiment's report, theme corrections."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse

from feedback_api.domain.errors import (
    AuthenticationError,
    InvalidInputError,
    PermissionDeniedError,
)
from feedback_api.domain.principal import Principal
from feedback_api.services import discovery
from feedback_api.services import experiments as experiments_service
from feedback_api.services import feedback as feedback_service
from feedback_api.services import reports as reports_service
from feedback_api.services.themes import list_themes, theme_names
from feedback_api.web.i18n import Translator
from feedback_api.web.pages.auth import MaybeStaff, SignedIn, sign_in, sign_out
from feedback_api.web.pages.common import CsrfForm, PageRoute, PageSession, Tr, page, redirect
from feedback_api.web.pages.qr import bot_link, form_url
from feedback_api.web.render import feedback_items, overview_charts, report_view

CANDIDATE_FIELDS = ("key", "name_fi", "name_sv", "name_en")
router = APIRouter(prefix="/staff", route_class=PageRoute, include_in_schema=False)

PAGE_SIZE = 20
FLASH_KEY = "flash"
MAX_ID = 2**31 - 1
# Where a form may send the browser back to: a staff page on this site, nothing else.
_LOCAL_STAFF_PATH = re.compile(r"^/staff(/[A-Za-z0-9_\-./]*)?(\?[A-Za-z0-9_\-.=&%+]*)?$")
_THEME_KEY = re.compile(r"^[a-z][a-z0-9_]{1,59}$")
SENTIMENTS = ("positive", "neutral", "negative")
ROLES = ("resident", "customer", "employee", "partner")
LANGUAGES = ("fi", "sv", "en", "other")
FILTER_NAMES = ("theme", "sentiment", "role", "language", "since", "until")


def safe_next(value: object) -> str:
    if not isinstance(value, str) or "//" in value or not _LOCAL_STAFF_PATH.match(value):
        return ""
    return value


def _login(
    request: Request,
    t: Translator,
    next_url: str,
    error: str | None = None,
    status: int = 200,
    token: str = "",
) -> HTMLResponse:
    return page(
        request,
        "staff/login.html",
        status_code=status,
        headers={"Cache-Control": "no-store"},
        principal=None,
        error=error,
        next=next_url,
        token=token,
        nav="login",
    )


@router.get("")
async def home(
    request: Request,
    session: PageSession,
    t: Tr,
    principal: MaybeStaff,
    next: str = "",
    token: str = "",
) -> HTMLResponse:
    if principal is None:
        # `kokeilu demo` prints /staff?token=…: the form comes filled in, one click signs in
        # (signing in stays a POST with its CSRF token).
        return _login(request, t, safe_next(next), token=token[:200])
    overview = await reports_service.programme_overview(
        session=session, principal=principal, language=t.language
    )
    names = await theme_names(session=session, language=t.language)
    charts = await run_in_threadpool(overview_charts, overview, t)
    return page(
        request,
        "staff/overview.html",
        principal=principal,
        overview=overview,
        charts=charts,
        theme_names=names,
        nav="overview",
    )


@router.post("/login")
async def login(request: Request, session: PageSession, t: Tr, form: CsrfForm) -> Response:
    token = form.get("token")
    next_url = safe_next(form.get("next"))
    try:
        await sign_in(request, session, token if isinstance(token, str) else "")
    except AuthenticationError:
        return _login(request, t, next_url, t("staff.login.invalid"), status=401)
    return redirect(next_url or "/staff")


@router.post("/logout")
async def logout(request: Request, form: CsrfForm) -> Response:
    sign_out(request)
    return redirect("/staff")


# --- the report ---------------------------------------------------------------------------


def _choice(value: str, allowed: tuple[str, ...]) -> str | None:
    return value if value in allowed else None


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(
    theme: str, sentiment: str, role: str, language: str, since: str, until: str
) -> feedback_service.FeedbackFilter:
    return feedback_service.FeedbackFilter(
        theme=theme if _THEME_KEY.match(theme) else None,
        sentiment=_choice(sentiment, SENTIMENTS),
        role=_choice(role, ROLES),
        language=_choice(language, LANGUAGES),
        since=_day(since),
        until=_day(until),
    )


def _filter_params(filters: feedback_service.FeedbackFilter) -> dict[str, str]:
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in vars(filters).items()
        if value
    }


def _pages(base: str, params: dict[str, str], number: int, total: int) -> dict[str, Any]:
    count = max(1, -(-total // PAGE_SIZE))

    def url(n: int) -> str:
        query = urlencode({**params, **({"page": str(n)} if n > 1 else {})})
        return f"{base}?{query}#feedback" if query else f"{base}#feedback"

    return {
        "number": number,
        "count": count,
        "previous": url(number - 1) if number > 1 else None,
        "next": url(number + 1) if number < count else None,
    }


def _flash(request: Request, t: Translator) -> str | None:
    flash = request.session.pop(FLASH_KEY, None)
    if isinstance(flash, dict) and flash.get("key") == "feedback.saved":
        return t("feedback.saved", id=int(flash.get("id") or 0))
    return None


@router.get("/experiments/{experiment}")
async def report(
    request: Request,
    experiment: str,
    session: PageSession,
    t: Tr,
    principal: SignedIn,
    theme: str = "",
    sentiment: str = "",
    role: str = "",
    language: str = "",
    since: str = "",
    until: str = "",
) -> HTMLResponse:
    row = await experiments_service.get_readable_experiment(session, experiment, principal)
    data = await reports_service.experiment_report(
        session=session, experiment=row, language=t.language
    )
    filters = _filters(theme, sentiment, role, language, since, until)
    params = _filter_params(filters)
    raw_page = request.query_params.get("page", "1")
    number = (
        min(int(raw_page), 100_000)
        if raw_page.isascii() and raw_page.isdigit() and int(raw_page) > 0
        else 1
    )
    rows, total = await feedback_service.list_feedback(
        session=session,
        experiment=row,
        filters=filters,
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    themes = await list_themes(session=session)
    candidates = {
        "unclear": data.totals.unclear,
        "candidates": [
            {
                "id": c.id,
                "key": c.key_suggestion,
                "terms": c.top_terms,
                "size": c.size,
                "examples": [
                    {"feedback_id": fid, "text": text}
                    for fid, text in await discovery.example_texts(session=session, candidate=c)
                ],
            }
            for c in await discovery.list_candidates(session=session, experiment=row)
        ],
    }
    base = f"/staff/experiments/{row.id}"
    view = await run_in_threadpool(report_view, data, t)

    def filter_url(**wanted: str) -> str:
        return f"{base}?{urlencode(wanted)}#feedback"

    settings = request.app.state.settings
    return page(
        request,
        "staff/report.html",
        principal=principal,
        nav="report",
        view=view,
        interactive=True,
        filter_url=filter_url,
        filters={**dict.fromkeys(FILTER_NAMES, ""), **params, "active": bool(params)},
        feedback=feedback_items(
            [feedback_service.to_staff_public(r) for r in rows],
            t,
            await theme_names(session=session, language=t.language),
        ),
        total=total,
        pages=_pages(base, params, number, total),
        all_themes=[{"key": th.key, "name": th.localized_name(t.language)} for th in themes],
        can_correct=principal.is_staff,
        candidates=candidates,
        current_url=f"{base}?{urlencode(params)}" if params else base,
        flash=_flash(request, t),
        form_url=form_url(settings, row.slug),
        bot_link=bot_link(settings, row.slug),
    )


def _require_staff(principal: Principal) -> None:
    if not principal.is_staff:
        raise PermissionDeniedError("correcting themes is for programme staff")


@router.post("/feedback/{feedback_id}/themes")
async def correct_themes(
    request: Request,
    feedback_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    session: PageSession,
    principal: SignedIn,
    form: CsrfForm,
) -> Response:
    _require_staff(principal)
    feedback = await feedback_service.get_feedback(session=session, feedback_id=feedback_id)
    keys = [key for key in form.getlist("themes") if isinstance(key, str)]
    if len(keys) > 20 or not all(_THEME_KEY.match(key) for key in keys):
        raise InvalidInputError("not a list of theme keys")
    await feedback_service.correct_themes(session=session, feedback=feedback, keys=keys)
    request.session[FLASH_KEY] = {"key": "feedback.saved", "id": feedback_id}
    back = safe_next(form.get("next")) or f"/staff/experiments/{feedback.experiment_id}"
    return redirect(f"{back}#feedback-{feedback_id}")


@router.post("/experiments/{experiment}/candidates")
async def discover_candidates(
    experiment: str, session: PageSession, principal: SignedIn, _form: CsrfForm
) -> Response:
    """Run theme discovery on this experiment's poorly fitting comments."""
    _require_staff(principal)
    row = await experiments_service.get_readable_experiment(session, experiment, principal)
    await discovery.discover_candidates(session=session, experiment=row)
    return redirect(f"/staff/experiments/{row.id}#candidates")


@router.post("/candidates/{candidate_id}/accept")
async def accept_candidate(
    candidate_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    session: PageSession,
    principal: SignedIn,
    form: CsrfForm,
) -> Response:
    _require_staff(principal)
    fields = {name: str(form.get(name) or "").strip() for name in CANDIDATE_FIELDS}
    if fields["key"] and not _THEME_KEY.match(fields["key"]):
        raise InvalidInputError("a theme key is lowercase letters, digits and underscores")
    if any(len(value) > 200 for value in fields.values()):
        raise InvalidInputError("names are at most 200 characters")
    theme = await discovery.accept_candidate(
        session=session,
        candidate_id=candidate_id,
        **{name: value or None for name, value in fields.items()},
    )
    back = safe_next(form.get("next")) or "/staff"
    return redirect(f"{back}#candidates" if theme else back)


@router.post("/candidates/{candidate_id}/dismiss")
async def dismiss_candidate(
    candidate_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    session: PageSession,
    principal: SignedIn,
    form: CsrfForm,
) -> Response:
    _require_staff(principal)
    await discovery.dismiss_candidate(session=session, candidate_id=candidate_id)
    back = safe_next(form.get("next")) or "/staff"
    return redirect(f"{back}#candidates")
