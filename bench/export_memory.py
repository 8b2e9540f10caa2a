"""Peak memory of a full export: every open dataset, as CSV and as JSON, through the command
people run (`bestvalue export KIND --format F --output FILE`), at each scale.

    .venv/bin/python bench/export_memory.py --database sqlite --scales 1 100
    .venv/bin/python bench/export_memory.py --database postgres --scales 1 100

Uses the data bench/run.py generated under var/bench/ (run it first, or give --generate). Each
export runs in its own process, so its maximum resident set size (the kernel's figure, from
wait4) is its own; tracemalloc's peak counts the Python objects it allocated beyond what Django
itself holds once set up. A streaming export's peak stays flat while the rows grow a hundredfold.
Writes bench/results/DATE-DATABASE-export-memory.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run  # bench/run.py: where each scale's data lives and how to serve it

KINDS = [
    "authorities",
    "notices",
    "grounds",
    "expectations",
    "outcomes",
    "inspections",
    "interventions",
    "appointees",
]
# Run in the child: Django set up first, so the peak counts the export and not the start-up.
CHILD = """
import json, sys, time, tracemalloc
import django
django.setup()
from django.core.management import call_command
from django.db import connection
connection.ensure_connection()
kind, fmt, output = sys.argv[1:4]
# Imported and resolved before tracing starts, so the peak is the export's and not the imports'.
from django.urls import reverse
from bestvalue.register.management.commands import export
reverse("register:dataset-schema", kwargs={"dataset": kind})
tracemalloc.start()
started = time.perf_counter()
if output != "-":  # "-": the baseline, everything but the export
    call_command("export", kind, "--format", fmt, "--output", output)
seconds = time.perf_counter() - started
print(json.dumps({"tracemalloc_peak": tracemalloc.get_traced_memory()[1], "seconds": seconds}))
"""


def _child(code: str, args: list[str], env: dict[str, str]) -> tuple[str, int]:
    """Run Python code in a child; its stdout and its maximum RSS in bytes."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [str(run.PYTHON), "-c", code, *args], cwd=run.ROOT, env=env, stdout=out, stderr=err
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            err.seek(0)
            raise RuntimeError(f"export {' '.join(args)} failed:\n{err.read().decode()[-3000:]}")
        out.seek(0)
        return out.read().decode(), usage.ru_maxrss * 1024  # kilobytes on Linux


def measure(database: str, scale: int) -> dict[str, Any]:
    var_dir, url = run._where(database, scale)
    if not (var_dir / "generated.json").exists():
        raise SystemExit(f"No data for {database} scale {scale}: run bench/run.py --queries-only")
    env = run._env(url, var_dir)
    _, baseline = _child(CHILD, ["notices", "csv", "-"], env)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in KINDS:
            for fmt in ("csv", "json"):
                output = Path(tmp) / f"{kind}.{fmt}"
                started = time.perf_counter()
                text, rss = _child(CHILD, [kind, fmt, str(output)], env)
                wall = time.perf_counter() - started
                measured = json.loads(text.strip().splitlines()[-1])
                with output.open("rb") as handle:
                    lines = sum(1 for _ in handle)
                rows.append(
                    {
                        "dataset": kind,
                        "format": fmt,
                        "bytes": output.stat().st_size,
                        "lines": lines,
                        "export_seconds": measured["seconds"],
                        "process_seconds": wall,
                        "max_rss": rss,
                        "tracemalloc_peak": measured["tracemalloc_peak"],
                    }
                )
                print(
                    f"  {database} scale {scale} {kind}.{fmt}: {rss / 2**20:.0f} MiB",
                    file=sys.stderr,
                )
    return {"scale": scale, "baseline_rss": baseline, "rows": rows, "load": run._load()}


def _mib(n: float) -> str:
    return f"{n / 2**20:.1f}"


def write(database: str, results: list[dict[str, Any]]) -> Path:
    scales = [r["scale"] for r in results]
    lines = [
        f"# Export memory: {database}, scale {' and '.join(map(str, scales))}",
        "",
        f"- When: {dt.datetime.now().astimezone().isoformat(timespec='minutes')}",
        f"- Machine: {run.platform.node()}; {os.cpu_count()} cores; Python "
        f"{run.platform.python_version()}",
        "- Load average (1, 5, 15 min) after each scale: "
        + "; ".join(f"scale {r['scale']}: {r['load']}" for r in results),
        "- Each export is `bestvalue export KIND --format F --output FILE` in a process of its "
        "own. Max RSS is the whole process (Python, Django, the database driver); the same "
        "process doing everything but the export (set up, connect, import) peaks at "
        + ", ".join(f"{_mib(r['baseline_rss'])} MiB at scale {r['scale']}" for r in results)
        + ". The tracemalloc peak is what the export itself allocated, at most, at once.",
        "",
    ]
    header = "| dataset | format |"
    rule = "|---|---|"
    for scale in scales:
        header += f" rows (scale {scale}) | MiB written | s | max RSS MiB | tracemalloc peak MiB |"
        rule += "---:|---:|---:|---:|---:|"
    lines += [header, rule]
    for i, row in enumerate(results[0]["rows"]):
        line = f"| {row['dataset']} | {row['format']} |"
        for result in results:
            r = result["rows"][i]
            rows = r["lines"] - 1 if r["format"] == "csv" else r["lines"] - 2
            line += (
                f" {rows:,} | {_mib(r['bytes'])} | {r['export_seconds']:.1f} | "
                f"{_mib(r['max_rss'])} | {_mib(r['tracemalloc_peak'])} |"
            )
        lines.append(line)
    for result in results:
        peak = max(result["rows"], key=lambda r: r["max_rss"])
        traced = max(result["rows"], key=lambda r: r["tracemalloc_peak"])
        lines.append("")
        lines.append(
            f"Scale {result['scale']}: the full export's peak is {_mib(peak['max_rss'])} MiB "
            f"resident ({peak['dataset']}.{peak['format']}); at most "
            f"{_mib(traced['tracemalloc_peak'])} MiB allocated by an export "
            f"({traced['dataset']}.{traced['format']}); "
            f"{sum(r['bytes'] for r in result['rows']) / 2**20:.1f} MiB written in "
            f"{sum(r['export_seconds'] for r in result['rows']):.0f} s."
        )
    path = run.RESULTS / f"{dt.date.today():%Y-%m-%d}-{database}-export-memory.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument(
        "--generate", action="store_true", help="generate any scale not generated yet"
    )
    args = parser.parse_args()
    results = []
    for scale in sorted(args.scales):
        if args.generate:
            run.prepare(args.database, scale, reuse=True)
        results.append(measure(args.database, scale))
    print(write(args.database, results).read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
