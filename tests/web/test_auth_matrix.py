"""Every route × every kind of caller: the status each must get."""

from __future__ import annotations

import pytest

from feedback_api.domain.enums import ExperimentStatus, TokenRole
from feedback_api.services import tokens

CALLERS = ("anonymous", "admin", "staff", "owner_this", "owner_other", "revoked")

# route name -> expected status per caller, in CALLERS order
MATRIX: dict[str, tuple[int, ...]] = {
    "list_experiments": (200, 200, 200, 200, 200, 401),
    "get_experiment": (404, 200, 200, 200, 404, 401),
    "create_experiment": (401, 201, 403, 403, 403, 401),
    "patch_experiment": (401, 200, 403, 403, 403, 401),
    "submit_feedback": (201, 201, 201, 201, 201, 201),
    "list_feedback": (401, 200, 200, 200, 404, 401),
    "report": (401, 200, 200, 200, 404, 401),
    "overview": (401, 200, 200, 200, 200, 401),
    "themes": (401, 200, 200, 403, 403, 401),
    "correct_themes": (401, 200, 200, 403, 403, 401),
    "erase_respondent": (401, 404, 403, 403, 403, 401),
}


@pytest.fixture
async def world(client, make, session):  # type: ignore[no-untyped-def]
    ended = await make.experiment("Owned ended", ExperimentStatus.ENDED, slug="owned-ended")
    running = await make.experiment("Open running", slug="open-running")
    other = await make.experiment("Someone else's", ExperimentStatus.ENDED)
    feedback = await client.post(f"/api/v1/experiments/{running}/feedback", json={"rating": 4})
    revoked_row, revoked = await tokens.create_token(
        session=session, role=TokenRole.ADMIN, name="to-revoke"
    )
    await tokens.revoke_token(session=session, name=revoked_row.name)
    await session.commit()
    return {
        "ended": ended,
        "running": running,
        "feedback": feedback.json()["id"],
        "tokens": {
            "anonymous": None,
            "admin": await make.token(TokenRole.ADMIN),
            "staff": await make.token(TokenRole.STAFF),
            "owner_this": await make.token(TokenRole.OWNER, (ended,)),
            "owner_other": await make.token(TokenRole.OWNER, (other,)),
            "revoked": revoked,
        },
    }


def _request(route: str, world: dict) -> tuple[str, str, dict | None]:
    ended, running, fid = world["ended"], world["running"], world["feedback"]
    return {
        "list_experiments": ("GET", "/api/v1/experiments", None),
        "get_experiment": ("GET", f"/api/v1/experiments/{ended}", None),
        "create_experiment": ("POST", "/api/v1/experiments", {"title": "New one"}),
        "patch_experiment": ("PATCH", f"/api/v1/experiments/{ended}", {"owner_name": "Unit"}),
        "submit_feedback": ("POST", f"/api/v1/experiments/{running}/feedback", {"rating": 5}),
        "list_feedback": ("GET", f"/api/v1/experiments/{ended}/feedback", None),
        "report": ("GET", f"/api/v1/experiments/{ended}/report", None),
        "overview": ("GET", "/api/v1/reports/overview", None),
        "themes": ("GET", "/api/v1/themes", None),
        "correct_themes": ("PUT", f"/api/v1/feedback/{fid}/themes", {"themes": ["cost"]}),
        "erase_respondent": ("DELETE", f"/api/v1/respondents/{'ab' * 32}", None),
    }[route]


@pytest.mark.parametrize("route", sorted(MATRIX))
async def test_auth_matrix(client, world, route) -> None:
    method, url, body = _request(route, world)
    got = {}
    for caller in CALLERS:
        token = world["tokens"][caller]
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await client.request(method, url, json=body, headers=headers)
        got[caller] = response.status_code
        if response.status_code == 401:
            assert response.headers.get("www-authenticate") == "Bearer"
    assert got == dict(zip(CALLERS, MATRIX[route], strict=True))


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "Bearer " + "x" * 5000,
        "Token abc",
        "Bearer \u00e4",
    ],
)
async def test_malformed_authorization_is_401_or_public(client, header) -> None:
    response = await client.get(
        "/api/v1/reports/overview",
        headers={"Authorization": header.encode("utf-8")},  # type: ignore[dict-item]
    )
    assert response.status_code == 401
