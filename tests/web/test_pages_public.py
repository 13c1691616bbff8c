"""Public pages: running experiments, the feedback form (CSRF, validation, PRG), QR codes."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from feedback_api.db.models import Feedback
from feedback_api.domain.enums import ExperimentStatus

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')
HOSTILE = '<script>alert("x")</script>'


async def _form(client, slug: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    response = await client.get(f"/e/{slug}")
    assert response.status_code == 200, response.text
    return CSRF.search(response.text).group(1), SUBMISSION.search(response.text).group(1)


async def _count(session) -> int:  # type: ignore[no-untyped-def]
    await session.commit()  # see the app's committed writes
    return await session.scalar(select(func.count(Feedback.id)))


async def test_index_lists_running_experiments_only(client, make) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    await make.experiment("Old trial", ExperimentStatus.ENDED)
    await make.experiment("Maybe later", ExperimentStatus.PROPOSED)
    response = await client.get("/", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="en">' in response.text
    assert "Kirjastorobotti" in response.text and 'href="/e/kirjastorobotti"' in response.text
    assert "Old trial" not in response.text and "Maybe later" not in response.text
    assert 'class="skip-link" href="#main"' in response.text


async def test_page_security_headers(client) -> None:
    response = await client.get("/")
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_language_from_accept_language_then_switch_remembered(client) -> None:
    swedish = await client.get("/", headers={"Accept-Language": "sv-FI,sv;q=0.9,en;q=0.5"})
    assert '<html lang="sv">' in swedish.text and "Pågående försök" in swedish.text
    switched = await client.get("/?lang=fi", headers={"Accept-Language": "sv"})
    assert '<html lang="fi">' in switched.text and "Kokeilut käynnissä nyt" in switched.text
    cookie = switched.headers["set-cookie"]
    assert "kokeilu_lang=fi" in cookie and "samesite=lax" in cookie.lower()
    # The choice outlives the browser's preference on the next page.
    again = await client.get("/", headers={"Accept-Language": "sv"})
    assert '<html lang="fi">' in again.text
    links = re.findall(r'href="(/\?lang=\w+)"', again.text)
    assert links == ["/?lang=fi", "/?lang=sv", "/?lang=en"]


async def test_language_without_preference_is_finnish_and_unknown_is_english(client) -> None:
    assert '<html lang="fi">' in (await client.get("/")).text
    german = await client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9"})
    assert '<html lang="en">' in german.text


async def test_form_page_has_fields_privacy_and_csrf(client, make, app) -> None:
    app.state.settings.telegram_bot_username = "KokeiluBot"
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    response = await client.get("/e/kirjastorobotti?lang=en")
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    page = response.text
    assert 'method="post" action="/e/kirjastorobotti"' in page
    assert CSRF.search(page) and SUBMISSION.search(page)
    for name in ("role", "rating", "would_use", "fits_work"):
        assert f'name="{name}"' in page
    assert '<label for="text"' in page and 'id="text"' in page
    assert "Privacy" in page and "do not write your name" in page
    assert "https://t.me/KokeiluBot?start=exp_kirjastorobotti" in page
    assert "kokeilu_session=" in response.headers["set-cookie"]


async def test_form_submission_redirects_and_is_stored(client, make, session, auth) -> None:
    from feedback_api.domain.enums import TokenRole

    exp = await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    csrf, submission = await _form(client, "kirjastorobotti")
    response = await client.post(
        "/e/kirjastorobotti",
        data={
            "csrf_token": csrf,
            "submission": submission,
            "role": "resident",
            "rating": "4",
            "would_use": "yes",
            "text": "Robotti löysi kirjan nopeasti. Mailini on maija@example.com",
        },
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/e/kirjastorobotti/thanks"
    thanks = await client.get("/e/kirjastorobotti/thanks?lang=en")
    assert thanks.status_code == 200 and "Thank you for your feedback!" in thanks.text
    assert "We removed personal details (1)" in thanks.text
    staff = auth.bearer(await make.token(TokenRole.STAFF))
    items = (await client.get(f"/api/v1/experiments/{exp}/feedback", headers=staff)).json()
    assert items["total"] == 1
    stored = items["items"][0]
    assert stored["channel"] == "web" and stored["rating"] == 4 and stored["would_use"] == "yes"
    assert "[email]" in stored["text"] and "maija@example.com" not in stored["text"]


async def test_form_sent_twice_is_stored_once(client, make, session) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    csrf, submission = await _form(client, "kirjastorobotti")
    body = {"csrf_token": csrf, "submission": submission, "role": "customer", "rating": "5"}
    first = await client.post("/e/kirjastorobotti", data=body)
    second = await client.post("/e/kirjastorobotti", data=body)
    assert first.status_code == second.status_code == 303
    assert await _count(session) == 1


async def test_form_post_without_or_with_foreign_csrf_token_is_refused(
    client, make, session, app
) -> None:
    import httpx

    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    await _form(client, "kirjastorobotti")
    body = {"role": "resident", "rating": "3"}
    missing = await client.post("/e/kirjastorobotti?lang=en", data=body)
    assert missing.status_code == 403
    assert "This form has expired" in missing.text
    # A token from another browser's session does not count for this one.
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as other:
        foreign, _ = await _form(other, "kirjastorobotti")
    forged = await client.post("/e/kirjastorobotti", data={**body, "csrf_token": foreign})
    assert forged.status_code == 403
    assert await _count(session) == 0


async def test_form_errors_rerender_with_input_kept_and_escaped(client, make, session) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    csrf, submission = await _form(client, "kirjastorobotti")
    response = await client.post(
        "/e/kirjastorobotti?lang=en",
        data={"csrf_token": csrf, "submission": submission, "rating": "4", "text": HOSTILE},
    )
    assert response.status_code == 422
    page = response.text
    assert "Please check your answers" in page
    assert 'id="role-error"' in page and "Choose who you are." in page
    assert 'href="#role-resident"' in page  # the summary links to the field
    assert 'value="4" id="rating-4" checked' in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</textarea>" in page
    assert HOSTILE not in page
    assert await _count(session) == 0


async def test_form_rejects_the_other_roles_question_and_empty_answers(client, make) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    csrf, submission = await _form(client, "kirjastorobotti")
    base = {"csrf_token": csrf, "submission": submission}
    employee = await client.post(
        "/e/kirjastorobotti?lang=en", data={**base, "role": "employee", "would_use": "yes"}
    )
    assert employee.status_code == 422
    assert 'id="would_use-error"' in employee.text
    assert 'value="employee" id="role-employee" checked' in employee.text
    resident = await client.post(
        "/e/kirjastorobotti?lang=en", data={**base, "role": "resident", "fits_work": "no"}
    )
    assert resident.status_code == 422 and 'id="fits_work-error"' in resident.text
    empty = await client.post("/e/kirjastorobotti?lang=en", data={**base, "role": "partner"})
    assert empty.status_code == 422
    assert "Give a rating, answer the question or write a comment." in empty.text
    bogus = await client.post(
        "/e/kirjastorobotti?lang=en", data={**base, "role": "mayor", "rating": "9"}
    )
    assert bogus.status_code == 422 and 'id="rating-error"' in bogus.text


async def test_form_text_over_the_limit_is_refused(client, make, session) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    csrf, submission = await _form(client, "kirjastorobotti")
    response = await client.post(
        "/e/kirjastorobotti?lang=en",
        data={"csrf_token": csrf, "submission": submission, "role": "resident", "text": "a" * 5001},
    )
    assert response.status_code == 422
    assert "The comment is too long: 5,001 characters, at most 5,000." in response.text
    assert await _count(session) == 0


async def test_non_running_experiment_explains_kindly(client, make, session) -> None:
    await make.experiment("Ended trial", ExperimentStatus.ENDED, slug="ended-trial")
    await make.experiment("Running one", slug="running-one")
    page = await client.get("/e/ended-trial?lang=en")
    assert page.status_code == 200
    assert "This experiment no longer takes feedback" in page.text
    assert 'href="/e/running-one"' in page.text  # points to where feedback is taken
    assert 'name="rating"' not in page.text
    csrf, _ = await _form(client, "running-one")  # the session's token, from a live form
    posted = await client.post(
        "/e/ended-trial?lang=en", data={"csrf_token": csrf, "role": "resident", "rating": "5"}
    )
    assert posted.status_code == 409 and "no longer takes feedback" in posted.text
    assert await _count(session) == 0
    await make.experiment("Only proposed", ExperimentStatus.PROPOSED, slug="only-proposed")
    assert (await client.get("/e/only-proposed")).status_code == 404
    missing = await client.get("/e/no-such-thing?lang=en")
    assert missing.status_code == 404 and "Page not found" in missing.text


async def test_hostile_experiment_title_is_escaped(client, make) -> None:
    await make.experiment(HOSTILE, slug="hostile", description=f"Kuvaus {HOSTILE}")
    for url in ("/", "/e/hostile"):
        page = (await client.get(url)).text
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
        assert HOSTILE not in page


async def test_qr_codes_for_form_and_bot(client, make, app) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    svg = await client.get("/e/kirjastorobotti/qr.svg")
    assert svg.status_code == 200 and svg.headers["content-type"] == "image/svg+xml"
    assert b"<svg" in svg.content and b"script" not in svg.content
    png = await client.get("/e/kirjastorobotti/qr.png")
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert (await client.get("/e/kirjastorobotti/bot-qr.svg")).status_code == 404
    app.state.settings.telegram_bot_username = "@KokeiluBot"
    bot = await client.get("/e/kirjastorobotti/bot-qr.png")
    assert bot.status_code == 200 and bot.content.startswith(b"\x89PNG")
    assert svg.content != (await client.get("/e/kirjastorobotti/bot-qr.svg")).content


async def test_pages_without_a_form_set_no_session_cookie(client, make) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    index = await client.get("/")
    assert "kokeilu_session" not in index.headers.get("set-cookie", "")
    form = await client.get("/e/kirjastorobotti")
    assert "kokeilu_session=" in form.headers["set-cookie"]
