"""Peak memory of the improvement record's Excel export (core.spreadsheets, openpyxl's write-only
mode), for a plan far larger than any generated one: ROWS actions and 20 readings each.

    .venv/bin/python bench/improvement_export_memory.py --rows 5000 50000

The rows are made as the export reads them (one at a time, as `queryset.iterator()` gives them),
so the figure is the writer's: tracemalloc's peak of Python allocations while the workbook is
written, and the process's maximum resident set size. Flat across sizes means it streams.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import time
import tracemalloc
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bestvalue.core.spreadsheets import xlsx_bytes

DAY = dt.date(2024, 1, 1)


def _plan(rows: int) -> Iterator[tuple[Any, ...]]:
    for n in range(1, rows + 1):
        yield (
            n,
            f"Action {n}: deliver the medium-term financial strategy's savings in the service",
            "A longer description of what will be done, by whom and how progress is shown. " * 3,
            "BVN-2024-001 1, BVN-2024-001 3",
            "Leadership, Governance",
            "Section 151 officer",
            DAY + dt.timedelta(days=n % 700),
            "On track",
            "No",
            "Published",
        )


def _readings(rows: int) -> Iterator[tuple[Any, ...]]:
    for n in range(rows * 20):
        yield (
            f"Measure {n % 50}",
            "%",
            DAY + dt.timedelta(days=n % 3000),
            Decimal(n % 1000) / 10,
            "Quarterly survey",
        )


def measure(rows: int) -> dict[str, float]:
    sheets = [
        (
            "Plan",
            ("Number", "Action", "Description", "E", "T", "O", "Due", "S", "O", "P"),
            _plan(rows),
        ),
        ("Readings", ("Measure", "Unit", "Date", "Value", "Source"), _readings(rows)),
    ]
    tracemalloc.start()
    started = time.perf_counter()
    size = len(xlsx_bytes(sheets))
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "rows": rows,
        "readings": rows * 20,
        "file_mib": size / 2**20,
        "tracemalloc_peak_mib": peak / 2**20,
        "max_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "seconds": seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[5000, 50000])
    for rows in parser.parse_args().rows:
        r = measure(rows)
        print(
            f"{r['rows']:>7,} actions, {r['readings']:>9,} readings: file {r['file_mib']:.1f} MiB, "
            f"tracemalloc peak {r['tracemalloc_peak_mib']:.1f} MiB, max RSS {r['max_rss_mib']:.1f} MiB, "
            f"{r['seconds']:.1f} s"
        )


if __name__ == "__main__":
    main()
