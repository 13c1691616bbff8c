"""The staff page of the analysis models: the versions in use, retraining, its progress."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse

from feedback_api.domain.errors import PermissionDeniedError
from feedback_api.domain.time import HELSINKI
from feedback_api.services import training
from feedback_api.web.pages.auth import SignedIn
from feedback_api.web.pages.common import CsrfForm, PageRoute, PageSession, Tr, page, redirect
from feedback_api.web.vocabulary import MODEL_KIND

router = APIRouter(prefix="/staff", route_class=PageRoute, include_in_schema=False)
FLASH_KEY = "models_flash"


@router.get("/models")
async def models_page(
    request: Request, session: PageSession, t: Tr, principal: SignedIn
) -> HTMLResponse:
    if not principal.is_staff:
        raise PermissionDeniedError("the models are for programme staff")
    analyzer = request.app.state.models.analyzer
    current = (
        {"themes": analyzer.theme_version, "sentiment": analyzer.sentiment_version}
        if analyzer is not None
        else {}
    )
    jobs = [
        {
            "created": t.date(job.created_at.astimezone(HELSINKI).date())
            + job.created_at.astimezone(HELSINKI).strftime(" %H:%M"),
            "model_kind": job.kind.removeprefix("train_"),
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "version": job.result.get("version"),
            "error": job.error,
        }
        for job in await training.training_jobs(session=session)
    ]
    versions = [
        {
            "version": row.version,
            "kind": row.kind,
            "macro_f1": (row.metrics or {}).get("macro_f1"),
            "n_test": (row.metrics or {}).get("n_test"),
        }
        for row in await training.model_versions(session=session)
    ]
    flash = request.session.pop(FLASH_KEY, None)
    return page(
        request,
        "staff/models.html",
        principal=principal,
        nav="models",
        current=current,
        jobs=jobs,
        versions=versions,
        can_train=principal.is_admin,
        flash=t("models.queued", kind=t(MODEL_KIND[flash])) if flash in MODEL_KIND else None,
    )


@router.post("/models/{kind}/train")
async def train(
    request: Request,
    kind: Literal["themes", "sentiment"],
    session: PageSession,
    principal: SignedIn,
    _form: CsrfForm,
) -> Response:
    if not principal.is_admin:
        raise PermissionDeniedError("retraining is for admins")
    await request.app.state.jobs.train(session, kind)
    request.session[FLASH_KEY] = kind
    return redirect("/staff/models")
