"""bestvalue audit verify | checkpoint: check the audit log; record the chain's head."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bestvalue.audit.checkpoints import read_checkpoints, record_checkpoint
from bestvalue.audit.verification import verify_chain


class Command(BaseCommand):
    help = "Work with the audit log, the append-only record of every change made in the service."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(
            dest="subcommand", required=True, title="subcommands", metavar="SUBCOMMAND"
        )
        verify = subcommands.add_parser(
            "verify",
            help="Check every event against its hash and the one before it.",
            description=(
                "Read the whole audit log in order and check that each event still matches its "
                "hash (keyed with AUDIT_KEY), links to the event before it, and that none is "
                "missing. With --checkpoints, also check that the log is as long as every "
                "checkpoint says and agrees with each. Prints the first event that fails and "
                "exits with status 1; exits with status 0 if the chain is intact. Read-only: "
                "safe to run at any time, for example from cron."
            ),
        )
        verify.add_argument(
            "--checkpoints",
            metavar="FILE_OR_URL",
            help="A copy of /audit/checkpoints.json (a file), or its http(s) URL.",
        )
        subcommands.add_parser(
            "checkpoint",
            help="Record the chain's head (sequence, hash, time), published at "
            "/audit/checkpoints.json.",
            description=(
                "Record the audit chain's head as a checkpoint. Checkpoints are public at "
                "/audit/checkpoints.json so that others can keep copies; a log later cut short "
                "or rewritten no longer agrees with them. The reminder worker records one a day."
            ),
        )

    def handle(
        self, *args: Any, subcommand: str, checkpoints: str | None = None, **options: Any
    ) -> None:
        if subcommand == "checkpoint":
            checkpoint = record_checkpoint()
            self.stdout.write(
                f"Checkpoint recorded: event {checkpoint.sequence:,}, hash {checkpoint.hash}."
            )
            return
        try:
            copies = read_checkpoints(checkpoints) if checkpoints else []
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        result = verify_chain(copies)
        if not result.ok:
            raise CommandError(result.summary)
        self.stdout.write(result.summary)
