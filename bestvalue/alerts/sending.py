"""The alert run (`bestvalue send-alerts`): each published change, once, to each confirmed
subscriber who chose it, through the reminders' sender (SMTP or GOV.UK Notify).

Once, however many runs there are at the same moment, as for reminders (reminders/sending.py):
each (subscriber, change) is one `Delivery` row under a unique constraint, created by the run
that claims it; a competing run's insert fails and it moves on. No transaction is held open
while a mail server is talked to. A send that fails releases its claims to be tried again; a run
killed mid-send leaves claims that lapse after CLAIM_TIMEOUT.

A subscriber is sent the changes first seen after they confirmed. Confirming notes the record
as it stands (services.note_changes), so a change published after a confirmation and before
the first run ever is sent by that run; only a run that finds no confirmation before it takes
the record as history.

The changes are those of the register's Atom feed (register.feeds.published_changes: the
published record only), passed in by the command, so that this domain app reads no interface.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from bestvalue.alerts import messages, rules, services
from bestvalue.alerts.models import Delivery, SeenChange, Subscription
from bestvalue.alerts.rules import PublishedChange
from bestvalue.audit.services import record_event
from bestvalue.core import clock
from bestvalue.reminders import delivery

logger = logging.getLogger(__name__)

CLAIM_TIMEOUT = dt.timedelta(hours=1)


@dataclass
class AlertReport:
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"Alerts: {self.sent} emails sent, {self.failed} failed (to be tried again)."


@dataclass(frozen=True)
class Source:
    """What the run needs from the interfaces: the published changes, all or one authority's
    (by GSS code), each authority's name, and how links are written."""

    changes: Callable[[str], Sequence[PublishedChange]]  # "" for every authority
    name_of: Callable[[str], str]
    site_url: str
    unsubscribe: Callable[[str], str]


def _claim(subscription: Subscription, change: SeenChange, run: str, now: dt.datetime) -> bool:
    try:
        with transaction.atomic():
            Delivery.objects.create(
                subscription=subscription, change=change, claimed_at=now, claimed_by=run
            )
        return True
    except IntegrityError:  # another run has it, or sent it: take it only if that run died
        lapsed = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
        return bool(
            Delivery.objects.filter(subscription=subscription, change=change, sent_at__isnull=True)
            .filter(lapsed)
            .update(claimed_at=now, claimed_by=run)
        )


def _send(
    subscription: Subscription, due: list[PublishedChange], source: Source, run: str
) -> str | None:
    mine = Delivery.objects.filter(subscription=subscription, claimed_by=run, sent_at__isnull=True)
    unsubscribe = source.unsubscribe(services.make_token(subscription, services.UNSUBSCRIBE))
    message = messages.alert(
        service_name=settings.SERVICE_NAME,
        where=source.name_of(subscription.authority_gss),
        notices_only=subscription.notices_only,
        changes=due,
        link=source.site_url,
        unsubscribe_url=unsubscribe,
    )
    try:
        channel = delivery.deliver(
            message,
            to=subscription.email,
            reference=f"alerts-{run}-{subscription.pk}",
            unsubscribe_url=unsubscribe,
        )
    except Exception as exc:  # whatever the mail server or Notify said, the alert is unsent
        logger.warning("Alert to subscription %s not sent: %s", subscription.pk, exc)
        mine.update(claimed_at=None, claimed_by="")
        return f"subscription {subscription.pk}: {exc}"
    with transaction.atomic():
        count = mine.update(sent_at=clock.now(), claimed_by="", channel=channel)
        record_event(
            actor=None,
            action="alerts.sent",
            obj=subscription,
            after={"channel": channel, "changes": count},
        )
    return None


def send_alerts(source: Source) -> AlertReport:
    """Send each subscriber the published changes first seen since they confirmed, one email
    per subscriber per run."""
    now = clock.now()
    services.delete_unconfirmed(now=now)
    run = uuid.uuid4().hex
    report = AlertReport()
    by_authority: dict[str, Sequence[PublishedChange]] = {}
    seen = services.note_changes(source.changes(""), now=now, by_run=True)
    for subscription in Subscription.objects.filter(confirmed_at__isnull=False).order_by("pk"):
        gss = subscription.authority_gss
        if gss not in by_authority:
            by_authority[gss] = source.changes(gss)
        sent = set(
            Delivery.objects.filter(subscription=subscription, sent_at__isnull=False).values_list(
                "change__key", flat=True
            )
        )
        if subscription.confirmed_at is None:  # for the type checker: filtered above
            continue
        due = rules.to_send(
            by_authority[gss],
            first_seen={k: s.first_seen_at for k, s in seen.items()},
            confirmed_at=subscription.confirmed_at,
            notices_only=subscription.notices_only,
            already_sent=sent,
        )
        claimed = [c for c in due if _claim(subscription, seen[c.key], run, now)]
        if not claimed:
            continue
        error = _send(subscription, claimed, source, run)
        if error is None:
            report.sent += 1
        else:
            report.failed += 1
            report.errors.append(error)
    return report
