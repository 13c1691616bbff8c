"""One policy for every channel: the JSON API and the web form refuse the same text length and
count the same per-client limit (the bot's per-respondent limit: tests/production)."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import func, select

from feedback_api.db.models import Feedback
from feedback_api.web.app import create_app

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
SUBMISSION = re.compile(r'name="submission" value="([^"]+)"')


@pytest.fixture
async def strict_client(settings, session):  # type: ignore[no-untyped-def]
    strict = settings.model_copy(
        update={"max_text_length": 20, "rate_limit_per_client": "6/minute"}
    )
    app = create_app(strict)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield client


async def _stored(session) -> int:  # type: ignore[no-untyped-def]
    await session.commit()
    count = int(await session.scalar(select(func.count(Feedback.id))) or 0)
    await session.rollback()  # hold no write lock while the app goes on
    return count


async def _post_form(client, slug: str, **fields: str) -> httpx.Response:  # type: ignore[no-untyped-def]
    page = (await client.get(f"/e/{slug}?lang=en")).text
    data = {
        "csrf_token": CSRF.search(page).group(1),
        "submission": SUBMISSION.search(page).group(1),
        "role": "resident",
        **fields,
    }
    return await client.post(f"/e/{slug}?lang=en", data=data)


async def test_the_form_is_rate_limited_per_client_like_the_api(
    strict_client, make, session
) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    answers = [await _post_form(strict_client, "kirjastorobotti", rating="4") for _ in range(10)]
    assert [a.status_code for a in answers] == [303] * 6 + [429] * 4
    refused = answers[-1]
    assert int(refused.headers["Retry-After"]) >= 1
    assert "Please wait" in refused.text and 'value="4"' in refused.text  # answers kept
    assert await _stored(session) == 6
    # The same client's API submissions count against the same limit.
    api = await strict_client.post(
        "/api/v1/experiments/kirjastorobotti/feedback", json={"rating": 3}
    )
    assert api.status_code == 429 and await _stored(session) == 6


async def test_the_text_length_setting_applies_to_the_form_and_the_api(
    strict_client, make, session
) -> None:
    await make.experiment("Kirjastorobotti", slug="kirjastorobotti")
    form = await _post_form(strict_client, "kirjastorobotti", text="a" * 21)
    assert form.status_code == 422
    assert "The comment is too long: 21 characters, at most 20." in form.text
    api = await strict_client.post(
        "/api/v1/experiments/kirjastorobotti/feedback", json={"text": "a" * 21}
    )
    assert api.status_code == 422 and "20 characters" in api.json()["detail"]
    fits = await _post_form(strict_client, "kirjastorobotti", text="a" * 20)
    assert fits.status_code == 303
    assert await _stored(session) == 1
