"""bestvalue setup: bring a database up to date and load the reference data. Safe to repeat.

On PostgreSQL it first creates the database named in DATABASE_URL when it does not exist and the
user may create databases. With DEBUG off it also collects the static files (whitenoise serves
them, hashed). `--local` makes var/ a local install first (bestvalue/cli.py writes the marker
before the settings are read; see bestvalue/core/env.py)."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import OperationalError, connection

# Loaders in the order they depend on each other; each is idempotent.
LOADERS = ["load_authorities", "load_register"]


def _create_database_if_missing() -> str | None:
    """The name of the PostgreSQL database created, or None when it already existed."""
    if connection.vendor != "postgresql":
        return None
    try:
        connection.ensure_connection()
        return None
    except OperationalError as exc:
        if "does not exist" not in str(exc):
            raise
    name = str(settings.DATABASES["default"]["NAME"])
    try:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
    except Exception as exc:
        raise CommandError(
            f"The database {name} does not exist and could not be created ({exc}). "
            f"Create it: createdb {name}"
        ) from exc
    connection.close()
    return name


class Command(BaseCommand):
    help = (
        "Apply migrations and load all reference data. Running it again changes nothing. "
        "On PostgreSQL the database is created first if it does not exist."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--local",
            action="store_true",
            help="Make var/ a local install first: it generates its own secret key and serves "
            "the local host names with DEBUG off (what ./scripts/serve does).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        created = _create_database_if_missing()
        if created:
            self.stdout.write(f"Created the PostgreSQL database {created}.")
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        for loader in LOADERS:
            call_command(loader, verbosity=verbosity, stdout=self.stdout)
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
