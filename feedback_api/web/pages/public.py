"""Public pages: the running experiments, the feedback form, its confirmation, QR codes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from feedback_api.domain.enums import Channel, ExperimentStatus
from feedback_api.domain.errors import (
    ConflictError,
    NotFoundError,
    RateLimitedError,
    TextTooLongError,
)
from feedback_api.services import experiments as experiments_service
from feedback_api.services.submission import Submission
from feedback_api.web.deps import ReadSessionDep
from feedback_api.web.i18n import Translator
from feedback_api.web.pages.auth import MaybeStaff
from feedback_api.web.pages.common import (
    CsrfForm,
    PageRoute,
    PageSession,
    Tr,
    page,
    redirect,
    settings_of,
)
from feedback_api.web.pages.forms import (
    ANCHORS,
    ROLES,
    FeedbackForm,
    blank_values,
    new_submission,
    read_feedback_form,
)
from feedback_api.web.pages.qr import bot_link, form_url, qr_png, qr_svg
from feedback_api.web.vocabulary import SERVICE_AREA

if TYPE_CHECKING:
    from feedback_api.db.models import Experiment  # what the services hand out


router = APIRouter(route_class=PageRoute, include_in_schema=False)

# Proposals never ran: the public does not see them (as in the API).
NOT_PUBLIC = frozenset({ExperimentStatus.PROPOSED.value, ExperimentStatus.DECLINED.value})
THANKS_KEY = "thanks"
NO_STORE = {"Cache-Control": "no-store"}


def _card(experiment: Experiment, t: Translator) -> dict[str, Any]:
    area = experiment.service_area
    return {
        "id": experiment.id,
        "slug": experiment.slug,
        "status": experiment.status,
        "title": experiment.localized_title(t.language),
        "description": experiment.localized_description(t.language),
        "service_area": t(SERVICE_AREA[area]) if area in SERVICE_AREA else area,
        "end_date": t.date(experiment.end_date) if experiment.end_date else None,
    }


async def _public_experiment(session: PageSession, ref: str) -> Experiment:
    experiment = await experiments_service.get_experiment(session, ref, anyone=True)
    if experiment.status in NOT_PUBLIC:
        raise NotFoundError(f"experiment {ref} not found")
    return experiment


async def _running(session: PageSession, t: Translator) -> list[dict[str, Any]]:
    rows, _total = await experiments_service.list_experiments(
        session, principal=None, status=ExperimentStatus.RUNNING, limit=500
    )
    return [_card(row, t) for row in rows]


@router.get("/")
async def index(request: Request, session: PageSession, t: Tr) -> HTMLResponse:
    return page(request, "public/index.html", experiments=await _running(session, t))


def _form_page(
    request: Request,
    experiment: Experiment,
    t: Translator,
    form: FeedbackForm,
    status_code: int = 200,
) -> HTMLResponse:
    settings = settings_of(request)
    return page(
        request,
        "public/form.html",
        status_code=status_code,
        headers=NO_STORE,
        experiment=_card(experiment, t),
        values=form.values,
        errors=form.errors,
        anchors=ANCHORS,
        roles=ROLES,
        max_length=settings.max_text_length,
        form_url=form_url(settings, experiment.slug),
        bot_link=bot_link(settings, experiment.slug),
    )


async def _closed_page(
    request: Request, session: PageSession, experiment: Experiment, t: Translator, status: int
) -> HTMLResponse:
    return page(
        request,
        "public/closed.html",
        status_code=status,
        experiment=_card(experiment, t),
        others=await _running(session, t),
    )


@router.get("/e/{slug}")
async def feedback_form(request: Request, slug: str, session: PageSession, t: Tr) -> HTMLResponse:
    experiment = await _public_experiment(session, slug)
    if experiment.status != ExperimentStatus.RUNNING.value:
        return await _closed_page(request, session, experiment, t, 200)
    return _form_page(request, experiment, t, FeedbackForm(values=blank_values()))


@router.post("/e/{slug}")
async def send_feedback(
    request: Request, slug: str, session: ReadSessionDep, t: Tr, posted: CsrfForm
) -> Response:
    """The submission use case every channel shares, through the process's intake (so the
    page reads with a session of its own that takes no write lock)."""
    experiment = await _public_experiment(session, slug)
    if experiment.status != ExperimentStatus.RUNNING.value:
        return await _closed_page(request, session, experiment, t, 409)
    form = read_feedback_form(posted, t)
    if form.data is None:
        return _form_page(request, experiment, t, form, status_code=422)
    try:
        stored = await request.app.state.intake.submit(
            Submission(
                experiment=experiment.id,
                data=form.data,
                channel=Channel.WEB,
                idempotency_key=form.idempotency_key,
                client=request.client.host if request.client else None,
            )
        )
    except TextTooLongError as error:
        form.errors["text"] = t(
            "form.error.too_long", length=t.number(error.length), max=t.number(error.limit)
        )
        return _form_page(request, experiment, t, form, status_code=422)
    except RateLimitedError as error:
        form.errors["form"] = t("form.error.rate_limited", seconds=t.number(error.retry_after))
        response = _form_page(request, experiment, t, form, status_code=429)
        response.headers["Retry-After"] = str(error.retry_after)
        return response
    except ConflictError:
        # The same form view sent again with other answers (e.g. after going back), or the
        # experiment closed a moment ago.
        form.values["submission"] = new_submission()
        form.errors["form"] = t("form.error.resubmitted")
        return _form_page(request, experiment, t, form, status_code=409)
    request.session[THANKS_KEY] = {
        "slug": experiment.slug,
        "redactions": stored.feedback.redactions,
    }
    return redirect(f"/e/{experiment.slug}/thanks")


@router.get("/e/{slug}/thanks")
async def thanks(request: Request, slug: str, session: PageSession, t: Tr) -> HTMLResponse:
    experiment = await _public_experiment(session, slug)
    flash = request.session.pop(THANKS_KEY, None)
    redactions = 0
    if isinstance(flash, dict) and flash.get("slug") == experiment.slug:
        redactions = int(flash.get("redactions") or 0)
    return page(
        request,
        "public/thanks.html",
        headers=NO_STORE,
        experiment=_card(experiment, t),
        redactions=redactions,
        bot_link=bot_link(settings_of(request), experiment.slug),
    )


# --- QR codes -----------------------------------------------------------------------------


async def _poster_experiment(session: PageSession, slug: str, principal: MaybeStaff) -> Experiment:
    """Anyone for public experiments; staff also before an experiment starts (to print)."""
    experiment = await experiments_service.get_experiment(session, slug, anyone=True)
    if experiment.status in NOT_PUBLIC and not (
        principal is not None and principal.can_read(experiment.id)
    ):
        raise NotFoundError(f"experiment {slug} not found")
    return experiment


def _image(body: bytes, media_type: str, filename: str) -> Response:
    return Response(
        body,
        media_type=media_type,
        headers={
            "Cache-Control": "private, max-age=3600",
            "Content-Disposition": f'inline; filename="{filename}"',
        },
    )


@router.get("/e/{slug}/qr.svg")
async def form_qr_svg(
    request: Request, slug: str, session: PageSession, principal: MaybeStaff
) -> Response:
    experiment = await _poster_experiment(session, slug, principal)
    url = form_url(settings_of(request), experiment.slug)
    return _image(qr_svg(url), "image/svg+xml", f"{experiment.slug}-form.svg")


@router.get("/e/{slug}/qr.png")
async def form_qr_png(
    request: Request, slug: str, session: PageSession, principal: MaybeStaff
) -> Response:
    experiment = await _poster_experiment(session, slug, principal)
    url = form_url(settings_of(request), experiment.slug)
    return _image(qr_png(url), "image/png", f"{experiment.slug}-form.png")


async def _bot_link(
    request: Request, session: PageSession, slug: str, principal: MaybeStaff
) -> tuple[Experiment, str]:
    experiment = await _poster_experiment(session, slug, principal)
    link = bot_link(settings_of(request), experiment.slug)
    if link is None:
        raise NotFoundError("no Telegram bot username is configured")
    return experiment, link


@router.get("/e/{slug}/bot-qr.svg")
async def bot_qr_svg(
    request: Request, slug: str, session: PageSession, principal: MaybeStaff
) -> Response:
    experiment, link = await _bot_link(request, session, slug, principal)
    return _image(qr_svg(link), "image/svg+xml", f"{experiment.slug}-telegram.svg")


@router.get("/e/{slug}/bot-qr.png")
async def bot_qr_png(
    request: Request, slug: str, session: PageSession, principal: MaybeStaff
) -> Response:
    experiment, link = await _bot_link(request, session, slug, principal)
    return _image(qr_png(link), "image/png", f"{experiment.slug}-telegram.png")
