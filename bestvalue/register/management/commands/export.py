"""bestvalue export KIND --format csv|json [--output FILE]: write an open dataset, streamed."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from bestvalue.register.opendata import writers
from bestvalue.register.opendata.datasets import DATASETS


class Progress:
    """A progress bar on stderr, redrawn in place when stderr is a terminal; elsewhere (logs,
    pipes) just the final count, so that logs are not filled with redraws."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream: TextIO) -> None:
        self.label, self.total, self.stream, self.done = label, total, stream, 0
        self.live = stream.isatty()
        self.step = max(total // 100, 1)

    def advance(self) -> None:
        self.done += 1
        if self.live and (self.done % self.step == 0 or self.done == self.total):
            self._draw()

    def _draw(self) -> None:
        share = self.done / self.total if self.total else 1
        filled = int(share * self.WIDTH)
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r{self.label} [{bar}] {self.done}/{self.total} rows")
        self.stream.flush()

    def finish(self) -> None:
        if self.live:
            self._draw()
            self.stream.write("\n")
        else:
            self.stream.write(f"{self.label}: {self.done} rows\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Write an open dataset (published records only) as CSV or JSON, the same as the "
        "download on /open-data/. Rows are read and written a chunk at a time, so memory stays "
        "flat however large the record. Progress goes to stderr."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=sorted(DATASETS), help="The dataset to write.")
        parser.add_argument("--format", choices=["csv", "json"], default="csv", dest="fmt")
        parser.add_argument(
            "--output", type=Path, help="The file to write (default: standard output)."
        )

    def handle(self, *args: Any, kind: str, fmt: str, output: Path | None, **options: Any) -> None:
        dataset = DATASETS[kind]
        base = settings.SITE_URL
        schema_url = base + reverse("register:dataset-schema", kwargs={"dataset": kind})
        progress = Progress(f"Exporting {kind}", dataset.count(), sys.stderr)
        counted = _counting(dataset, progress)
        chunks = (
            writers.csv_chunks(counted, base)
            if fmt == "csv"
            else writers.json_chunks(counted, base, schema_url)
        )
        if output is None:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
        else:
            try:
                with output.open("w", encoding="utf-8", newline="") as handle:
                    for chunk in chunks:
                        handle.write(chunk)
            except OSError as exc:
                raise CommandError(f"Cannot write {output}: {exc.strerror}") from None
        progress.finish()


def _counting(dataset: Any, progress: Progress) -> Any:
    """The dataset, with each row read advancing the progress bar."""
    from dataclasses import replace

    def rows() -> Any:
        return _Counted(dataset.rows(), progress)

    return replace(dataset, rows=rows)


class _Counted:
    """A queryset stand-in whose iterator advances the progress bar once per row."""

    def __init__(self, queryset: Any, progress: Progress) -> None:
        self.queryset, self.progress = queryset, progress

    def iterator(self, chunk_size: int) -> Any:
        for row in self.queryset.iterator(chunk_size=chunk_size):
            self.progress.advance()
            yield row
