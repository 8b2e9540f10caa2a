"""Reads of the audit log, newest first, with the acting user already joined."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.db import connection, models

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
    an unapproved draft changes no public ETag or Last-Modified. Every cached public response
    reads this, so its SQL is built once per set of actions, not on every request."""
    from bestvalue.audit.hashing import GENESIS_HASH

    sql, params, converters = _latest_event_query(connection.vendor, frozenset(excluding_actions))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        last = cursor.fetchone()
    if last is None:
        return RecordState(0, GENESIS_HASH, None)
    sequence, hash_, changed_at = last
    for convert in converters:  # the database's time as an aware datetime, as the ORM gives it
        changed_at = convert(changed_at, OCCURRED_AT.cached_col, connection)
    return RecordState(sequence, hash_, changed_at)


OCCURRED_AT = AuditEvent._meta.get_field("occurred_at")


@functools.lru_cache(maxsize=16)
def _latest_event_query(
    vendor: str, excluding: frozenset[str]
) -> tuple[str, tuple[Any, ...], list[Any]]:
    events = AuditEvent.objects.exclude(action__in=sorted(excluding))
    latest = events.order_by("-sequence").values_list("sequence", "hash", "occurred_at")[:1]
    sql, params = latest.query.sql_with_params()
    # The backend's converters (on SQLite, text to an aware datetime), as the ORM applies them.
    converters = connection.ops.get_db_converters(OCCURRED_AT.cached_col)
    return sql, tuple(params), converters


def published_checkpoints() -> models.QuerySet[AuditCheckpoint]:
    """Every checkpoint of the chain, newest first: all of them are public."""
    return AuditCheckpoint.objects.order_by("-recorded_at", "-id")
