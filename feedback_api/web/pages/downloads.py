"""Downloads of an experiment's report: CSV (the feedback), XLSX, one-file HTML, JSON."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

from feedback_api.domain.errors import NotFoundError
from feedback_api.services import experiments as experiments_service
from feedback_api.web import exports
from feedback_api.web.pages.auth import SignedIn
from feedback_api.web.pages.common import PageRoute, PageSession, Tr

router = APIRouter(prefix="/staff", route_class=PageRoute, include_in_schema=False)

MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Excel reads a CSV as UTF-8 (ä, ö, å) only when it starts with a byte order mark.
UTF8_BOM = "\ufeff"


@router.get("/experiments/{experiment}/export.{fmt}")
async def export(
    request: Request, experiment: str, fmt: str, session: PageSession, t: Tr, principal: SignedIn
) -> Response:
    if fmt not in MEDIA_TYPES:
        raise NotFoundError(f"no export format {fmt!r}")
    row = await experiments_service.get_readable_experiment(session, experiment, principal)
    body: str | bytes
    if fmt == "csv":
        body = UTF8_BOM + await exports.feedback_csv(session=session, experiment=row)
    elif fmt == "json":
        body = await exports.report_json(session=session, experiment=row, language=t.language)
    elif fmt == "html":
        body = await exports.report_html(session=session, experiment=row, language=t.language)
    else:
        body = await exports.report_xlsx(session=session, experiment=row, language=t.language)
    filename = exports.report_filename(row, fmt)
    return Response(
        body,
        media_type=MEDIA_TYPES[fmt],
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
