"""bestvalue load-interventions: load the register's inspections and interventions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError, CommandParser

from bestvalue.interventions.loader import load_interventions
from bestvalue.interventions.register import RegisterDataError

# The register ships with the notices app; reading the file does not import that app.
REGISTER_FILE = Path(__file__).resolve().parents[3] / "notices" / "data" / "register.yaml"


class Command(BaseCommand):
    help = (
        "Load the statutory inspections and interventions from register.yaml. Safe to run again: "
        "unchanged records are left alone. Malformed data is refused with the record and field "
        "at fault, and nothing is loaded. Load the authorities first."
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
            # PyYAML builds dates while parsing, so an impossible date (2020-13-01) fails here.
            data = yaml.safe_load(file.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError, ValueError) as exc:
            raise CommandError(f"Nothing was loaded. {file} cannot be read: {exc}") from exc
        if not isinstance(data, dict) or not isinstance(data.get("interventions"), list):
            raise CommandError(f"Nothing was loaded. {file} has no 'interventions' list.")
        try:
            report = load_interventions(data["interventions"], source_name=file.name)
        except RegisterDataError as exc:
            raise CommandError(f"Nothing was loaded. {exc}") from exc
        self.stdout.write(
            f"Interventions: {len(report.created)} added, {len(report.updated)} updated, "
            f"{report.unchanged} unchanged."
        )
