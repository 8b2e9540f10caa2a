"""Subscribing, confirming and unsubscribing: double opt-in by a signed link, one-click
unsubscribe by another. Interfaces pass the links (alerts never reverse interface URLs)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction

from bestvalue.alerts import messages, rules
from bestvalue.alerts.models import SeenChange, Subscription
from bestvalue.alerts.rules import PublishedChange
from bestvalue.audit.services import record_event
from bestvalue.core import clock
from bestvalue.reminders import delivery

CONFIRM, UNSUBSCRIBE = "confirm", "unsubscribe"
# Set by the first confirmation or alert run. A run that finds it missing is older than every
# confirmation made since subscribers' confirmations took a starting point (below); it takes the
# record as it stands as history seen long ago, so nobody is sent the whole record.
STARTED = "alerts/started"
HISTORY = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def note_changes(
    changes: Sequence[PublishedChange], *, now: dt.datetime, by_run: bool = False
) -> dict[str, SeenChange]:
    """Record when each published change was first seen (once: the key is unique), by a
    confirmation or an alert run. A subscriber is sent the changes first seen after they
    confirmed, so what a confirmation notes is their starting point: what is published after it
    is sent on the next run, however long after the service started that run comes."""
    history = by_run and not SeenChange.objects.filter(key=STARTED).exists()
    seen_at = HISTORY if history else now
    SeenChange.objects.bulk_create(
        [SeenChange(key=STARTED, first_seen_at=now)]
        + [SeenChange(key=c.key, first_seen_at=seen_at) for c in changes],
        ignore_conflicts=True,
    )
    return {s.key: s for s in SeenChange.objects.filter(key__in=[c.key for c in changes])}


def make_token(subscription: Subscription, purpose: str) -> str:
    return signing.dumps([subscription.pk, subscription.nonce], salt=f"alerts.{purpose}")


def _read_token(token: str, purpose: str, max_age: dt.timedelta | None) -> Subscription | None:
    """The subscription a signed link names, or None when the link is bad, expired or its
    subscription has gone."""
    try:
        pk, nonce = signing.loads(token, salt=f"alerts.{purpose}", max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscription.objects.filter(pk=pk, nonce=nonce).first()


@dataclass(frozen=True)
class Links:
    """How the interface writes its links: each takes a signed token."""

    confirm: Callable[[str], str]
    unsubscribe: Callable[[str], str]


def subscribe(
    *, email: str, authority_gss: str, where: str, notices_only: bool, links: Links
) -> None:
    """Ask for alerts. Whatever the address's state, the caller is told the same thing ("check
    your email"): a new or unconfirmed address is sent a confirmation link, an address already
    subscribed is told so. Nothing here says which happened."""
    address = rules.normalise_email(email)
    try:
        with transaction.atomic():
            subscription, created = Subscription.objects.get_or_create(
                email=address, authority_gss=authority_gss, notices_only=notices_only
            )
            if created:
                record_event(actor=None, action="alerts.subscription_requested", obj=subscription)
    except IntegrityError:  # the same request at the same moment: it is there now
        subscription = Subscription.objects.get(
            email=address, authority_gss=authority_gss, notices_only=notices_only
        )
    name = settings.SERVICE_NAME
    if subscription.confirmed_at is None:
        url = links.confirm(make_token(subscription, CONFIRM))
        message = messages.confirmation(
            service_name=name, where=where, notices_only=notices_only, confirm_url=url
        )
    else:
        url = links.unsubscribe(make_token(subscription, UNSUBSCRIBE))
        message = messages.already_subscribed(
            service_name=name, where=where, notices_only=notices_only, unsubscribe_url=url
        )
    delivery.deliver(
        message,
        to=address,
        reference=f"alerts-subscribe-{subscription.pk}",
        unsubscribe_url=links.unsubscribe(make_token(subscription, UNSUBSCRIBE)),
    )


def subscription_for(token: str, purpose: str) -> Subscription | None:
    """The subscription a confirmation link (valid for rules.CONFIRM_DAYS) or an unsubscribe
    link (valid while the subscription lasts) names."""
    age = dt.timedelta(days=rules.CONFIRM_DAYS) if purpose == CONFIRM else None
    return _read_token(token, purpose, age)


def confirm(token: str, *, changes: Callable[[], Sequence[PublishedChange]]) -> Subscription | None:
    """Confirm the subscription the link names (again is harmless); None if the link is bad.
    The published changes as they stand (`changes`, from the interface) are noted as seen at
    the moment of confirming: they are the subscriber's history, and anything published later
    is theirs to be sent."""
    with transaction.atomic():
        subscription = subscription_for(token, CONFIRM)
        if subscription is None or subscription.confirmed_at is not None:
            return subscription
        now = clock.now()
        note_changes(changes(), now=now)
        subscription.confirmed_at = now
        subscription.save(update_fields=["confirmed_at"])
        record_event(actor=None, action="alerts.subscription_confirmed", obj=subscription)
    return subscription


def unsubscribe(token: str) -> bool:
    """Delete the subscription the link names, address and all; False if there is none."""
    with transaction.atomic():
        subscription = subscription_for(token, UNSUBSCRIBE)
        if subscription is None:
            return False
        pk, label = subscription.pk, str(subscription)
        subscription.delete()
        record_event(
            actor=None,
            action="alerts.unsubscribed",
            object_type="alerts.subscription",
            object_id=str(pk),
            object_label=label,
        )
    return True


def delete_unconfirmed(*, now: dt.datetime) -> int:
    """Delete addresses never confirmed within rules.CONFIRM_DAYS: they are kept no longer."""
    stale = Subscription.objects.filter(
        confirmed_at__isnull=True, created_at__lt=now - dt.timedelta(days=rules.CONFIRM_DAYS)
    )
    with transaction.atomic():
        count = stale.count()
        if count:
            stale.delete()
            record_event(
                actor=None,
                action="alerts.unconfirmed_deleted",
                object_type="alerts.subscription",
                after={"count": count},
            )
    return count
