"""bestvalue send-alerts: email each published change, once, to each subscriber who chose it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bestvalue.alerts.sending import send_alerts
from bestvalue.register.alerts_views import alert_source


class Command(BaseCommand):
    help = (
        "Email subscribers the changes published since they confirmed (the changes of the "
        "register's Atom feed), by email or GOV.UK Notify as reminders are. Each change goes "
        "once to each subscriber however often this runs, and by however many copies at once: "
        "run it from cron every few minutes. A failed email is tried again on the next run; the "
        "command then exits with status 1."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_alerts(alert_source())
        self.stdout.write(report.summary)
        for error in report.errors:
            self.stderr.write(f"Not sent: {error}")
        if report.failed:
            raise CommandError(
                f"{report.failed} alert emails could not be sent; they will be tried again."
            )
