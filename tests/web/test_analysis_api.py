"""Discovery and training over HTTP."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from feedback_api.db.models import Feedback
from feedback_api.domain.enums import TokenRole
from feedback_api.domain.time import local_date

PARKING = [
    "parking was impossible near the library, no parking spaces at all",
    "pysäköinti oli mahdotonta, ei pysäköintipaikkoja lähellä",
    "no free parking spaces in the evening, parking garage full",
    "pysäköintipaikkoja liian vähän, pysäköinti maksullista",
    "parkering omöjlig, inga parkeringsplatser nära",
    "the parking lot was full again, parking is a real problem",
    "parkkipaikkoja ei ole, pysäköinti vaikeaa illalla",
    "hard to find parking, parking spaces taken by commuters",
]
NOISE = [
    "the noise from the ventilation was loud and annoying noise all day",
    "melu oli kova ja meteli häiritsi, liikaa melua",
    "loud noise from the machine, noise in the reading room",
    "buller och oväsen hela tiden, för mycket buller",
    "meteli ja melu häiritsivät lukemista, melua koko päivän",
    "constant noise, the noise level was too high",
]


async def _unclear_feedback(session, experiment_id: int) -> None:  # type: ignore[no-untyped-def]
    now = datetime.now(UTC)
    for i, text in enumerate(PARKING * 2 + NOISE * 2):
        session.add(
            Feedback(
                experiment_id=experiment_id,
                role="resident",
                channel="api",
                language="en",
                text=f"{text} ({i})",
                created_at=now,
                created_date=local_date(now),
                classified_at=now,
                themes=[],
            )
        )
    await session.commit()


async def test_discover_accept_and_dismiss_candidates(client, make, auth, session) -> None:
    exp = await make.experiment("Library evenings")
    await _unclear_feedback(session, exp)
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    found = await client.post(
        "/api/v1/themes/candidates/discover",
        json={"experiment": exp, "n_candidates": 3},
        headers=staff,
    )
    assert found.status_code == 201, found.text
    items = found.json()["items"]
    assert items, "discovery proposed nothing"
    terms = [" ".join(c["top_terms"]) for c in items]
    assert any("park" in t or "pysäk" in t for t in terms), terms
    parking = next(
        c
        for c in items
        if "park" in " ".join(c["top_terms"]) or "pysäk" in " ".join(c["top_terms"])
    )
    assert len(parking["examples"]) == 3
    listed = await client.get(
        "/api/v1/themes/candidates", params={"experiment": exp}, headers=staff
    )
    assert listed.json()["total"] == len(items)

    accepted = await client.post(
        f"/api/v1/themes/candidates/{parking['id']}/accept",
        json={
            "key": "parking",
            "name_fi": "Pysäköinti",
            "name_sv": "Parkering",
            "name_en": "Parking",
        },
        headers=staff,
    )
    assert accepted.status_code == 201, accepted.text
    assert accepted.json()["origin"] == "discovered"
    themes = await client.get("/api/v1/themes", headers=staff)
    assert "parking" in {t["key"] for t in themes.json()["items"]}
    tagged = await client.get(
        f"/api/v1/experiments/{exp}/feedback", params={"theme": "parking"}, headers=staff
    )
    assert tagged.json()["total"] == 3
    again = await client.post(
        f"/api/v1/themes/candidates/{parking['id']}/accept", json={}, headers=staff
    )
    assert again.status_code == 409
    others = [c for c in items if c["id"] != parking["id"]]
    if others:
        dismissed = await client.post(
            f"/api/v1/themes/candidates/{others[0]['id']}/dismiss", headers=staff
        )
        assert dismissed.json()["status"] == "dismissed"
    missing = await client.post("/api/v1/themes/candidates/999999/dismiss", headers=staff)
    assert missing.status_code == 404


async def test_discovery_and_training_need_the_right_role(client, make, auth) -> None:
    owner = auth.bearer(await make.token(TokenRole.OWNER, (await make.experiment("X"),)))
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    assert (await client.post("/api/v1/themes/candidates/discover", json={})).status_code == 401
    assert (
        await client.post("/api/v1/themes/candidates/discover", json={}, headers=owner)
    ).status_code == 403
    assert (await client.post("/api/v1/models/themes/train", headers=staff)).status_code == 403
    admin = auth.bearer(await make.token(TokenRole.ADMIN))
    assert (await client.post("/api/v1/models/nonsense/train", headers=admin)).status_code == 422
    listed = (await client.get("/api/v1/models", headers=staff)).json()
    assert (listed["items"], listed["total"], listed["training"]) == ([], 0, [])
    assert set(listed["current"]) == {"themes", "sentiment"}  # the shipped defaults


async def test_train_over_http_runs_in_the_background_and_reports_progress(
    client, make, auth
) -> None:
    admin = auth.bearer(await make.token(TokenRole.ADMIN))
    experiment = await make.experiment("Before training")
    for text in ("Robotti oli mahtava!", "Sovellus kaatui taas.", "Ihan ok."):
        await client.post(f"/api/v1/experiments/{experiment}/feedback", json={"text": text})
    response = await client.post("/api/v1/models/sentiment/train", headers=admin)
    assert response.status_code == 202, response.text
    job = response.json()
    assert job["status"] in {"queued", "running"} and job["kind"] == "train_sentiment"
    deadline = asyncio.get_running_loop().time() + 120
    while True:
        listed = (await client.get("/api/v1/models", headers=admin)).json()
        (training,) = [j for j in listed["training"] if j["id"] == job["id"]]
        if training["status"] in {"succeeded", "failed"}:
            break
        assert asyncio.get_running_loop().time() < deadline, training
        await asyncio.sleep(0.2)
    assert training["status"] == "succeeded", training["error"]
    version = training["result"]["version"]
    assert [m["version"] for m in listed["items"]] == [version]
    assert training["done"] == training["total"] == 3  # every stored item reclassified
    assert training["result"]["reclassified"] == 3
    assert listed["current"]["sentiment"] == version
    stored = await client.get(f"/api/v1/experiments/{experiment}/feedback", headers=admin)
    assert {i["sentiment"]["model_version"] for i in stored.json()["items"]} == {version}
    # feedback submitted from now on is classified with the new model
    submitted = await client.post(
        f"/api/v1/experiments/{experiment}/feedback", json={"text": "Robotti oli mahtava!"}
    )
    assert submitted.status_code == 201, submitted.text
    assert submitted.json()["sentiment"]["model_version"] == version
