"""Taxonomy and erasure."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from feedback_api.domain.schemas import ThemePublic, ThemesPublic
from feedback_api.services import privacy, themes
from feedback_api.web.deps import AdminPrincipal, SessionDep, StaffPrincipal

router = APIRouter(prefix="/api/v1", tags=["admin"])


@router.get("/themes", summary="The theme taxonomy (staff)")
async def list_themes(session: SessionDep, _staff: StaffPrincipal) -> ThemesPublic:
    rows = await themes.list_themes(session=session)
    return ThemesPublic(items=[ThemePublic.model_validate(r) for r in rows], total=len(rows))


@router.delete(
    "/respondents/{key}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Erase a respondent and all their feedback (admin)",
)
async def erase_respondent(
    key: Annotated[str, Path(pattern="^[0-9a-f]{64}$", description="the pseudonymous key")],
    session: SessionDep,
    _admin: AdminPrincipal,
) -> Response:
    await privacy.erase_respondent(session=session, key=key)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
