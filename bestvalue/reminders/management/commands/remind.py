"""bestvalue remind: send the reminders due today, each once; from cron, or as a worker loop."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from bestvalue.audit.checkpoints import record_daily_checkpoint
from bestvalue.core import clock
from bestvalue.reminders.sending import RunReport, send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders due today (by email, or GOV.UK Notify when configured). Each reminder "
        "is sent once however often this runs, and by however many copies at once, so it is safe "
        "to run from cron every hour. A reminder that could not be sent is tried again on the "
        "next run; the command then exits with status 1."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Keep running, sending what is due every SECONDS (at least 60): a worker loop "
            "instead of cron. Stop it with Ctrl-C or SIGTERM.",
        )

    def handle(self, *args: Any, every: int | None = None, **options: Any) -> None:
        if every is None:
            report = self._run()
            if report.failed:
                raise CommandError(
                    f"{report.failed} reminders could not be sent; they will be tried again on "
                    "the next run."
                )
            return
        if every < 60:
            raise CommandError("--every must be at least 60 seconds.")
        while True:
            try:
                self._run()
            except Exception as exc:  # keep the worker alive; the next run tries again
                self.stderr.write(f"The reminder run failed: {exc}")
            # Closed between runs, so that no idle connection is held while it sleeps and a
            # database restart in the meantime does not break the next run.
            connections.close_all()
            time.sleep(every)

    def _run(self) -> RunReport:
        # The audit chain's daily checkpoint (bestvalue/audit/README.md): at most one a day.
        if record_daily_checkpoint(today=clock.today()) is not None:
            self.stdout.write("Audit checkpoint recorded for today.")
        report = send_due_reminders(clock.today())
        self.stdout.write(report.summary)
        for error in report.errors:
            self.stderr.write(f"Not sent: {error}")
        return report
