"""Reads of the audit log, newest first, with the acting user already joined."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from django.db import models

from bestvalue.audit.models import AuditCheckpoint, AuditEvent, AuditEventQuerySet


def events_for(obj: models.Model) -> AuditEventQuerySet:
    """The events recorded about one record, newest first."""
    return (
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-sequence")
    )


def recent_events(limit: int = 50) -> AuditEventQuerySet:
    """The latest `limit` events across the service, newest first."""
    return AuditEvent.objects.select_related("actor").order_by("-sequence")[:limit]


@dataclass(frozen=True)
class RecordState:
    """Where the record stands: the last event's sequence, hash and time (0, the genesis hash and
    None before any event). Every change goes through a service that records an event, so this
    changes exactly when the record does: caches and ETags are keyed on it."""

    sequence: int
    hash: str
    changed_at: dt.datetime | None

    @property
    def version(self) -> str:
        return f"{self.sequence}-{self.hash[:16]}"


def record_state(*, excluding_actions: Collection[str] = ()) -> RecordState:
    """The latest event's sequence, hash and time, in one indexed query. Public validators pass
    the actions that never change what the public sees (drafts, sending for approval), so that
    an unapproved draft changes no public ETag or Last-Modified."""
    from bestvalue.audit.hashing import GENESIS_HASH

    events = AuditEvent.objects.exclude(action__in=list(excluding_actions))
    last = events.order_by("-sequence").values("sequence", "hash", "occurred_at").first()
    if last is None:
        return RecordState(0, GENESIS_HASH, None)
    return RecordState(last["sequence"], last["hash"], last["occurred_at"])


def published_checkpoints() -> models.QuerySet[AuditCheckpoint]:
    """Every checkpoint of the chain, newest first: all of them are public."""
    return AuditCheckpoint.objects.order_by("-recorded_at", "-id")
