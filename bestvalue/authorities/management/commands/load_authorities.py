"""bestvalue load-authorities: load or refresh England's authorities from the reference files."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bestvalue.authorities.reference import DATA_DIR, ReferenceDataError
from bestvalue.authorities.services import load_authorities


class Command(BaseCommand):
    help = (
        "Load England's local authorities (codes, names, types, regions, combined-authority "
        "memberships) from the reference files. Safe to run again: unchanged data is left alone. "
        "A malformed file is refused with its file, line and reason, and nothing is loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=DATA_DIR,
            help="Folder holding the reference files (default: the copy shipped with the service).",
        )

    def handle(self, *args: Any, directory: Path, **options: Any) -> None:
        try:
            report = load_authorities(directory=directory)
        except ReferenceDataError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        self.stdout.write(
            f"Authorities: {len(report.created)} added, {len(report.updated)} updated, "
            f"{report.unchanged} unchanged."
        )
