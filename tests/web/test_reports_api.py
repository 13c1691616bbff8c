"""Reports over HTTP: the figures add up, small groups are not broken down."""

from __future__ import annotations

from feedback_api.domain.enums import ExperimentStatus, TokenRole


async def _post(client, exp: int, n: int, **body) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        response = await client.post(f"/api/v1/experiments/{exp}/feedback", json=body)
        assert response.status_code == 201, response.text


async def test_report_counts_and_scorecard(client, make, auth) -> None:
    exp = await make.experiment("Report", partners=["Robotiikka Oy"])
    await _post(
        client, exp, 6, text="Todella kätevä palvelu", rating=5, role="resident", would_use="yes"
    )
    await _post(
        client, exp, 2, text="Didn't work for me", rating=2, role="customer", would_use="no"
    )
    await _post(client, exp, 5, rating=4, role="employee", fits_work="partly")
    await _post(client, exp, 1, rating=3, role="partner", would_use="maybe")
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    response = await client.get(f"/api/v1/experiments/{exp}/report", headers=staff)
    assert response.status_code == 200
    report = response.json()
    assert report["totals"]["feedback"] == 14
    assert report["totals"]["participants"] == 14  # anonymous submissions each count
    assert report["totals"]["with_text"] == 8
    assert report["by_channel"] == {"api": 14}
    assert report["rating"]["distribution"] == {"1": 0, "2": 2, "3": 1, "4": 5, "5": 6}
    assert report["rating"]["mean"] == round((2 * 2 + 3 + 4 * 5 + 5 * 6) / 14, 2)
    assert report["would_use"]["counts"] == {"yes": 6, "maybe": 1, "no": 2}
    assert report["fits_work"]["counts"] == {"yes": 0, "partly": 5, "no": 0}
    # residents (6) and employees (5) are broken down; customers (2) and partners (1) are not
    assert report["by_role"]["resident"]["broken_down"] is True
    assert report["by_role"]["customer"]["broken_down"] is False
    assert report["by_role"]["customer"]["mean_rating"] is None
    assert report["sentiment"]["by_role"]["partner"] == {"suppressed": True}
    for roles in report["theme_by_role"].values():
        assert set(roles) <= {"resident", "employee"}
    weekly = report["sentiment"]["weekly"]
    assert sum(w["count"] for w in weekly) == 14
    assert set(report["scorecard"]) == {"users", "fit", "benefit"}
    users = report["scorecard"]["users"]
    assert users["evidence"]["would_use"]["counts"] == {"yes": 6, "maybe": 0, "no": 2}
    assert users["verdict"] == "positive"
    assert report["scorecard"]["fit"]["verdict"] == "mixed"


async def test_report_of_empty_experiment(client, make, auth) -> None:
    exp = await make.experiment("Empty", ExperimentStatus.PROPOSED)
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    report = (await client.get(f"/api/v1/experiments/{exp}/report", headers=staff)).json()
    assert report["totals"]["feedback"] == 0
    assert report["rating"]["mean"] is None
    assert report["sentiment"]["weekly"] == []
    assert report["scorecard"]["users"]["verdict"] == "insufficient"


async def test_overview_counts_programme(client, make, auth) -> None:
    a = await make.experiment("A", partners=["Robotiikka Oy", "Aalto-yliopisto"])
    await make.experiment("B", ExperimentStatus.DISCONTINUED, partners=["Robotiikka Oy"])
    await make.experiment("C", ExperimentStatus.PROPOSED)
    await _post(client, a, 3, rating=4, role="resident")
    await _post(client, a, 2, rating=2, role="employee")
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    overview = (await client.get("/api/v1/reports/overview", headers=staff)).json()
    assert overview["experiments"]["total"] == 3
    assert overview["experiments"]["by_status"]["discontinued"] == 1
    assert overview["experiments"]["carried_out"] == 2
    assert overview["partners"] == {"count": 2, "names": ["Aalto-yliopisto", "Robotiikka Oy"]}
    assert overview["participants"]["by_role"] == {"resident": 3, "employee": 2}
    assert overview["feedback"]["total"] == 5
    line = next(e for e in overview["per_experiment"] if e["id"] == a)
    assert line["feedback"] == 5 and line["mean_rating"] == 3.2
    owner = auth.bearer(await make.token(TokenRole.OWNER, (a,)))
    scoped = (await client.get("/api/v1/reports/overview", headers=owner)).json()
    assert [e["id"] for e in scoped["per_experiment"]] == [a]


async def test_openapi_describes_the_report_and_the_overview(client) -> None:
    """Clients see the reports' fields, not `object`: the schemas are the typed models."""
    schema = (await client.get("/openapi.json")).json()

    def response_schema(path: str) -> dict:  # type: ignore[type-arg]
        ok = schema["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        name = ok["schema"]["$ref"].rsplit("/", 1)[1]
        return schema["components"]["schemas"][name]

    report = response_schema("/api/v1/experiments/{experiment}/report")
    assert {"totals", "by_role", "sentiment", "themes", "scorecard", "models"} <= set(
        report["properties"]
    )
    scorecard = schema["components"]["schemas"]["Scorecard"]
    assert set(scorecard["properties"]) == {"users", "fit", "benefit"}
    verdict = schema["components"]["schemas"]["Verdict"]
    assert set(verdict["enum"]) == {"positive", "mixed", "negative", "insufficient"}
    overview = response_schema("/api/v1/reports/overview")
    assert {"experiments", "participants", "per_experiment"} <= set(overview["properties"])
