"""Runs every benchmark, prints each figure with its ratio to its floor, records the run.

    python -m bench            (make bench)

Results: bench/results/<timestamp>.json and a markdown table, with machine and commit.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import analysis_figures, bot, intake, reports

RESULTS = Path(__file__).with_name("results")


def machine() -> dict[str, Any]:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": sys.version.split()[0],
        "commit": commit,
        "load_avg_at_start": os.getloadavg()[0],
    }


def markdown(run: dict[str, Any]) -> str:
    f = run["figures"]
    lines = [
        f"# bench {run['started_at']}",
        "",
        f"commit `{run['machine']['commit']}`, {run['machine']['nproc']} × {run['machine']['cpu']},"
        f" load {run['machine']['load_avg_at_start']:.1f} at start",
        "",
        "| figure | value | floor | ratio |",
        "| --- | ---: | ---: | ---: |",
    ]
    floor = f.get("intake_floor")
    for kind in ("sqlite", "sqlite_unclassified", "postgres", "postgres_unclassified"):
        r = f.get(f"intake_{kind}")
        if r and floor:
            lines.append(
                f"| intake {kind} req/s (p50 {r['p50_ms']} ms, p99 {r['p99_ms']} ms; stored "
                f"{r['stored']} / acked {r['acknowledged_total']}, unclassified after stop "
                f"{r.get('unclassified', '?')}) | {r['rps']} | {floor['rps']}"
                f" (p99 {floor['p99_ms']} ms) | {r['ratio_to_floor']} |"
            )
    echo = f.get("bot_echo_floor")
    for key, label in (
        ("bot_echo_db_floor_sqlite", "bot echo + 1 transaction per update (SQLite)"),
        ("bot_sqlite", "bot SQLite"),
        ("bot_postgres", "bot PostgreSQL"),
    ):
        r = f.get(key)
        if r and echo:
            extra = (
                f"; {r['ratio_to_db_floor']} of echo + 1 transaction"
                if "ratio_to_db_floor" in r
                else ""
            )
            lines.append(
                f"| {label} conversations/s{extra} | {r['conversations_per_s']} |"
                f" {echo['conversations_per_s']} (echo) | {r['ratio_to_floor']} |"
            )
    if "analysis_throughput" in f:
        lines.append(f"| analysis texts/s | {f['analysis_throughput']['texts_per_s']} | | |")
    for row in f.get("analysis_training", []):
        lines.append(
            f"| training {row['model']} {row['texts']:,} texts: s (peak RSS MB) |"
            f" {row['fit_s']} ({row['peak_rss_mb']}) | | |"
        )
    for key, value in f.items():
        if key.startswith("report_sqlite_") and isinstance(value, dict):
            after = value.get("after_burst_s")
            cold = value.get("cold_s")
            detail = (
                f" (after 100 new {after * 1000:.0f}; cold first report {cold:.1f} s)"
                if after is not None and cold is not None
                else ""
            )
            lines.append(
                f"| report {value['rows']:,} rows: ms{detail} | {value['report_s'] * 1000:.0f} |"
                f" 1000 (goal) | {value['ratio_to_goal_1s']} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    started = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    run: dict[str, Any] = {"started_at": started, "machine": machine(), "figures": {}}
    begin = time.perf_counter()
    only = set(sys.argv[1:])
    for name, module in (
        ("intake", intake),
        ("bot", bot),
        ("analysis", analysis_figures),
        ("reports", reports),
    ):
        if only and name not in only:
            continue
        try:
            module.run(run["figures"])
        except Exception as error:
            print(f"{name}: FAILED: {error!r}", flush=True)
            run["figures"][f"{name}_error"] = repr(error)
    run["elapsed_s"] = round(time.perf_counter() - begin, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{started}.json").write_text(json.dumps(run, indent=2) + "\n")
    (RESULTS / f"{started}.md").write_text(markdown(run))
    print(f"recorded bench/results/{started}.json ({run['elapsed_s']} s)")


if __name__ == "__main__":
    main()
