"""Intake over HTTP: wrk against uvicorn serving the real app (SQLite, PostgreSQL) and the floor.

Every acknowledged (2xx) submission must be stored: after each run the rows are counted
against wrk's 2xx count.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

from bench.common import SAMPLE_BODIES, free_port, pg_available, scratch_database, seed_experiment

ROOT = Path(__file__).resolve().parents[1]
LUA = Path(__file__).with_name("post.lua")
CONNECTIONS = 32
DURATION_S = int(os.environ.get("KOKEILU_BENCH_SECONDS", "12"))
WARMUP_S = 2


def _wait_ready(port: int, proc: subprocess.Popen[bytes], timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("server did not start")


def _start_server(factory: str, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        factory,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **env})
    _wait_ready(port, proc)
    return proc


def _stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.send_signal(signal.SIGINT)  # graceful: in-flight requests finish, lifespan drains
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def run_wrk(port: int, path: str, seconds: int, prefix: str) -> dict[str, Any]:
    bodies = [json.dumps(b, ensure_ascii=False) for b in SAMPLE_BODIES]
    command = [
        "wrk",
        "-t1",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        f"http://127.0.0.1:{port}",
        "--",
        path,
        prefix,
        *bodies,
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    match = re.search(r"^WRK_JSON (.*)$", out, re.MULTILINE)
    if not match:
        raise RuntimeError(f"no summary from wrk:\n{out}")
    raw = json.loads(match.group(1))
    seconds_run = raw["duration_us"] / 1e6
    acked = raw["requests"] - raw["status_errors"]
    return {
        "requests": raw["requests"],
        "acknowledged": acked,
        "errors": raw["status_errors"]
        + raw["connect_errors"]
        + raw["read_errors"]
        + raw["write_errors"]
        + raw["timeouts"],
        "rps": round(acked / seconds_run, 1),
        "p50_ms": round(raw["p50_us"] / 1000, 2),
        "p99_ms": round(raw["p99_us"] / 1000, 2),
        "max_ms": round(raw["max_us"] / 1000, 2),
    }


async def _count_rows(url: str) -> tuple[int, int]:
    """Stored feedback, and how many of it are not classified."""
    from sqlalchemy import text

    from feedback_api.db.engine import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    text("SELECT count(*), count(*) - count(classified_at) FROM feedback")
                )
            ).one()
            return int(row[0]), int(row[1])
    finally:
        await engine.dispose()


def bench_floor() -> dict[str, Any]:
    port = free_port()
    proc = _start_server("bench.floor_app:create_floor_app", {}, port)
    try:
        path = "/api/v1/experiments/1/feedback"
        run_wrk(port, path, WARMUP_S, "warm")
        return run_wrk(port, path, DURATION_S, "floor")
    finally:
        _stop_server(proc)


def bench_real(kind: str, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    with scratch_database(kind) as url, tempfile.TemporaryDirectory() as data_dir:
        slug = "bench-library-robot"
        asyncio.run(seed_experiment(url, slug))
        env = {
            "KOKEILU_DATABASE_URL": url,
            "KOKEILU_DATA_DIR": data_dir,
            "KOKEILU_SECRET_KEY": "bench-secret-key-0123456789abcdef0123456789",
            "KOKEILU_RATE_LIMIT_PER_CLIENT": "",
            "KOKEILU_RATE_LIMIT_PER_RESPONDENT": "",
            **(extra_env or {}),
        }
        port = free_port()
        proc = _start_server("feedback_api.web.app:create_app", env, port)
        try:
            path = f"/api/v1/experiments/{slug}/feedback"
            warm = run_wrk(port, path, WARMUP_S, "warm")
            result = run_wrk(port, path, DURATION_S, "run")
        finally:
            _stop_server(proc)
        stored, unclassified = asyncio.run(_count_rows(url))
        acknowledged = warm["acknowledged"] + result["acknowledged"]
        result.update(
            backend=kind,
            stored=stored,
            acknowledged_total=acknowledged,
            lost=max(0, acknowledged - stored),
            # after the server stopped: a writer that deferred classification under the burst
            # has labelled every row by then (0 expected when classifying)
            unclassified=unclassified,
        )
        return result


def run(figures: dict[str, Any]) -> None:
    if shutil.which("wrk") is None:
        print("intake: wrk not installed (apt-get install -y wrk); skipped")
        return
    floor = bench_floor()
    figures["intake_floor"] = floor
    _print("floor (bare FastAPI)", floor, floor)
    backends = ["sqlite"] + (["postgres"] if pg_available() else [])
    # Classification at intake is measured on and off: off, rows wait for `kokeilu classify`.
    variants = [("", {}), ("_unclassified", {"KOKEILU_CLASSIFY_ON_SUBMIT": "false"})]
    for kind in backends:
        for suffix, env in variants:
            try:
                result = bench_real(kind, env)
            except Exception as error:
                print(f"intake {kind}{suffix}: FAILED: {error!r}", flush=True)
                figures[f"intake_{kind}{suffix}_error"] = repr(error)
                continue
            result["ratio_to_floor"] = round(result["rps"] / floor["rps"], 3)
            figures[f"intake_{kind}{suffix}"] = result
            _print(kind + suffix, result, floor)


def _print(name: str, result: dict[str, Any], floor: dict[str, Any]) -> None:
    extra = ""
    if "stored" in result:
        extra = (
            f"  stored {result['stored']} / acknowledged {result['acknowledged_total']}"
            f" (lost {result['lost']}, unclassified {result['unclassified']})"
        )
    print(
        f"intake {name:22s} {result['rps']:8.0f} req/s  p50 {result['p50_ms']:6.1f} ms"
        f"  p99 {result['p99_ms']:6.1f} ms  ratio {result['rps'] / floor['rps']:.2f}"
        f"  errors {result['errors']}{extra}",
        flush=True,
    )


if __name__ == "__main__":
    run({})
