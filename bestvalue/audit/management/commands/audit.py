"""bestvalue audit verify: check that no audit event has been altered or removed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bestvalue.audit.verification import verify_chain


class Command(BaseCommand):
    help = "Work with the audit log, the append-only record of every change made in the service."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(
            dest="subcommand", required=True, title="subcommands", metavar="SUBCOMMAND"
        )
        subcommands.add_parser(
            "verify",
            help="Check every event against its hash and the one before it.",
            description=(
                "Read the whole audit log in order and check that each event still matches its "
                "hash, links to the event before it, and that none is missing. Prints the first "
                "event that fails and exits with status 1; exits with status 0 if the chain is "
                "intact. Read-only: safe to run at any time, for example from cron."
            ),
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        # Only one subcommand so far; argparse has already refused any other.
        result = verify_chain()
        if not result.ok:
            raise CommandError(result.summary)
        self.stdout.write(result.summary)
