"""Fresh set-up time: from an empty database to a service with every authority and the real
register loaded, by the command the README's set-up runs (`bestvalue setup`: migrate, load the
authorities, load the register), on SQLite and PostgreSQL.

    .venv/bin/python bench/setup_time.py --databases sqlite postgres --runs 3

Each run starts from nothing (a new SQLite file; on PostgreSQL the database bench_setup dropped
and created again), and times the command as a user would wait for it, process start-up
included. One more fresh database is set up step by step to show where the time goes, and
`bestvalue setup` is then run again on it, which should change nothing and take little time.
Writes bench/results/DATE-setup-time.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # bench/run.py: the benchmark's environment

BESTVALUE = run.ROOT / ".venv" / "bin" / "bestvalue"
STEPS = [["migrate"], ["load-authorities"], ["load-register"]]


def _fresh(database: str) -> dict[str, str]:
    """An empty database (and var directory) and the environment that points at it."""
    var_dir = run.ROOT / "var" / "bench" / f"setup-{database}"
    shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True)
    if database == "sqlite":
        return run._env(f"sqlite:///{var_dir / 'bench.sqlite3'}", var_dir)
    server = ["-h", "127.0.0.1", "-U", "postgres"]
    subprocess.run(["dropdb", "--if-exists", *server, "bench_setup"], check=True)
    subprocess.run(["createdb", *server, "bench_setup"], check=True)
    return run._env(f"{run.POSTGRES}bench_setup", var_dir)


def _timed(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        [str(BESTVALUE), *args], cwd=run.ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def measure(database: str, runs: int) -> dict[str, Any]:
    times = [_timed(["setup"], _fresh(database)) for _ in range(runs)]
    env = _fresh(database)
    steps = {" ".join(step): _timed(step, env) for step in STEPS}
    again = _timed(["setup"], env)
    return {"database": database, "times": times, "steps": steps, "again": again}


def write(results: list[dict[str, Any]], load_start: str) -> Path:
    lines = [
        "# Fresh set-up time",
        "",
        f"- When: {dt.datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"- Machine: {run.platform.node()}; {os.cpu_count()} cores; Python "
        f"{run.platform.python_version()}",
        f"- Load average (1, 5, 15 min) at start: {load_start}; at end: {run._load()}",
        "- `bestvalue setup` on an empty database, process start-up included; DEBUG off.",
        "",
        "| database | runs | median s | fastest s | slowest s | migrate s | load-authorities s "
        "| load-register s | setup again s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        times, steps = r["times"], r["steps"]
        lines.append(
            f"| {r['database']} | {len(times)} | {statistics.median(times):.1f} | "
            f"{min(times):.1f} | {max(times):.1f} | {steps['migrate']:.1f} | "
            f"{steps['load-authorities']:.1f} | {steps['load-register']:.1f} | {r['again']:.1f} |"
        )
    path = run.RESULTS / f"{dt.date.today():%Y-%m-%d}-setup-time.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--databases", nargs="+", choices=["sqlite", "postgres"], default=["sqlite", "postgres"]
    )
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load_start = run._load()
    results = [measure(database, args.runs) for database in args.databases]
    print(write(results, load_start).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
