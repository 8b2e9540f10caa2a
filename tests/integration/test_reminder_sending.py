"""bestvalue remind: each lead time and the overdue reminder go out once, by email or GOV.UK
Notify; a failing mail server leaves nothing marked sent, and the next run tries again."""

from __future__ import annotations

import datetime as dt
import smtplib
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.core.management.base import CommandError

from bestvalue import cli
from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.reminders import services
from bestvalue.reminders.models import Reminder, ReminderStatus
from bestvalue.reminders.rules import OVERDUE, Kind
from tests.factories import make_authority, make_board, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

D = dt.date
# Issued 1 June 2024 for 12 months: the review point is 1 June 2025.
REVIEW_POINT = D(2025, 6, 1)


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages: Any) -> int:
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def _on(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC), tick=False)


def _remind(day: dt.date) -> str:
    with _on(day):
        from io import StringIO

        out = StringIO()
        call_command("remind", stdout=out)
    return out.getvalue()


@pytest.fixture
def notice() -> Any:
    return make_issued_notice(issued_on=D(2024, 6, 1))


@pytest.fixture
def caseworker() -> Any:
    return make_user(Role.CASEWORKER, email="case.worker@example.gov.uk", first_name="Casey")


@pytest.mark.parametrize(
    ("day", "lead", "subject_end"),
    [
        (D(2025, 5, 2), 30, "due in 30 days"),
        (D(2025, 5, 18), 14, "due in 14 days"),
        (D(2025, 5, 29), 3, "due in 3 days"),
        (D(2025, 6, 2), OVERDUE, "overdue"),
    ],
)
def test_each_lead_time_sends_one_reminder(
    notice: Any, caseworker: Any, day: dt.date, lead: int, subject_end: str
) -> None:
    out = _remind(day)
    assert "Reminders: 1 sent, 0 failed" in out
    (message,) = mail.outbox
    assert message.to == ["case.worker@example.gov.uk"]
    assert message.subject == (
        f"Review point: best value notice {notice.reference} to "
        f"{notice.authority.official_name}: {subject_end}"
    )
    assert message.body.startswith("Hello Casey,")
    assert f"http://127.0.0.1:8000/staff/notices/{notice.pk}/" in message.body
    reminder = Reminder.objects.get()
    assert (reminder.lead_days, reminder.status, reminder.channel) == (lead, "sent", "email")


def test_nothing_is_sent_before_the_first_lead_time(notice: Any, caseworker: Any) -> None:
    assert "Reminders: 0 sent" in _remind(D(2025, 5, 1))
    assert mail.outbox == []
    assert not Reminder.objects.exists()


def test_running_again_the_same_day_or_within_a_lead_time_sends_nothing_twice(
    notice: Any, caseworker: Any
) -> None:
    _remind(D(2025, 5, 2))
    assert "0 sent, 0 failed (to be tried again), 1 already sent" in _remind(D(2025, 5, 2))
    _remind(D(2025, 5, 10))
    assert len(mail.outbox) == 1
    _remind(D(2025, 5, 18))  # the 14-day reminder
    _remind(D(2025, 5, 29))  # the 3-day reminder
    _remind(D(2025, 6, 1))  # the day itself: still the 3-day span
    _remind(D(2025, 6, 2))  # overdue
    _remind(D(2025, 9, 1))  # still overdue: told once
    assert [r.lead_days for r in Reminder.objects.order_by("id")] == [30, 14, 3, OVERDUE]
    assert len(mail.outbox) == 4


def test_a_date_first_seen_late_gets_only_the_reminder_of_the_day(caseworker: Any) -> None:
    make_issued_notice(issued_on=D(2024, 6, 1))
    _remind(D(2025, 5, 25))  # 7 days before: the 14-day reminder, not the 30-day one too
    assert list(Reminder.objects.values_list("lead_days", flat=True)) == [14]


def test_every_user_concerned_gets_their_own_reminder(notice: Any, caseworker: Any) -> None:
    officer = make_user(
        Role.AUTHORITY_OFFICER, authority=notice.authority, email="officer@council.example"
    )
    member = make_user(
        Role.BOARD_MEMBER, board=make_board(authority=notice.authority), email="m@board.example"
    )
    make_user(Role.AUTHORITY_OFFICER, authority=make_authority(), email="other@council.example")
    make_user(Role.ADMINISTRATOR, email="admin@example.gov.uk")
    make_user(Role.APPROVER)  # no email address: nothing to send to
    make_user(Role.CASEWORKER, email="gone@example.gov.uk", is_active=False)
    _remind(D(2025, 6, 2))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [caseworker.email, officer.email, member.email]
    )
    officer_mail = next(m for m in mail.outbox if m.to == [officer.email])
    # Officers cannot open the department's page of the notice: they get the public one.
    assert f"http://127.0.0.1:8000/notices/{notice.reference}/" in officer_mail.body


def test_several_dates_go_in_one_email(caseworker: Any) -> None:
    make_issued_notice(issued_on=D(2024, 6, 1))
    make_issued_notice(issued_on=D(2024, 5, 1))
    _remind(D(2025, 5, 20))
    (message,) = mail.outbox
    assert message.subject == "2 dates need your attention (1 overdue)"
    assert Reminder.objects.filter(status=ReminderStatus.SENT).count() == 2


def test_a_user_who_turned_email_off_gets_none(notice: Any, caseworker: Any) -> None:
    services.update_preferences(caseworker, by=caseworker, email=False, kinds=list(Kind))
    _remind(D(2025, 5, 2))
    assert mail.outbox == []


def test_a_kind_turned_off_is_not_sent(notice: Any, caseworker: Any) -> None:
    kinds = [k for k in Kind if k != Kind.NOTICE_REVIEW]
    services.update_preferences(caseworker, by=caseworker, email=True, kinds=kinds)
    _remind(D(2025, 5, 2))
    assert mail.outbox == []


def test_a_failing_mail_server_marks_nothing_sent_and_the_next_run_sends_it(
    notice: Any, caseworker: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "tests.integration.test_reminder_sending.FailingBackend"
    with _on(D(2025, 5, 2)), pytest.raises(CommandError, match="1 reminders could not be sent"):
        call_command("remind")
    reminder = Reminder.objects.get()
    assert reminder.status == ReminderStatus.PENDING
    assert reminder.sent_at is None
    assert reminder.claimed_at is None
    assert reminder.attempts == 1
    assert "Connection unexpectedly closed" in reminder.last_error
    assert not AuditEvent.objects.filter(action="reminders.sent").exists()

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert "Reminders: 1 sent" in _remind(D(2025, 5, 3))
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.last_error) == ("sent", 2, "")
    assert len(mail.outbox) == 1


def test_a_sent_reminder_is_in_the_audit_log(notice: Any, caseworker: Any) -> None:
    _remind(D(2025, 5, 2))
    event = AuditEvent.objects.get(action="reminders.sent")
    assert event.actor_label == "system"
    assert event.object_id == str(caseworker.pk)
    assert event.after == {
        "channel": "email",
        "reminders": [f"notice_review:{notice.pk}:2025-06-01@30"],
    }


def test_gov_uk_notify_sends_when_configured(notice: Any, caseworker: Any, settings: Any) -> None:
    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_REMINDER_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    with mock.patch("bestvalue.reminders.delivery.NotificationsAPIClient") as client_class:
        _remind(D(2025, 5, 2))
    client_class.assert_called_once_with("test-key")
    send = client_class.return_value.send_email_notification
    send.assert_called_once()
    kwargs = send.call_args.kwargs
    assert kwargs["email_address"] == caseworker.email
    assert kwargs["template_id"] == "f33517ff-2a88-4f6e-b855-c550268ce08a"
    assert kwargs["personalisation"]["subject"].endswith("due in 30 days")
    assert kwargs["personalisation"]["body"].startswith("Hello Casey,")
    assert mail.outbox == []
    assert Reminder.objects.get().channel == "notify"


def test_a_notify_error_leaves_the_reminder_unsent(
    notice: Any, caseworker: Any, settings: Any
) -> None:
    from notifications_python_client.errors import HTTPError

    settings.NOTIFY_API_KEY = "test-key"
    settings.NOTIFY_REMINDER_TEMPLATE_ID = "f33517ff-2a88-4f6e-b855-c550268ce08a"
    with mock.patch("bestvalue.reminders.delivery.NotificationsAPIClient") as client_class:
        client_class.return_value.send_email_notification.side_effect = HTTPError(
            None, "Service unavailable"
        )
        with _on(D(2025, 5, 2)), pytest.raises(CommandError):
            call_command("remind")
    reminder = Reminder.objects.get()
    assert reminder.status == ReminderStatus.PENDING
    assert "Service unavailable" in reminder.last_error


def test_a_stale_claim_from_a_run_that_died_is_taken_over(notice: Any, caseworker: Any) -> None:
    with _on(D(2025, 5, 2)):
        Reminder.objects.create(
            user=caseworker,
            item_key=f"notice_review:{notice.pk}:2025-06-01",
            lead_days=30,
            kind=Kind.NOTICE_REVIEW,
            due_on=REVIEW_POINT,
            title="Review point",
            claimed_at=dt.datetime(2025, 5, 2, 7, 0, tzinfo=dt.UTC),
            claimed_by="a-run-that-died",
        )
    assert "1 sent" in _remind(D(2025, 5, 2))
    fresh_claim = dt.datetime(2025, 5, 3, 8, 30, tzinfo=dt.UTC)
    Reminder.objects.update(status="pending", sent_at=None, claimed_at=fresh_claim)
    assert "0 sent, 0 failed (to be tried again), 1 already sent or being sent" in _remind(
        D(2025, 5, 3)
    )


def test_the_command_line_runs_it(notice: Any, caseworker: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    with _on(D(2025, 5, 2)):
        cli.main(["remind"])
    assert len(mail.outbox) == 1


def test_the_worker_loop_runs_every_interval(
    notice: Any, caseworker: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr("django.db.connections.close_all", lambda: None)
    sleeps: list[int] = []

    def sleep(seconds: int) -> None:
        sleeps.append(seconds)
        if len(sleeps) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr("time.sleep", sleep)
    with _on(D(2025, 5, 2)), pytest.raises(KeyboardInterrupt):
        call_command("remind", every=3600)
    assert sleeps == [3600, 3600]
    assert len(mail.outbox) == 1


def test_the_worker_loop_refuses_a_short_interval() -> None:
    with pytest.raises(CommandError, match="at least 60 seconds"):
        call_command("remind", every=5)
