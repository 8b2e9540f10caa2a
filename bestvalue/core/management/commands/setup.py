"""bestvalue setup: bring a database up to date and load the reference data. Safe to repeat."""

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

# Loaders in the order they depend on each other; each is idempotent.
LOADERS = ["load_authorities", "load_register"]


class Command(BaseCommand):
    help = "Apply migrations and load all reference data. Running it again changes nothing."

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        for loader in LOADERS:
            call_command(loader, verbosity=verbosity, stdout=self.stdout)
