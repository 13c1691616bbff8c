"""Redis stops (a redis-server of the test's own, killed): /healthz says so, submissions
still work (the rate limiter fails open), and the bot on RedisStorage answers clearly and
never silently drops a conversation.
"""

from __future__ import annotations

import logging
import shutil

import httpx
from sqlalchemy import func, select

from feedback_api.db.models import Feedback
from feedback_api.web.app import create_app

from .conftest import add_experiment, make_settings, notices, prepare_database


async def _sqlite(tmp_path) -> str:  # type: ignore[no-untyped-def]
    url = f"sqlite+aiosqlite:///{tmp_path / 'kokeilu.sqlite3'}"
    await prepare_database(url)
    await add_experiment(url, "Kirjastorobotti", "kirjastorobotti")
    return url


async def _count(harness) -> int:  # type: ignore[no-untyped-def]
    async with harness.sessions() as session:
        return int(await session.scalar(select(func.count(Feedback.id))) or 0)


async def test_healthz_reports_redis_and_submissions_go_on_without_it(
    redis_process, tmp_path
) -> None:
    url = await _sqlite(tmp_path)
    settings = make_settings(
        url, tmp_path / "data", redis_url=redis_process.url, rate_limit_per_client="100/minute"
    )
    app = create_app(settings)
    submission = {"text": "Robotti toimi.", "rating": 5}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            healthy = await client.get("/healthz")
            first = await client.post(
                "/api/v1/experiments/kirjastorobotti/feedback", json=submission
            )

            redis_process.kill()
            down = await client.get("/healthz")
            during = [
                await client.post("/api/v1/experiments/kirjastorobotti/feedback", json=submission)
                for _ in range(3)
            ]

            redis_process.start()
            back = await client.get("/healthz")
            after = await client.post(
                "/api/v1/experiments/kirjastorobotti/feedback", json=submission
            )

    assert healthy.json() == {"status": "ok", "database": "ok", "redis": "ok"}
    assert first.status_code == 201
    assert down.status_code == 503
    assert down.json() == {"status": "unavailable", "database": "ok", "redis": "unavailable"}
    assert [r.status_code for r in during] == [201, 201, 201]
    assert back.status_code == 200 and back.json()["redis"] == "ok"
    assert after.status_code == 201


async def test_bot_on_redis_says_it_cannot_save_now_and_resumes_the_conversation(
    redis_process, tmp_path, make_harness, caplog
) -> None:
    url = await _sqlite(tmp_path)
    harness = make_harness(make_settings(url, tmp_path / "data", redis_url=redis_process.url))
    t = lambda key: harness.t(key, "sv")  # noqa: E731
    anna = harness.person(7_200_000_001, "sv")
    await anna.send("/start exp_kirjastorobotti")
    await anna.press(t("role.resident"))

    redis_process.kill()
    with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
        sent = await anna.press("4")
    # A clear, polite answer (and the press acknowledged), an error in the log.
    assert anna.texts(sent) == [t("error.unavailable")]
    assert any(type(r).__name__ == "AnswerCallbackQuery" for r in sent)
    assert [r.levelname for r in caplog.records] == ["ERROR"]
    assert "ConnectionError" in caplog.records[0].getMessage()

    # Redis back (its append-only file kept the state): the same press now works.
    redis_process.start()
    sent = await anna.press("4")
    assert anna.texts(sent)[0] == t("question.would_use")
    await anna.press(t("answer.would_use.yes"))
    await anna.send("Roboten hittade boken direkt.")
    assert await _count(harness) == 1


async def test_bot_on_redis_that_lost_its_data_says_so_instead_of_going_silent(
    redis_process, tmp_path, make_harness
) -> None:
    url = await _sqlite(tmp_path)
    harness = make_harness(make_settings(url, tmp_path / "data", redis_url=redis_process.url))
    t = lambda key: harness.t(key, "en")  # noqa: E731
    sam = harness.person(7_200_000_002, "en")
    await sam.send("/start exp_kirjastorobotti")
    await sam.press(t("role.resident"))

    # Redis without persistence restarts empty: the conversation state is gone.
    redis_process.kill()
    shutil.rmtree(redis_process.workdir)
    redis_process.start()
    sent = await sam.press("4")
    if sam.texts(sent) == [t("error.unavailable")]:
        # The client's pooled connection died with the old server and redis-py does not
        # retry it: one "try again shortly" first (see bot.storage.create_storage).
        sent = await sam.press("4")
    assert notices(sent) == [t("fallback.old_button")]
    sent = await sam.send("It was good")
    assert sam.texts(sent) == [t("fallback.idle")]
    assert await _count(harness) == 0
