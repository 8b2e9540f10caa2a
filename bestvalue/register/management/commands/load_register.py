"""bestvalue load-register: load the real public record of notices and interventions."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bestvalue.interventions.loader import load_interventions
from bestvalue.interventions.register import RegisterDataError as InterventionDataError
from bestvalue.notices.loader import REGISTER_FILE, RegisterDataError, load_notices, read_register


class Command(BaseCommand):
    help = (
        "Load the public record of best value notices and interventions from register.yaml. "
        "Safe to run again: unchanged records are left alone. A malformed file is refused with the "
        "record and field at fault, and nothing is loaded."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=REGISTER_FILE,
            help="The register file (default: the copy shipped with the service).",
        )

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            data = read_register(file)
            with transaction.atomic():
                notices = load_notices(data["notices"], source_name=file.name)
                interventions = load_interventions(
                    data.get("interventions") or [], source_name=file.name
                )
        except (RegisterDataError, InterventionDataError) as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        for name, report in (("Notices", notices), ("Interventions", interventions)):
            self.stdout.write(
                f"{name}: {len(report.created)} added, {len(report.updated)} updated, "
                f"{report.unchanged} unchanged."
            )
