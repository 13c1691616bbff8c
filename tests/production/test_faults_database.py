"""The database goes away mid-run and comes back (a TCP proxy in front of PostgreSQL).

While it is away: submissions get 503 with Retry-After and a plain message, /healthz says
503, the bot asks the resident to try again shortly and keeps the conversation. Nothing is
half-written, and service resumes by itself when the database is back.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import re
import time
from collections import Counter
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.models import Feedback
from feedback_api.web.app import create_app

from .conftest import add_experiment, feedback_body, make_settings, needs_postgres

LEAKS = re.compile(
    r"Traceback|File \"|sqlalchemy|asyncpg|SELECT|INSERT|Connect call failed"
    r"|127\.0\.0\.1|\d{4,5}\)",
    re.IGNORECASE,
)
pytestmark = needs_postgres


@pytest.fixture(scope="session")
def shared_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One data directory for in-process apps, so the analysis models load once."""
    return tmp_path_factory.mktemp("shared-data")


def assert_plain_503(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    detail = response.json()["detail"]
    assert isinstance(detail, str) and "try again" in detail
    assert not LEAKS.search(response.text), response.text


async def wait_healthy(client: httpx.AsyncClient, timeout: float = 20) -> float:
    """Seconds until /healthz says 200 again, without any restart."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if (await client.get("/healthz")).status_code == 200:
            return time.monotonic() - started
        await asyncio.sleep(0.2)
    raise AssertionError("the service did not recover by itself")


async def test_api_answers_503_while_the_database_is_away_and_recovers(
    pg_proxy, shared_data_dir
) -> None:
    proxy, url = pg_proxy
    experiment_id = await add_experiment(url, "Kirjastorobotti", "kirjastorobotti")
    # Classification on: themes and sentiment are written with the row, or not at all.
    app = create_app(make_settings(url, shared_data_dir, classify_on_submit=True, db_pool_size=5))
    answers: dict[str, list[httpx.Response]] = {}

    async def submit(client: httpx.AsyncClient, n: int) -> httpx.Response:
        key = f"fault-{n:04d}"
        response = await client.post(
            "/api/v1/experiments/kirjastorobotti/feedback",
            json=feedback_body(n),
            headers={"Idempotency-Key": key},
        )
        answers.setdefault(key, []).append(response)
        return response

    timeline: list[tuple[float, float, httpx.Response]] = []  # (sent, answered, response)
    numbers = itertools.count()
    stop = asyncio.Event()

    async def client_loop(client: httpx.AsyncClient) -> None:
        """One client submitting one after another; it pauses a little after a refusal."""
        while not stop.is_set():
            sent = time.monotonic()
            response = await submit(client, next(numbers))
            timeline.append((sent, time.monotonic(), response))
            await asyncio.sleep(0.005 if response.status_code == 201 else 0.05)

    async with app.router.lifespan_context(app):
        # Unhandled exceptions in the app would be raised here, not turned into a 500.
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            # Warm up (the models' first prediction is slow), then eight steady clients.
            assert (await submit(client, next(numbers))).status_code == 201
            loops = [asyncio.create_task(client_loop(client)) for _ in range(8)]
            await asyncio.sleep(1.0)
            cut_at = time.monotonic()
            await proxy.stop()  # mid-run: the database host vanishes
            await asyncio.sleep(0.5)
            health = await client.get("/healthz")
            await asyncio.sleep(1.0)
            back_at = time.monotonic()
            await proxy.start()
            healed_at = back_at + await wait_healthy(client)
            await asyncio.sleep(1.0)
            stop.set()
            await asyncio.gather(*loops)
            # Clients retry what was not acknowledged, with the same Idempotency-Key.
            retried = await asyncio.gather(
                *(
                    submit(client, int(key.removeprefix("fault-")))
                    for key, responses in answers.items()
                    if responses[-1].status_code != 201
                )
            )

    def codes(first: float, last: float) -> Counter[int]:
        return Counter(
            r.status_code for sent, done, r in timeline if first <= sent and done <= last
        )

    before, outage = codes(0, cut_at), codes(cut_at, back_at)
    cut = Counter(r.status_code for sent, done, r in timeline if sent < cut_at < done)
    after = codes(healed_at, float("inf"))
    print(
        f"\n[database outage] {len(timeline)} submissions from 8 clients: before {dict(before)}, "
        f"in flight at the cut {dict(cut)}, during {dict(outage)}, after "
        f"{dict(after)} (healthy {healed_at - back_at:.1f} s after the database came back); "
        f"retries {dict(Counter(r.status_code for r in retried))}"
    )
    assert set(before) == {201} and set(after) == {201}
    assert set(outage) == {503} and set(cut) <= {201, 503}
    for _sent, _done, response in timeline:
        if response.status_code != 201:
            assert_plain_503(response)
    assert health.status_code == 503
    assert health.json() == {"status": "unavailable", "database": "unavailable"}
    # A retry is stored (201) or finds what the cut-off attempt committed after all (200).
    assert {r.status_code for r in retried} <= {200, 201}

    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session:
            rows = (
                await session.scalars(
                    select(Feedback).where(Feedback.experiment_id == experiment_id)
                )
            ).all()
            duplicates = await session.scalar(
                select(func.count()).select_from(
                    select(Feedback.idempotency_key)
                    .group_by(Feedback.idempotency_key)
                    .having(func.count() > 1)
                    .subquery()
                )
            )
    finally:
        await engine.dispose()
    stored = {row.idempotency_key: row for row in rows}
    # Every submission stored exactly once, under the id its acknowledgement gave.
    assert duplicates == 0 and sorted(stored) == sorted(answers)
    for key, responses in answers.items():
        final = responses[-1]
        assert final.status_code in (200, 201)
        assert final.json()["id"] == stored[key].id
        for earlier in responses[:-1]:
            assert earlier.status_code == 503
    # Nothing half-written: each row carries its classification, written in its transaction.
    assert all(row.classified_at is not None and row.sentiment_label for row in rows)


async def test_bot_asks_to_try_again_shortly_and_keeps_the_conversation(
    pg_proxy, tmp_path, make_harness, caplog
) -> None:
    proxy, url = pg_proxy
    experiment_id = await add_experiment(url, "Kirjastorobotti", "kirjastorobotti")
    harness = make_harness(make_settings(url, tmp_path / "data"))
    t = lambda key: harness.t(key, "fi")  # noqa: E731
    maija = harness.person(7_100_000_001, "fi")
    await maija.reach_comment("kirjastorobotti", "fi")
    where = await harness.state(maija.user_id)
    assert where[0] == "Conversation:writing_comment"

    await proxy.stop()
    with caplog.at_level(logging.ERROR, logger="bot.handlers.errors"):
        typed = await maija.send("Robotti löysi kirjan heti.")
        skipped = await maija.press(t("button.skip"))
    assert maija.texts(typed) == [t("error.unavailable")]
    assert maija.texts(skipped) == [t("error.unavailable")]
    assert [r.levelname for r in caplog.records].count("ERROR") == 2
    assert "unavailable" in caplog.records[0].getMessage()

    await proxy.start()
    # The conversation waited where it was, and goes on as if nothing happened.
    assert await harness.state(maija.user_id) == where
    sent = await maija.send("Robotti löysi kirjan heti.")
    assert maija.texts(sent)[0].startswith(t("thanks.text").format(title="Kirjastorobotti")[:20])
    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session:
            texts = (
                await session.scalars(
                    select(Feedback.text).where(Feedback.experiment_id == experiment_id)
                )
            ).all()
    finally:
        await engine.dispose()
    assert texts == ["Robotti löysi kirjan heti."]


async def test_healthz_answers_within_seconds_when_the_database_stops_answering(
    pg_proxy, tmp_path
) -> None:
    proxy, url = pg_proxy
    app = create_app(make_settings(url, tmp_path / "data"))
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            assert (await client.get("/healthz")).status_code == 200
            proxy.pause()
            try:
                response = await asyncio.wait_for(client.get("/healthz"), 8)
            finally:
                proxy.resume()
    assert response.status_code == 503
