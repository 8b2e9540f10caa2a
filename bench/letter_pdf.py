"""How long a letter takes to generate as PDF (and as DOCX), for a realistic notice: the revised
notice to Cambridgeshire and Peterborough Combined Authority of 30 January 2024 as the register
holds it (3 grounds, 4 acknowledgements, 5 expectations: three A4 pages).

    DEBUG=true .venv/bin/python bench/letter_pdf.py --runs 30

No database: the notice is read from the register file shipped with the service, so the figure is
the cost of the letter alone (wording, template, WeasyPrint), which is what issuing adds to an
approval. Prints the median, fastest and slowest of N runs after one warm-up run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REGISTER = ROOT / "bestvalue" / "notices" / "data" / "register.yaml"
RECORD = "cpca-2024-01"


class _Items(list):  # type: ignore[type-arg]
    """A list that answers .all(), as a related manager does."""

    def all(self) -> _Items:
        return self


def _notice(records: dict[str, dict[str, Any]], record_id: str) -> SimpleNamespace:
    record = records[record_id]
    previous = record.get("replaces")
    item = SimpleNamespace
    return SimpleNamespace(
        reference=f"BVN-{record['issued_on'].year}-001",
        department=record["department"],
        authority=SimpleNamespace(official_name=record["authority_name"]),
        addressee_name=record["addressee"]["name"],
        addressee_role=record["addressee"]["role"],
        signatory_name=record["signatory"]["name"],
        signatory_role=record["signatory"]["role"],
        issued_on=record["issued_on"],
        period_months=record["period_months"],
        expires_on=record["expires_on"],
        replaces=_notice(records, previous) if previous else None,
        replaces_id=1 if previous else None,
        grounds=_Items(item(text=g["text"], source_document="") for g in record["grounds"]),
        acknowledgements=_Items(item(text=a) for a in record["acknowledgements"]),
        expectations=_Items(item(text=e["text"]) for e in record["expectations"]),
    )


def _time(function: Any, runs: int) -> list[float]:
    function()  # warm-up: fonts, templates and WeasyPrint's caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestvalue.settings")
    import django
    import yaml

    django.setup()
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its progress messages
    from bestvalue.letters.content import notice_letter
    from bestvalue.letters.rendering import render_docx, render_pdf

    records = {r["id"]: r for r in yaml.safe_load(REGISTER.read_text(encoding="utf-8"))["notices"]}
    letter = notice_letter(_notice(records, RECORD), draft=False)
    pdf = render_pdf(letter)
    print(
        f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, {dt.date.today()}"
    )
    print(f"Letter: {letter.title}, {letter.reference}, {len(pdf):,} bytes as PDF")
    for name, render in (("PDF", render_pdf), ("DOCX", render_docx)):
        times = _time(lambda render=render: render(letter), args.runs)
        print(
            f"{name:4}: median {statistics.median(times) * 1000:.0f} ms over {args.runs} runs "
            f"(fastest {min(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()
