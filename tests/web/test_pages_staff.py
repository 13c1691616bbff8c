"""Staff pages: sign-in cookie, CSRF, owner scoping, the report, theme correction."""

from __future__ import annotations

import asyncio
import base64
import json
import re

import httpx
from sqlalchemy import select

from feedback_api.db.models import Feedback, Theme
from feedback_api.domain.enums import ExperimentStatus, TokenRole
from feedback_api.services import feedback as feedback_service
from feedback_api.services import tokens

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
HOSTILE = '<script>alert("x")</script>'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"


async def _csrf(client, url: str = "/staff?lang=en") -> str:  # type: ignore[no-untyped-def]
    return CSRF.search((await client.get(url)).text).group(1)


async def _login(client, token: str) -> httpx.Response:  # type: ignore[no-untyped-def]
    csrf = await _csrf(client)
    return await client.post("/staff/login", data={"csrf_token": csrf, "token": token})


async def _post(client, exp: int, n: int, **body) -> None:  # type: ignore[no-untyped-def]
    for _ in range(n):
        response = await client.post(f"/api/v1/experiments/{exp}/feedback", json=body)
        assert response.status_code == 201, response.text


async def _theme_keys(session, n: int = 2) -> list[str]:  # type: ignore[no-untyped-def]
    keys = list((await session.scalars(select(Theme.key).order_by(Theme.id))).all()[:n])
    await session.commit()  # end the read transaction: SQLite lets one writer in at a time
    return keys


async def _themed(session, exp: int, keys: list[str]) -> None:  # type: ignore[no-untyped-def]
    """Stands in for the models: staff themes on every comment of the experiment."""
    await session.commit()
    rows = (
        await session.scalars(
            select(Feedback).where(Feedback.experiment_id == exp, Feedback.text.is_not(None))
        )
    ).all()
    for row in rows:
        await feedback_service.correct_themes(session=session, feedback=row, keys=keys)
    await session.commit()


async def test_staff_without_login_shows_only_the_login_page(client, make) -> None:
    exp = await make.experiment("Secret report", ExperimentStatus.ENDED)
    page = await client.get("/staff?lang=en")
    assert page.status_code == 200
    assert "Sign in to the staff dashboard" in page.text and 'type="password"' in page.text
    assert "Secret report" not in page.text
    report = await client.get(f"/staff/experiments/{exp}")
    assert report.status_code == 303
    assert report.headers["location"] == f"/staff?next=%2Fstaff%2Fexperiments%2F{exp}"
    export = await client.get(f"/staff/experiments/{exp}/export.csv")
    assert export.status_code == 303


async def test_login_sets_signed_httponly_samesite_cookie_without_the_token(client, make) -> None:
    await make.experiment("Kirjastorobotti")
    token = await make.token(TokenRole.STAFF)
    response = await _login(client, token)
    assert response.status_code == 303 and response.headers["location"] == "/staff"
    cookie = next(
        c for c in response.headers.get_list("set-cookie") if c.startswith("kokeilu_session=")
    )
    flags = [part.strip().lower() for part in cookie.split(";")]
    assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags
    assert "secure" not in flags  # test settings; production adds it
    payload = cookie.split("=", 1)[1].split(";")[0].split(".")[0]
    session_data = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    assert token not in json.dumps(session_data)
    overview = await client.get("/staff?lang=en")
    assert "Programme overview" in overview.text and "Kirjastorobotti" in overview.text
    assert 'role="img"' in overview.text  # the charts


async def test_a_signed_in_browser_is_no_credential_for_the_json_api(client, make) -> None:
    """The staff session belongs to the pages (the API runs without the session middleware):
    the API answers a signed-in browser as anyone, and leaves its session as it was."""
    exp = await make.experiment("Kirjastorobotti")
    await _login(client, await make.token(TokenRole.STAFF))
    assert client.cookies.get("kokeilu_session")
    listed = await client.get(f"/api/v1/experiments/{exp}/feedback")
    assert listed.status_code == 401  # the cookie is no credential here
    posted = await client.post(f"/api/v1/experiments/{exp}/feedback", json={"rating": 4})
    assert posted.status_code == 201
    assert not any(c.startswith("kokeilu_session=") for c in posted.headers.get_list("set-cookie"))
    page = await client.get("/staff?lang=en")
    assert "Programme overview" in page.text  # still signed in on the pages
    assert any(c.startswith("kokeilu_session=") for c in page.headers.get_list("set-cookie"))


async def test_session_cookie_is_secure_in_production(settings, session) -> None:
    from feedback_api.web.app import create_app

    production = settings.model_copy(update={"env": "production"})
    app = create_app(production)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as web:
            response = await web.get("/staff")
    cookie = response.headers["set-cookie"].lower()
    assert "kokeilu_session=" in cookie and "; secure" in cookie and "httponly" in cookie


async def test_login_with_a_wrong_token_or_without_csrf_fails(client, make) -> None:
    bad = await _login(client, "not-a-token")
    assert bad.status_code == 401 and "The token is wrong or has been revoked." in bad.text
    token = await make.token(TokenRole.STAFF)
    forged = await client.post("/staff/login", data={"token": token})
    assert forged.status_code == 403
    assert "Sign in to the staff dashboard" in (await client.get("/staff?lang=en")).text


async def test_logout_needs_csrf_and_ends_the_session(client, make) -> None:
    await _login(client, await make.token(TokenRole.ADMIN))
    assert (await client.post("/staff/logout")).status_code == 403
    assert "Programme overview" in (await client.get("/staff?lang=en")).text
    csrf = await _csrf(client)
    out = await client.post("/staff/logout", data={"csrf_token": csrf})
    assert out.status_code == 303 and out.headers["location"] == "/staff"
    assert "Sign in to the staff dashboard" in (await client.get("/staff?lang=en")).text


async def test_revoking_the_token_ends_its_sessions(client, make, session) -> None:
    token = await make.token(TokenRole.STAFF)
    await _login(client, token)
    row = next(t for t in await tokens.list_tokens(session=session) if t.role == "staff")
    await tokens.revoke_token(session=session, name=row.name)
    await session.commit()
    assert "Sign in to the staff dashboard" in (await client.get("/staff?lang=en")).text


async def test_login_returns_to_the_page_asked_for(client, make) -> None:
    exp = await make.experiment("Kirjastorobotti")
    csrf = await _csrf(client, f"/staff?next=/staff/experiments/{exp}")
    token = await make.token(TokenRole.STAFF)
    response = await client.post(
        "/staff/login",
        data={"csrf_token": csrf, "token": token, "next": f"/staff/experiments/{exp}"},
    )
    assert response.headers["location"] == f"/staff/experiments/{exp}"
    await client.post("/staff/logout", data={"csrf_token": await _csrf(client)})
    csrf = await _csrf(client)
    elsewhere = await client.post(
        "/staff/login", data={"csrf_token": csrf, "token": token, "next": "https://evil.example"}
    )
    assert elsewhere.headers["location"] == "/staff"


async def test_owner_sees_only_their_experiments(client, make) -> None:
    mine = await make.experiment("Oma kokeilu", ExperimentStatus.ENDED)
    other = await make.experiment("Toisen kokeilu", ExperimentStatus.ENDED)
    await _login(client, await make.token(TokenRole.OWNER, (mine,)))
    overview = await client.get("/staff?lang=en")
    assert "Oma kokeilu" in overview.text and "Toisen kokeilu" not in overview.text
    assert "You see your own experiments only." in overview.text
    assert (await client.get(f"/staff/experiments/{mine}")).status_code == 200
    hidden = await client.get(f"/staff/experiments/{other}?lang=en")
    assert hidden.status_code == 404 and "Page not found" in hidden.text
    for fmt in ("csv", "xlsx", "html", "json"):
        assert (await client.get(f"/staff/experiments/{other}/export.{fmt}")).status_code == 404


async def test_report_page_shows_scorecard_charts_themes_and_feedback(
    client, make, session
) -> None:
    exp = await make.experiment("Kirjastorobotti", ExperimentStatus.RUNNING, partners=["Robo Oy"])
    await _post(client, exp, 6, text="Todella kätevä palvelu", rating=5, role="resident",
                would_use="yes")  # fmt: skip
    await _post(client, exp, 5, text="Helpottaa työtä", rating=4, role="employee",
                fits_work="partly")  # fmt: skip
    await _post(client, exp, 2, text="Ei toiminut", rating=1, role="partner", would_use="no")
    keys = await _theme_keys(session)
    await _themed(session, exp, keys[:1])
    await _login(client, await make.token(TokenRole.STAFF))
    response = await client.get(f"/staff/experiments/{exp}?lang=en")
    assert response.status_code == 200
    page = response.text
    for text in (
        "Would the service have users?",
        "Does it work as part of the city&#39;s services?",
        "Does it produce benefits?",
        "Sentiment of feedback by week",
        "Distribution of ratings",
        "Show as a table",
        "About this analysis",
        "Todella kätevä palvelu",
        "Robo Oy",
    ):
        assert text in page, text
    assert page.count('role="img"') >= 3  # weekly, rating, themes
    theme_name = (await session.scalar(select(Theme).where(Theme.key == keys[0]))).name_en
    assert theme_name in page
    assert "Not broken down (fewer than 5 respondents): Partners." in page
    assert f'href="/staff/experiments/{exp}/export.csv"' in page
    for section in ("scorecard", "trend", "groups", "themes", "feedback", "about"):
        assert f'id="{section}"' in page


async def test_report_page_filters_the_feedback_list(client, make) -> None:
    exp = await make.experiment("Kirjastorobotti")
    await _post(client, exp, 3, text="Asukkaan kommentti", rating=4, role="resident")
    await _post(client, exp, 2, text="Työntekijän kommentti", rating=2, role="employee")
    await _login(client, await make.token(TokenRole.STAFF))
    page = (await client.get(f"/staff/experiments/{exp}?lang=en&role=employee")).text
    assert "Showing 2 of 2 feedback items." in page
    assert '<option value="employee" selected>' in page
    odd = await client.get(f"/staff/experiments/{exp}?lang=en&since=not-a-date&page=x&theme=;")
    assert odd.status_code == 200 and "Showing 5 of 5 feedback items." in odd.text


async def test_report_page_escapes_hostile_text(client, make) -> None:
    exp = await make.experiment(HOSTILE, owner_name=HOSTILE)
    await _post(client, exp, 1, text=f"{HOSTILE} =cmd|' /C calc'!A0", role="resident")
    await _login(client, await make.token(TokenRole.STAFF))
    for url in (f"/staff/experiments/{exp}", "/staff"):
        page = (await client.get(url)).text
        assert ESCAPED in page
        assert HOSTILE not in page


async def test_staff_corrects_a_theme_from_the_report(client, make, session) -> None:
    exp = await make.experiment("Kirjastorobotti")
    await _post(client, exp, 1, text="Robotti oli hyödyllinen", rating=5, role="resident")
    await session.commit()
    row_id = await session.scalar(select(Feedback.id).where(Feedback.experiment_id == exp))
    keys = await _theme_keys(session)
    await _login(client, await make.token(TokenRole.STAFF))
    page = (await client.get(f"/staff/experiments/{exp}?lang=en")).text
    assert f'action="/staff/feedback/{row_id}/themes"' in page
    csrf = CSRF.search(page).group(1)
    refused = await client.post(f"/staff/feedback/{row_id}/themes", data={"themes": keys})
    assert refused.status_code == 403
    response = await client.post(
        f"/staff/feedback/{row_id}/themes",
        data={"csrf_token": csrf, "themes": keys, "next": f"/staff/experiments/{exp}"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == f"/staff/experiments/{exp}#feedback-{row_id}"
    session.expire_all()
    corrected = await session.get(Feedback, row_id)
    assert sorted(t.theme.key for t in corrected.themes) == sorted(keys)
    assert {t.source for t in corrected.themes} == {"staff"}
    assert corrected.themes_reviewed_at is not None
    await session.commit()
    after = (await client.get(f"/staff/experiments/{exp}?lang=en")).text
    assert f"Themes of feedback #{row_id} saved." in after
    bad = await client.post(
        f"/staff/feedback/{row_id}/themes", data={"csrf_token": csrf, "themes": ["Nope!"]}
    )
    assert bad.status_code == 400


async def test_owner_cannot_correct_themes(client, make, session) -> None:
    exp = await make.experiment("Kirjastorobotti")
    await _post(client, exp, 1, text="Kommentti", role="resident")
    await session.commit()
    row_id = await session.scalar(select(Feedback.id).where(Feedback.experiment_id == exp))
    keys = await _theme_keys(session, 1)
    await _login(client, await make.token(TokenRole.OWNER, (exp,)))
    page = (await client.get(f"/staff/experiments/{exp}")).text
    assert "/themes" not in page
    response = await client.post(
        f"/staff/feedback/{row_id}/themes",
        data={"csrf_token": CSRF.search(page).group(1), "themes": keys},
    )
    assert response.status_code == 403


async def test_staff_pages_switch_language(client, make) -> None:
    exp = await make.experiment("Kirjastorobotti")
    await _login(client, await make.token(TokenRole.STAFF))
    finnish = (await client.get(f"/staff/experiments/{exp}?lang=fi")).text
    assert '<html lang="fi">' in finnish and "Arviointikortti" in finnish
    swedish = (await client.get("/staff?lang=sv")).text
    assert '<html lang="sv">' in swedish and "Programöversikt" in swedish


async def test_report_discovers_accepts_and_dismisses_candidate_themes(
    client, make, session
) -> None:
    from sqlalchemy import delete

    from feedback_api.db.base import utcnow
    from feedback_api.db.models import FeedbackTheme, Theme

    exp = await make.experiment("Kirjastorobotti")
    texts = [
        *(f"Pysäköinti oli hankalaa, pysäköintipaikka täynnä {i}" for i in range(7)),
        *(f"Parkering svår, parkeringen full igen {i}" for i in range(7)),
    ]
    for text in texts:
        await _post(client, exp, 1, text=text, role="resident")
    await session.commit()
    ids = (await session.scalars(select(Feedback.id).where(Feedback.experiment_id == exp))).all()
    # Classified, and no theme fits: "unclear" (whatever the shipped models said).
    await session.execute(delete(FeedbackTheme).where(FeedbackTheme.feedback_id.in_(ids)))
    for row in (await session.scalars(select(Feedback).where(Feedback.id.in_(ids)))).all():
        row.classified_at = row.classified_at or utcnow()
    await session.commit()
    await _login(client, await make.token(TokenRole.STAFF))
    url = f"/staff/experiments/{exp}?lang=en"
    before = (await client.get(url)).text
    assert 'id="candidates"' in before and "No open proposals" in before
    token = await _csrf(client, url)
    found = await client.post(f"/staff/experiments/{exp}/candidates", data={"csrf_token": token})
    assert found.status_code == 303
    page = (await client.get(url)).text
    assert "pysäk" in page.lower() or "parkering" in page.lower()
    candidate_ids = [int(m) for m in re.findall(r"/staff/candidates/(\d+)/accept", page)]
    assert candidate_ids
    accepted = await client.post(
        f"/staff/candidates/{candidate_ids[0]}/accept",
        data={
            "csrf_token": token,
            "key": "parking",
            "name_fi": "Pysäköinti",
            "name_sv": "Parkering",
            "name_en": "Parking",
            "next": f"/staff/experiments/{exp}",
        },
    )
    assert accepted.status_code == 303
    theme = await session.scalar(select(Theme).where(Theme.key == "parking"))
    assert theme is not None and theme.origin == "discovered" and theme.name_sv == "Parkering"
    await session.commit()  # end the read transaction: SQLite lets one writer in at a time
    forged = await client.post(
        f"/staff/candidates/{candidate_ids[0]}/accept", data={"csrf_token": "forged"}
    )
    assert forged.status_code == 403
    if len(candidate_ids) > 1:
        dismissed = await client.post(
            f"/staff/candidates/{candidate_ids[1]}/dismiss", data={"csrf_token": token}
        )
        assert dismissed.status_code == 303
    after = (await client.get(url)).text
    assert f"/staff/candidates/{candidate_ids[0]}/accept" not in after


async def test_login_link_with_a_token_fills_the_form_but_does_not_sign_in(client, make) -> None:
    token = await make.token(TokenRole.ADMIN)
    page = await client.get(f"/staff?lang=en&token={token}")
    assert f'value="{token}"' in page.text and "Sign in to the staff dashboard" in page.text
    assert page.headers["cache-control"] == "no-store"
    assert "Sign in to the staff dashboard" in (await client.get("/staff?lang=en")).text


async def test_the_models_page_retrains_in_the_background_and_shows_progress(
    client, make, app
) -> None:
    await make.experiment("Kirjastorobotti")
    owner = await make.token(TokenRole.OWNER, (await make.experiment("Oma"),))
    staff = await make.token(TokenRole.STAFF)
    admin = await make.token(TokenRole.ADMIN)
    await _login(client, owner)
    assert (await client.get("/staff/models?lang=en")).status_code == 403
    await _login(client, staff)
    page = await client.get("/staff/models?lang=en")
    assert page.status_code == 200 and "Analysis models" in page.text
    assert app.state.models.analyzer.theme_version in page.text  # the shipped default in use
    assert "/staff/models/themes/train" not in page.text  # retraining is for admins
    csrf = CSRF.search(page.text).group(1)
    refused = await client.post("/staff/models/themes/train", data={"csrf_token": csrf})
    assert refused.status_code == 403

    await _login(client, admin)
    page = await client.get("/staff/models?lang=fi")
    csrf = CSRF.search(page.text).group(1)
    started = await client.post("/staff/models/sentiment/train", data={"csrf_token": csrf})
    assert started.status_code == 303 and started.headers["location"] == "/staff/models"
    shown = await client.get("/staff/models?lang=fi")
    assert "Koulutus aloitettu: Sävy" in shown.text
    for _ in range(600):  # the job runs in this process; wait for it to finish
        page = await client.get("/staff/models?lang=en")
        if "Done" in page.text or "Failed" in page.text:
            break
        await asyncio.sleep(0.2)
    assert ">Done<" in page.text, page.text
    version = app.state.models.analyzer.sentiment_version
    assert version.startswith("sentiment-2") and f"<code>{version}</code>" in page.text
    assert "in use" in page.text
