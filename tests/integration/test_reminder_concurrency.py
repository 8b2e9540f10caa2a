"""Two reminder runs at the same moment, each in its own thread and transaction: every reminder
is still sent exactly once (PostgreSQL row locks, or SQLite's single writer, decide the claims)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connections

from bestvalue.accounts.roles import Role
from bestvalue.audit.verification import verify_chain
from bestvalue.guidance.services import ensure_themes
from bestvalue.reminders.models import Reminder, ReminderStatus
from bestvalue.reminders.sending import RunReport, send_due_reminders
from tests.factories import make_issued_notice, make_user

pytestmark = pytest.mark.django_db(transaction=True)

TODAY = dt.date(2025, 6, 2)  # both notices below are past their review points: overdue


class SlowBackend(BaseEmailBackend):
    """A mail server that takes a moment over each message, so that the two runs overlap."""

    def send_messages(self, email_messages: Any) -> int:
        time.sleep(0.05)
        mail.outbox.extend(email_messages)
        return len(email_messages)


@pytest.fixture(autouse=True)
def _themes() -> None:
    ensure_themes()


def _race(*calls: Callable[[], Any]) -> list[Any]:
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_runs_at_once_send_each_reminder_once(settings: Any) -> None:
    settings.EMAIL_BACKEND = "tests.integration.test_reminder_concurrency.SlowBackend"
    first = make_issued_notice(issued_on=dt.date(2024, 5, 1))
    second = make_issued_notice(issued_on=dt.date(2024, 5, 15))
    users = [make_user(Role.CASEWORKER, email=f"caseworker{n}@example.gov.uk") for n in range(6)]
    mail.outbox = []

    results = _race(
        lambda: send_due_reminders(TODAY, lead_days=(30, 14, 3)),
        lambda: send_due_reminders(TODAY, lead_days=(30, 14, 3)),
    )

    assert all(isinstance(r, RunReport) for r in results), results
    # Each run saw every reminder due, and sent it or found the other run had it.
    assert [r.sent + r.already_sent for r in results] == [len(users) * 2] * 2
    assert sum(r.sent for r in results) == len(users) * 2
    assert sum(r.failed for r in results) == 0
    told = Counter(
        (message.to[0], notice.reference)
        for message in mail.outbox
        for notice in (first, second)
        if f"best value notice {notice.reference} " in message.body
    )
    assert set(told.values()) == {1}
    assert len(told) == len(users) * 2
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == len(users) * 2
    assert not Reminder.objects.exclude(status=ReminderStatus.SENT).exists()
    assert verify_chain().ok


def test_a_run_after_two_concurrent_runs_sends_nothing(settings: Any) -> None:
    settings.EMAIL_BACKEND = "tests.integration.test_reminder_concurrency.SlowBackend"
    make_issued_notice(issued_on=dt.date(2024, 5, 1))
    for n in range(3):
        make_user(Role.APPROVER, email=f"approver{n}@example.gov.uk")
    mail.outbox = []
    _race(
        lambda: send_due_reminders(TODAY, lead_days=(30, 14, 3)),
        lambda: send_due_reminders(TODAY, lead_days=(30, 14, 3)),
    )
    again = send_due_reminders(TODAY, lead_days=(30, 14, 3))
    assert (again.sent, again.already_sent) == (0, 3)
    assert len(mail.outbox) == 3
