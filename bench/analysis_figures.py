"""Analysis figures via bench/bench_analysis.py: texts/s, and training time and peak memory
per size, each size in its own subprocess (peak RSS is per process)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TRAIN_SIZES = [
    int(s) for s in os.environ.get("KOKEILU_BENCH_TRAIN_SIZES", "10000,100000").split(",")
]
_TRAINING = re.compile(
    r"training: (\w+) on ([\d,]+) texts in ([\d.]+)s \(peak RSS (\d+) MB, (\d+) MB before"
)


def _throughput() -> dict[str, Any]:
    from bench.bench_analysis import bench_throughput

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        bench_throughput(20_000)
    match = re.search(r"([\d,]+) texts/s", out.getvalue())
    return {"texts_per_s": float(match.group(1).replace(",", "")) if match else None}


def _training(n: int) -> list[dict[str, Any]]:
    code = f"from bench.bench_analysis import bench_training; bench_training({n})"
    begin = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    wall = time.perf_counter() - begin
    rows = []
    for kind, size, seconds, peak, before in _TRAINING.findall(out):
        rows.append(
            {
                "model": kind,
                "texts": int(size.replace(",", "")),
                "fit_s": float(seconds),
                "peak_rss_mb": int(peak),
                "rss_before_mb": int(before),
                "process_s": round(wall, 1),
            }
        )
    return rows


def run(figures: dict[str, Any]) -> None:
    result = _throughput()
    figures["analysis_throughput"] = result
    print(f"analysis throughput      {result['texts_per_s']:8,.0f} texts/s (one core)", flush=True)
    training = []
    for n in TRAIN_SIZES:
        for row in _training(n):
            training.append(row)
            print(
                f"analysis training {row['model']:9s} {row['texts']:>9,} texts"
                f"  {row['fit_s']:6.1f} s  peak RSS {row['peak_rss_mb']} MB"
                f" ({row['rss_before_mb']} MB before)",
                flush=True,
            )
    figures["analysis_training"] = training
    if len(training) >= 4:
        # Linear in n (streamed mini-batches): extrapolate the largest measured size to 1M.
        largest = max(r["texts"] for r in training)
        for row in (r for r in training if r["texts"] == largest):
            if largest < 1_000_000:
                est = row["fit_s"] * 1_000_000 / largest
                figures[f"analysis_training_{row['model']}_1M_estimate_s"] = round(est, 1)
                print(
                    f"analysis training {row['model']:9s} 1,000,000 texts ~{est:6.1f} s"
                    " (extrapolated linearly, not run)",
                    flush=True,
                )


if __name__ == "__main__":
    run({})
