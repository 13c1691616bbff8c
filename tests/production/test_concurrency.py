"""Many clients against real `kokeilu serve` workers: every 201 is stored, nothing twice.

The figures (requests, workers, concurrency, stored vs acknowledged, requests/s) are printed
for the issue note; run with ``-s`` to see them.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import os
import ssl
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from sqlalchemy import func, select

from feedback_api.db.engine import create_engine, create_session_factory
from feedback_api.db.models import Feedback

from .conftest import (
    CLEAN_EXIT,
    PG_URL,
    ServeProcess,
    add_experiment,
    feedback_body,
    needs_postgres,
    pg_execute,
    prepare_database,
    server_env,
    with_database,
)

BURST_KEY = "burst-0001"
# One TLS context for every client (httpx builds one per client otherwise; none is used).
TLS = ssl.create_default_context()


@dataclass
class LoadResult:
    statuses: Counter[int] = field(default_factory=Counter)
    ids: list[int] = field(default_factory=list)
    seconds: float = 0.0
    client_cpu: float = 0.0


async def hammer(
    base_url: str, slug: str, *, requests: int, concurrency: int, reconnect_every: int = 25
) -> LoadResult:
    """`requests` submissions from `concurrency` clients at once.

    Each client opens a new connection every `reconnect_every` requests, as clients behind
    a load balancer come and go, so the workers (which share one listening socket) each
    keep getting connections.
    """
    result = LoadResult()
    numbers = itertools.count()

    async def client_loop() -> None:
        done = False
        while not done:
            async with httpx.AsyncClient(base_url=base_url, timeout=60, verify=TLS) as client:
                for _ in range(reconnect_every):
                    if (n := next(numbers)) >= requests:
                        done = True
                        break
                    response = await client.post(
                        f"/api/v1/experiments/{slug}/feedback", json=feedback_body(n)
                    )
                    result.statuses[response.status_code] += 1
                    if response.status_code == 201:
                        result.ids.append(response.json()["id"])

    started, cpu = time.perf_counter(), time.process_time()
    await asyncio.gather(*(client_loop() for _ in range(concurrency)))
    result.seconds = time.perf_counter() - started
    result.client_cpu = time.process_time() - cpu
    return result


@dataclass
class Answer:
    status: int
    body: dict[str, object]
    worker: int | None


async def retry_burst(server: ServeProcess, slug: str, *, clients: int) -> list[Answer]:
    """`clients` connections send one submission with the same Idempotency-Key at once.

    The connections are opened one by one first (so that both workers accept some: the one
    that wakes up first would otherwise take a whole simultaneous batch), and each is traced
    to the worker process that holds it; then every request is sent at the same moment.
    """
    payload = json.dumps(
        {"text": "Sama palaute, monta yritystä.", "rating": 4, "would_use": "yes"}
    ).encode()
    request = (
        f"POST /api/v1/experiments/{slug}/feedback HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\nContent-Type: application/json\r\n"
        f"Idempotency-Key: {BURST_KEY}\r\nContent-Length: {len(payload)}\r\n"
        "Connection: close\r\n\r\n"
    ).encode() + payload
    connections = []
    for _ in range(clients):
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        connections.append((reader, writer))
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)
    workers = [
        server.worker_of_client_port(w.get_extra_info("sockname")[1]) for _, w in connections
    ]
    go = asyncio.Event()

    async def send(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> bytes:
        await go.wait()
        writer.write(request)
        await writer.drain()
        answer = await reader.read()
        writer.close()
        return answer

    tasks = [asyncio.create_task(send(r, w)) for r, w in connections]
    await asyncio.sleep(0.05)
    go.set()
    raw = await asyncio.gather(*tasks)
    answers = []
    for data, worker in zip(raw, workers, strict=True):
        head, _, content = data.partition(b"\r\n\r\n")
        answers.append(Answer(int(head.split()[1]), json.loads(content), worker))
    return answers


async def stored(url: str, experiment_id: int) -> tuple[list[int], int]:
    """(ids of the experiment's feedback, rows carrying the burst's key)."""
    engine = create_engine(url, pool_size=1)
    try:
        async with create_session_factory(engine)() as session:
            ids = (
                await session.scalars(
                    select(Feedback.id).where(Feedback.experiment_id == experiment_id)
                )
            ).all()
            burst = await session.scalar(
                select(func.count(Feedback.id)).where(Feedback.idempotency_key == BURST_KEY)
            )
            return list(ids), int(burst or 0)
    finally:
        await engine.dispose()


@dataclass
class Scenario:
    label: str
    url: str
    experiment_id: int
    server: ServeProcess
    requests: int
    concurrency: int
    pool_size: int


SCENARIOS = {
    # label: (workers, requests, concurrent clients, KOKEILU_DB_POOL_SIZE)
    "postgresql": (2, 3000, 64, 16),
    "sqlite": (1, 600, 32, 5),  # the embedded default: one process, one writer
}
BURST = 50


@pytest.fixture(scope="module")
async def scenarios(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[dict[str, Scenario]]:
    """Both servers, started together: on a small machine most of their start is importing
    the app, which they then do side by side. PostgreSQL gets a fresh database, dropped after."""
    workdir = tmp_path_factory.mktemp("concurrency")
    urls = {"sqlite": f"sqlite+aiosqlite:///{workdir / 'kokeilu.sqlite3'}"}
    pg_name = f"kokeilu_prod_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    if PG_URL:
        await pg_execute(PG_URL, f'CREATE DATABASE "{pg_name}"')
        urls["postgresql"] = with_database(PG_URL, pg_name)
    made: dict[str, Scenario] = {}
    try:
        for label, url in urls.items():
            workers, requests, concurrency, pool_size = SCENARIOS[label]
            await prepare_database(url)
            env = server_env(
                url,
                workdir / f"{label}-data",
                rate_limit_per_client="",
                rate_limit_per_respondent="",
                db_pool_size=str(pool_size),
                # The store path is under test; classification is CPU work on the side.
                classify_on_submit="false",
            )
            made[label] = Scenario(
                label,
                url,
                await add_experiment(url, "Kirjastorobotti", "kirjastorobotti"),
                ServeProcess(env, workers=workers, workdir=workdir / label),
                requests,
                concurrency,
                pool_size,
            )
        for scenario in made.values():
            scenario.server.start()
        await asyncio.gather(*(scenario.server.wait_ready() for scenario in made.values()))
        yield made
    finally:
        for scenario in made.values():
            with contextlib.suppress(AssertionError):
                scenario.server.stop()
        if PG_URL:
            await pg_execute(PG_URL, f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')


async def run_scenario(scenario: Scenario) -> None:
    server, label, requests = scenario.server, scenario.label, scenario.requests
    pids = server.worker_pids() or [server.pid]
    cpu_before = {pid: server.cpu_seconds(pid) for pid in pids}
    load = await hammer(
        server.base_url, "kirjastorobotti", requests=requests, concurrency=scenario.concurrency
    )
    cpu_after = {pid: server.cpu_seconds(pid) for pid in pids}
    answers = await retry_burst(server, "kirjastorobotti", clients=BURST)

    assert server.stop() in CLEAN_EXIT, server.log()[-3000:]
    log = server.log()
    ids, burst_rows = await stored(scenario.url, scenario.experiment_id)

    acknowledged = load.statuses[201]
    retry_codes = Counter(a.status for a in answers)
    retry_ids = {a.body["id"] for a in answers}
    retry_workers = Counter(a.worker for a in answers)
    print(
        f"\n[{label}] {requests} submissions, {server.workers} worker(s), "
        f"{scenario.concurrency} concurrent clients, pool {scenario.pool_size}+"
        f"{scenario.pool_size} per worker: {acknowledged} acknowledged (201), "
        f"{len(set(ids) - retry_ids)} stored; {requests / load.seconds:.0f} requests/s "
        f"({load.seconds:.1f} s); statuses {dict(load.statuses)}; CPU seconds: "
        f"test client {load.client_cpu:.1f}, workers "
        + ", ".join(f"{pid}: {cpu_after[pid] - cpu_before[pid]:.1f}" for pid in pids)
        + f"\n[{label}] {BURST} concurrent retries with one Idempotency-Key, connections per "
        f"worker {dict(retry_workers)}: statuses {dict(retry_codes)}, {burst_rows} row, "
        f"{len(retry_ids)} distinct id"
    )
    # Every submission was acknowledged, and what was acknowledged is exactly what is stored.
    assert load.statuses == Counter({201: requests})
    assert len(set(load.ids)) == acknowledged
    assert sorted(set(ids) - retry_ids) == sorted(load.ids)
    # The retries, spread over the workers: one row, one id, one 201 and replays for the rest.
    assert burst_rows == 1 and len(retry_ids) == 1
    assert retry_codes == Counter({201: 1, 200: BURST - 1})
    assert None not in retry_workers and len(retry_workers) == server.workers
    # Every worker took a share of the load (a quarter of the mean at least: a fixed number
    # of CPU seconds depends on the machine); no request ended in an unhandled exception.
    used = [cpu_after[pid] - cpu_before[pid] for pid in pids]
    assert all(share > 0.25 * sum(used) / len(used) for share in used), used
    assert "Traceback" not in log and "Exception in ASGI application" not in log


@needs_postgres
async def test_two_workers_on_postgresql_store_exactly_what_they_acknowledge(scenarios) -> None:
    await run_scenario(scenarios["postgresql"])


async def test_one_worker_on_sqlite_stores_exactly_what_it_acknowledges(scenarios) -> None:
    await run_scenario(scenarios["sqlite"])
