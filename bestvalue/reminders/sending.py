"""The reminder run (`bestvalue remind`): for each user, the reminders due today, each sent once.

Once, however many runs there are, and at the same moment: each (user, obligation, lead time) is
one `Reminder` row under a unique constraint, and a run sends only the rows it has claimed with a
conditional update, which one run at most can win (PostgreSQL re-checks the condition after a
competing update commits; SQLite runs one writer at a time). No transaction is held open while a
mail server is talked to. A send that fails releases its claim and is tried again on the next run;
it is never marked sent. The one gap no design closes: a run killed after the mail server took the
message but before the row was marked; its claim lapses after CLAIM_TIMEOUT and the reminder goes
again.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from bestvalue.audit.services import record_event
from bestvalue.core import clock
from bestvalue.reminders import delivery, messages, rules, selectors
from bestvalue.reminders.links import record_links
from bestvalue.reminders.models import Preference, Reminder, ReminderStatus
from bestvalue.reminders.permissions import item_path
from bestvalue.reminders.rules import DueItem

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = dt.timedelta(hours=1)


@dataclass
class RunReport:
    sent: int = 0
    failed: int = 0
    already_sent: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (
            f"Reminders: {self.sent} sent, {self.failed} failed (to be tried again), "
            f"{self.already_sent} already sent or being sent."
        )


def _preference(user: Any) -> Preference:
    try:
        preference: Preference = user.reminder_preference
    except Preference.DoesNotExist:
        preference = Preference(user_id=user.pk)
    return preference


def wanted(
    user: Any, items: list[DueItem], *, today: dt.date, lead_days: Sequence[int]
) -> list[tuple[DueItem, int]]:
    """The user's items with the reminder due for each today, if any."""
    preference = _preference(user)
    if not preference.email:
        return []
    found = []
    for item in selectors.for_user(items, user, preference):
        stage = rules.reminder_stage(
            item.due_on,
            today,
            lead_days,
            can_be_overdue=item.can_be_overdue,
            announced=item.kind in rules.ANNOUNCED,
        )
        if stage is not None:
            found.append((item, stage))
    return found


def _claim(user: Any, entries: list[tuple[DueItem, int]], run: str) -> list[Reminder]:
    """Record the reminders (once: the unique constraint ignores rows already there) and claim
    those not yet sent and not claimed by a live run."""
    Reminder.objects.bulk_create(
        [
            Reminder(
                user_id=user.pk,
                item_key=item.key,
                lead_days=stage,
                kind=item.kind,
                due_on=item.due_on,
                title=item.title[:300],
            )
            for item, stage in entries
        ],
        ignore_conflicts=True,
    )
    pairs = {(item.key, stage) for item, stage in entries}
    rows = Reminder.objects.filter(
        user_id=user.pk, status=ReminderStatus.PENDING, item_key__in={k for k, _ in pairs}
    )
    claimed = []
    for row in rows:
        if (row.item_key, row.lead_days) not in pairs:
            continue  # an earlier lead time left unsent: superseded by today's
        now = clock.now()
        won = (
            Reminder.objects.filter(pk=row.pk, status=ReminderStatus.PENDING)
            .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT))
            .update(claimed_at=now, claimed_by=run)
        )
        if won:
            claimed.append(row)
    return claimed


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _message(user: Any, entries: list[tuple[DueItem, int]], today: dt.date) -> messages.Message:
    links = record_links()
    due_page = links.due_page()
    return messages.compose(
        name=user.get_full_name() or user.get_username(),
        service_name=settings.SERVICE_NAME,
        entries=entries,
        today=today,
        link=lambda item: _absolute(item_path(user, item) or f"{due_page}#{item.anchor}"),
        due_page=_absolute(due_page),
        preferences_page=_absolute(links.due_preferences_page()),
    )


def _send(
    user: Any, entries: list[tuple[DueItem, int]], rows: list[Reminder], run: str, today: dt.date
) -> str | None:
    """Send one email for the claimed rows; the error's text if it failed."""
    claimed = {(r.item_key, r.lead_days) for r in rows}
    entries = [(item, stage) for item, stage in entries if (item.key, stage) in claimed]
    ids = [r.pk for r in rows]
    mine = Reminder.objects.filter(pk__in=ids, claimed_by=run)
    try:
        channel = delivery.deliver(
            _message(user, entries, today), to=user.email, reference=f"reminders-{run}-{user.pk}"
        )
    except Exception as exc:  # whatever the mail server or Notify said, the reminder is unsent
        logger.warning("Reminders to user %s not sent: %s", user.pk, exc)
        mine.update(
            claimed_at=None, claimed_by="", attempts=F("attempts") + 1, last_error=str(exc)[:1000]
        )
        return f"user {user.pk}: {exc}"
    with transaction.atomic():
        mine.update(
            status=ReminderStatus.SENT,
            sent_at=clock.now(),
            claimed_at=None,
            claimed_by="",
            channel=channel,
            attempts=F("attempts") + 1,
            last_error="",
        )
        record_event(
            actor=None,
            action="reminders.sent",
            obj=user,
            after={
                "channel": channel,
                "reminders": sorted(f"{r.item_key}@{r.lead_days}" for r in rows),
            },
        )
    return None


def send_due_reminders(today: dt.date, *, lead_days: Sequence[int] | None = None) -> RunReport:
    """Send every reminder due today that has not been sent, one email per user."""
    lead_days = settings.REMINDER_LEAD_DAYS if lead_days is None else lead_days
    items = selectors.all_due_items(today)
    run = uuid.uuid4().hex
    report = RunReport()
    for user in selectors.users_to_remind():
        entries = wanted(user, items, today=today, lead_days=lead_days)
        if not entries:
            continue
        rows = _claim(user, entries, run)
        report.already_sent += len(entries) - len(rows)
        if not rows:
            continue
        error = _send(user, entries, rows, run, today)
        if error is None:
            report.sent += len(rows)
        else:
            report.failed += len(rows)
            report.errors.append(error)
    return report
