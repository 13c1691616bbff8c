"""Experiments over HTTP: visibility per caller, admin changes, status transitions."""

from __future__ import annotations

import pytest

from feedback_api.domain.enums import ExperimentStatus, TokenRole


async def test_experiments_anonymous_sees_running_only(client, make) -> None:
    await make.experiment("Kirjastorobotti", ExperimentStatus.RUNNING)
    await make.experiment("Old pilot", ExperimentStatus.ENDED)
    response = await client.get("/api/v1/experiments")
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    assert [e["slug"] for e in body["items"]] == ["kirjastorobotti"]


async def test_experiments_staff_sees_all_owner_sees_own_and_running(client, make, auth) -> None:
    running = await make.experiment("Running one")
    ended = await make.experiment("Ended one", ExperimentStatus.ENDED)
    other = await make.experiment("Other ended", ExperimentStatus.ENDED)
    staff = await make.token(TokenRole.STAFF)
    owner = await make.token(TokenRole.OWNER, (ended,))
    staff_ids = {
        e["id"]
        for e in (await client.get("/api/v1/experiments", headers=auth.bearer(staff))).json()[
            "items"
        ]
    }
    owner_ids = {
        e["id"]
        for e in (await client.get("/api/v1/experiments", headers=auth.bearer(owner))).json()[
            "items"
        ]
    }
    assert staff_ids == {running, ended, other}
    assert owner_ids == {running, ended}
    assert (
        await client.get(f"/api/v1/experiments/{other}", headers=auth.bearer(owner))
    ).status_code == 404


async def test_create_experiment_generates_transliterated_unique_slug(client, make, auth) -> None:
    admin = await make.token(TokenRole.ADMIN)
    first = await client.post(
        "/api/v1/experiments", json={"title": "Äänikirjat kotiin"}, headers=auth.bearer(admin)
    )
    second = await client.post(
        "/api/v1/experiments", json={"title": "Äänikirjat kotiin"}, headers=auth.bearer(admin)
    )
    assert first.status_code == 201, first.text
    assert first.json()["slug"] == "aanikirjat-kotiin"
    assert first.json()["status"] == "proposed"
    assert second.json()["slug"] == "aanikirjat-kotiin-2"


async def test_create_experiment_with_translations_and_lookup_by_slug(client, make, auth) -> None:
    admin = await make.token(TokenRole.ADMIN)
    body = {
        "title": "Library robot",
        "slug": "library-robot",
        "status": "running",
        "title_fi": "Kirjastorobotti",
        "title_sv": "Biblioteksrobot",
        "partners": ["Robotiikka Oy"],
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
    }
    created = await client.post("/api/v1/experiments", json=body, headers=auth.bearer(admin))
    assert created.status_code == 201
    by_slug = await client.get("/api/v1/experiments/library-robot")
    by_id = await client.get(f"/api/v1/experiments/{created.json()['id']}")
    assert by_slug.json() == by_id.json()
    assert by_slug.json()["title_sv"] == "Biblioteksrobot"
    assert by_slug.json()["partners"] == ["Robotiikka Oy"]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"title": ""},
        {"title": "x" * 201},
        {"title": "Ok", "slug": "UPPER"},
        {"title": "Ok", "slug": "ab"},
        {"title": "Ok", "slug": "12345"},
        {"title": "Ok", "slug": "a" * 61},
        {"title": "Ok", "slug": "spaces here"},
        {"title": "Ok", "status": "paused"},
        {"title": "Ok", "start_date": "2026-05-01", "end_date": "2026-04-01"},
        {"title": "Ok", "unknown_field": 1},
        {"title": ["not", "a", "string"]},
    ],
)
async def test_create_experiment_rejects_invalid_input(client, make, auth, body) -> None:
    admin = await make.token(TokenRole.ADMIN)
    response = await client.post("/api/v1/experiments", json=body, headers=auth.bearer(admin))
    assert response.status_code == 422, response.text
    assert "detail" in response.json()


async def test_create_experiment_duplicate_slug_conflicts(client, make, auth) -> None:
    admin = await make.token(TokenRole.ADMIN)
    await make.experiment("Taken", slug="taken-slug")
    response = await client.post(
        "/api/v1/experiments", json={"title": "X", "slug": "taken-slug"}, headers=auth.bearer(admin)
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("start", "steps"),
    [
        ("proposed", [("running", 200), ("ended", 200), ("adopted", 200)]),
        ("proposed", [("declined", 200), ("running", 409)]),
        ("running", [("discontinued", 200), ("running", 409)]),
        ("running", [("proposed", 409), ("adopted", 409), ("ended", 200), ("discontinued", 200)]),
        ("ended", [("running", 409), ("adopted", 200), ("discontinued", 409)]),
        ("declined", [("proposed", 409)]),
        ("adopted", [("ended", 409)]),
    ],
)
async def test_status_transitions(client, make, auth, start, steps) -> None:
    admin = await make.token(TokenRole.ADMIN)
    exp = await make.experiment("Transitions", ExperimentStatus(start))
    current = start
    for target, expected in steps:
        response = await client.patch(
            f"/api/v1/experiments/{exp}", json={"status": target}, headers=auth.bearer(admin)
        )
        assert response.status_code == expected, (current, target, response.text)
        if expected == 200:
            current = target
        got = await client.get(f"/api/v1/experiments/{exp}", headers=auth.bearer(admin))
        assert got.json()["status"] == current


async def test_patch_changes_fields(client, make, auth) -> None:
    admin = await make.token(TokenRole.ADMIN)
    exp = await make.experiment("Before")
    response = await client.patch(
        f"/api/v1/experiments/{exp}",
        json={"title_en": "After", "partners": ["A Oy", "B Ab"]},
        headers=auth.bearer(admin),
    )
    assert response.status_code == 200
    assert response.json()["title_en"] == "After"
    assert response.json()["partners"] == ["A Oy", "B Ab"]


UNKNOWN_REFS = ["999999", "no-such-slug", "99999999999999999999999", "%00", "²", "١٢", "4²"]


@pytest.mark.parametrize("ref", UNKNOWN_REFS)
async def test_unknown_experiment_is_404(client, ref) -> None:
    response = await client.get(f"/api/v1/experiments/{ref}")
    assert response.status_code == 404


@pytest.mark.parametrize("ref", UNKNOWN_REFS)
async def test_unknown_experiment_is_404_on_every_route(client, make, auth, ref) -> None:
    """Unicode digits ("²", Arabic-Indic) count as digits but are no id: 404, never 500."""
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    for method, path, body in [
        ("GET", f"/api/v1/experiments/{ref}/feedback", None),
        ("GET", f"/api/v1/experiments/{ref}/report", None),
        ("POST", f"/api/v1/experiments/{ref}/feedback", {"rating": 4}),
    ]:
        response = await client.request(method, path, json=body, headers=staff)
        assert response.status_code == 404, (method, path, response.text)


@pytest.mark.parametrize("field", ["title", "owner_name", "description"])
async def test_create_experiment_rejects_control_characters(client, make, auth, field) -> None:
    admin = await make.token(TokenRole.ADMIN)
    body = {"title": "Fine", field: "bad\x00value"}
    response = await client.post("/api/v1/experiments", json=body, headers=auth.bearer(admin))
    assert response.status_code == 422
