"""Feedback intake and reading over HTTP: validation, redaction, idempotency, filters."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from feedback_api.domain.enums import ExperimentStatus, TokenRole
from feedback_api.web.app import create_app


async def test_submit_feedback_stores_redacted_text_and_detects_language(
    client, make, auth
) -> None:
    exp = await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    response = await client.post(
        "/api/v1/experiments/kirjastorobotti/feedback",
        json={
            "text": "Robotti löysi kirjan nopeasti, soittakaa 040 123 4567 tai maija@example.fi",
            "rating": 5,
            "role": "resident",
            "would_use": "yes",
        },
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["experiment_id"] == exp
    assert "040" not in body["text"] and "maija@" not in body["text"]
    assert "[phone]" in body["text"] and "[email]" in body["text"]
    assert body["redactions"] == 2
    assert body["language"] == "fi"
    assert body["rating"] == 5
    assert body["channel"] == "api"
    staff = await make.token(TokenRole.STAFF)
    listed = await client.get(f"/api/v1/experiments/{exp}/feedback", headers=auth.bearer(staff))
    assert listed.json()["total"] == 1
    assert listed.json()["items"][0]["text"] == body["text"]
    assert listed.json()["items"][0]["respondent"] is None


async def test_submit_feedback_language_falls_back_to_request(client, make) -> None:
    await make.experiment("Pilot", slug="pilot-one")
    response = await client.post(
        "/api/v1/experiments/pilot-one/feedback", json={"rating": 4, "language": "sv"}
    )
    assert response.status_code == 201
    assert response.json()["language"] == "sv"
    assert response.json()["text"] is None


@pytest.mark.parametrize("status", ["proposed", "declined", "ended", "adopted", "discontinued"])
async def test_submit_feedback_to_non_running_experiment_conflicts(client, make, status) -> None:
    exp = await make.experiment("Not running", ExperimentStatus(status))
    response = await client.post(f"/api/v1/experiments/{exp}/feedback", json={"rating": 3})
    assert response.status_code == 409
    assert "running" in response.json()["detail"]


async def test_submit_feedback_unknown_experiment_is_404(client) -> None:
    response = await client.post("/api/v1/experiments/nope-nope/feedback", json={"rating": 3})
    assert response.status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"role": "resident"},
        {"text": "   "},
        {"rating": 0},
        {"rating": 6},
        {"rating": "five"},
        {"rating": 2.5},
        {"text": "x" * 5001},
        {"text": 12345},
        {"rating": 3, "role": "mayor"},
        {"rating": 3, "language": "de"},
        {"rating": 3, "would_use": "perhaps"},
        {"rating": 3, "role": "resident", "fits_work": "yes"},
        {"rating": 3, "role": "employee", "would_use": "yes"},
        {"rating": 3, "extra": "field"},
        [1, 2, 3],
        "just a string",
        None,
    ],
)
async def test_submit_feedback_rejects_invalid_input(client, make, body) -> None:
    exp = await make.experiment("Validation")
    response = await client.post(f"/api/v1/experiments/{exp}/feedback", json=body)
    assert response.status_code == 422, response.text
    assert "detail" in response.json()


async def test_submit_feedback_accepts_exactly_5000_characters(client, make) -> None:
    exp = await make.experiment("Long text")
    response = await client.post(
        f"/api/v1/experiments/{exp}/feedback", json={"text": "hyvä " * 1000}
    )
    assert response.status_code == 201


@pytest.mark.parametrize(
    "raw", [b"{", b'{"text": "unterminated', b"\xff\xfe\x00", b"nul\x00l", b'{"rating": NaN}']
)
async def test_submit_feedback_malformed_json_is_422(client, make, raw) -> None:
    exp = await make.experiment("Malformed")
    response = await client.post(
        f"/api/v1/experiments/{exp}/feedback",
        content=raw,
        headers={"Content-Type": "application/json"},
    )
    # undecodable bytes are a 400 (cannot parse), broken JSON a 422: both say what is wrong
    assert response.status_code in (400, 422)
    assert response.json()["detail"]


async def test_submit_feedback_oversized_body_is_413(client, make) -> None:
    exp = await make.experiment("Huge")
    response = await client.post(
        f"/api/v1/experiments/{exp}/feedback",
        content=b'{"text": "' + b"a" * 200_000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413


async def test_hostile_text_is_stored_as_plain_text(client, make, auth) -> None:
    exp = await make.experiment("Hostile")
    hostile = '<script>alert(1)</script> \'; DROP TABLE feedback; -- =HYPERLINK("x")'
    response = await client.post(f"/api/v1/experiments/{exp}/feedback", json={"text": hostile})
    assert response.status_code == 201
    assert response.json()["text"] == hostile
    staff = await make.token(TokenRole.STAFF)
    listed = await client.get(f"/api/v1/experiments/{exp}/feedback", headers=auth.bearer(staff))
    assert listed.json()["items"][0]["text"] == hostile


async def test_idempotency_key_replays_and_stores_once(client, make, auth) -> None:
    exp = await make.experiment("Idempotent")
    body = {"text": "Toimi hyvin", "rating": 4}
    headers = {"Idempotency-Key": "retry-123"}
    first = await client.post(f"/api/v1/experiments/{exp}/feedback", json=body, headers=headers)
    second = await client.post(f"/api/v1/experiments/{exp}/feedback", json=body, headers=headers)
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json() == first.json()
    different = await client.post(
        f"/api/v1/experiments/{exp}/feedback", json={**body, "rating": 1}, headers=headers
    )
    assert different.status_code == 409
    staff = await make.token(TokenRole.STAFF)
    listed = await client.get(f"/api/v1/experiments/{exp}/feedback", headers=auth.bearer(staff))
    assert listed.json()["total"] == 1


async def test_idempotency_concurrent_retries_store_once(client, make, auth) -> None:
    exp = await make.experiment("Concurrent")
    body = {"text": "Same again", "rating": 5}
    responses = await asyncio.gather(
        *(
            client.post(
                f"/api/v1/experiments/{exp}/feedback",
                json=body,
                headers={"Idempotency-Key": "same-key"},
            )
            for _ in range(8)
        )
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [200] * 7 + [201]
    assert len({r.json()["id"] for r in responses}) == 1
    staff = await make.token(TokenRole.STAFF)
    listed = await client.get(f"/api/v1/experiments/{exp}/feedback", headers=auth.bearer(staff))
    assert listed.json()["total"] == 1


@pytest.mark.parametrize("key", ["", "x" * 201, "with space", "tab\there", "ä-umlaut"])
async def test_idempotency_key_invalid_is_422(client, make, auth, key) -> None:
    exp = await make.experiment("Bad keys")
    response = await client.post(
        f"/api/v1/experiments/{exp}/feedback",
        json={"rating": 3},
        headers={"Idempotency-Key": key.encode("utf-8")},  # type: ignore[dict-item]
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][:2] == ["header", "Idempotency-Key"]
    staff = await make.token(TokenRole.STAFF)
    listed = await client.get(f"/api/v1/experiments/{exp}/feedback", headers=auth.bearer(staff))
    assert listed.json()["total"] == 0


async def test_feedback_list_filters_and_pagination(client, make, auth) -> None:
    exp = await make.experiment("Filters")
    posts = [
        {"text": "Great service, very easy", "role": "resident", "rating": 5},
        {"text": "Helpottaa työtäni paljon", "role": "employee", "rating": 4},
        {"text": "Det fungerade inte alls", "role": "customer", "rating": 1},
        {"rating": 3, "role": "partner"},
    ]
    for body in posts:
        assert (
            await client.post(f"/api/v1/experiments/{exp}/feedback", json=body)
        ).status_code == 201
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    url = f"/api/v1/experiments/{exp}/feedback"
    assert (await client.get(url, headers=staff)).json()["total"] == 4
    employees = (await client.get(url, params={"role": "employee"}, headers=staff)).json()
    assert [i["role"] for i in employees["items"]] == ["employee"]
    swedish = (await client.get(url, params={"language": "sv"}, headers=staff)).json()
    assert [i["text"] for i in swedish["items"]] == ["Det fungerade inte alls"]
    page = (await client.get(url, params={"limit": 2, "offset": 1}, headers=staff)).json()
    assert page["total"] == 4 and len(page["items"]) == 2
    assert (await client.get(url, params={"limit": 501}, headers=staff)).status_code == 422
    assert (await client.get(url, params={"limit": 0}, headers=staff)).status_code == 422
    assert (await client.get(url, params={"since": "yesterday"}, headers=staff)).status_code == 422
    assert (await client.get(url, params={"role": "mayor"}, headers=staff)).status_code == 422
    future = (await client.get(url, params={"since": "2999-01-01"}, headers=staff)).json()
    assert future["total"] == 0


async def test_theme_correction_by_staff(client, make, auth) -> None:
    exp = await make.experiment("Corrections")
    created = await client.post(
        f"/api/v1/experiments/{exp}/feedback", json={"text": "The app was slow to load"}
    )
    fid = created.json()["id"]
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    response = await client.put(
        f"/api/v1/feedback/{fid}/themes",
        json={"themes": ["speed_waiting", "reliability"]},
        headers=staff,
    )
    assert response.status_code == 200, response.text
    assert sorted(t["key"] for t in response.json()["themes"]) == ["reliability", "speed_waiting"]
    assert {t["source"] for t in response.json()["themes"]} == {"staff"}
    again = await client.put(
        f"/api/v1/feedback/{fid}/themes", json={"themes": ["speed_waiting"]}, headers=staff
    )
    assert [t["key"] for t in again.json()["themes"]] == ["speed_waiting"]
    filtered = await client.get(
        f"/api/v1/experiments/{exp}/feedback", params={"theme": "speed_waiting"}, headers=staff
    )
    assert [i["id"] for i in filtered.json()["items"]] == [fid]
    unknown = await client.put(
        f"/api/v1/feedback/{fid}/themes", json={"themes": ["no_such_theme"]}, headers=staff
    )
    assert unknown.status_code == 422
    bad_key = await client.put(
        f"/api/v1/feedback/{fid}/themes", json={"themes": ["Not A Key"]}, headers=staff
    )
    assert bad_key.status_code == 422
    missing = await client.put(
        "/api/v1/feedback/999999/themes", json={"themes": ["cost"]}, headers=staff
    )
    assert missing.status_code == 404


async def test_healthz_reports_database(client) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


async def test_openapi_schema_lists_contract_routes(client) -> None:
    schema = (await client.get("/openapi.json")).json()
    for path in (
        "/api/v1/experiments",
        "/api/v1/experiments/{experiment}",
        "/api/v1/experiments/{experiment}/feedback",
        "/api/v1/experiments/{experiment}/report",
        "/api/v1/reports/overview",
        "/api/v1/themes",
        "/api/v1/feedback/{feedback_id}/themes",
        "/api/v1/respondents/{key}",
        "/healthz",
    ):
        assert path in schema["paths"], path
    assert (await client.get("/docs")).status_code == 200


async def test_nul_and_control_characters_never_reach_the_database(client, make, auth) -> None:
    exp = await make.experiment("Controls")
    response = await client.post(
        f"/api/v1/experiments/{exp}/feedback", json={"text": "abc\u0000def\u0007 ok", "rating": 2}
    )
    assert response.status_code == 201
    assert "\x00" not in response.json()["text"] and "\x07" not in response.json()["text"]
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    bad_filter = await client.get(
        f"/api/v1/experiments/{exp}/feedback", params={"theme": "cost\x00"}, headers=staff
    )
    assert bad_filter.status_code == 422


async def test_a_lower_max_text_length_setting_applies_to_the_api(settings, make) -> None:
    exp = await make.experiment("Short texts")
    await make.session.commit()
    app = create_app(settings.model_copy(update={"max_text_length": 20}))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            url = f"/api/v1/experiments/{exp}/feedback"
            too_long = await client.post(url, json={"text": "a" * 21, "rating": 4})
            fits = await client.post(url, json={"text": "a" * 20, "rating": 4})
    assert too_long.status_code == 422
    assert "20 characters" in too_long.json()["detail"]
    assert "a" * 21 not in too_long.text  # the input is not echoed
    assert fits.status_code == 201
