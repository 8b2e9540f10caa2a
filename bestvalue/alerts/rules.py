"""What an alert subscriber is sent, as pure functions: callers pass the changes, when each was
first seen, and the subscription's choices."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Protocol

CONFIRM_DAYS = 7  # a confirmation link works for a week; an unconfirmed address is then deleted

# Audit actions of alerts, which never change what the public sees (a subscriber's address is
# never public); the public validators skip them (public.caching).
PRIVATE_ACTIONS = frozenset(
    {
        "alerts.sent",
        "alerts.subscription_requested",
        "alerts.subscription_confirmed",
        "alerts.unsubscribed",
        "alerts.unconfirmed_deleted",
    }
)


class PublishedChange(Protocol):
    """A change as the register's Atom feed lists it (register.feeds.Change)."""

    @property
    def key(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def on(self) -> dt.date: ...


def normalise_email(text: str) -> str:
    """One address, one subscription: compared without case or surrounding spaces."""
    return text.strip().lower()


def is_new_notice(key: str) -> bool:
    """A notice issued (a revised notice is a new notice too), by the feed's key."""
    return key.startswith("notice/") and key.endswith("/issued")


def to_send(
    changes: Iterable[PublishedChange],
    *,
    first_seen: Mapping[str, dt.datetime],
    confirmed_at: dt.datetime,
    notices_only: bool,
    already_sent: set[str],
) -> list[PublishedChange]:
    """The changes a subscriber is due: first seen after they confirmed (never the history
    before), of the kind they chose, and not sent to them before. Oldest first."""
    found = [
        c
        for c in changes
        if c.key in first_seen
        and first_seen[c.key] > confirmed_at
        and c.key not in already_sent
        and (is_new_notice(c.key) or not notices_only)
    ]
    return sorted(found, key=lambda c: (c.on, c.key))
