"""A record's history in plain words, drawn from the audit log: who did what and when, with the
values before and after for each change. Staff pages show it; the log stays the one source."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from bestvalue.audit.models import AuditEvent
from bestvalue.audit.services import changes

# Words for the actions whose dotted names do not read well on their own; the rest are spelt
# from their last part ("notice.issued" -> "Issued").
ACTION_WORDS = {
    "records.submitted": "Sent for approval (content kept with its SHA-256)",
    "records.approved": "Approved the content read",
    "records.correction_proposed": "Proposed a correction",
    "records.correction_approved": "Approved a correction",
    "records.correction_returned": "Returned a proposed correction",
}

# Fields that change on every write and say nothing to a reader.
QUIET_FIELDS = frozenset({"version", "updated_at", "created_at"})


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    who: str
    what: str
    changes: tuple[tuple[str, Any, Any], ...]
    reason: str = ""


def describe(action: str) -> str:
    if action in ACTION_WORDS:
        return ACTION_WORDS[action]
    words = action.split(".")[-1].replace("_", " ")
    return words[:1].upper() + words[1:]


def history(*records: models.Model, limit: int = 200) -> list[Entry]:
    """The events about these records (a notice and its parts, say), newest first."""
    where = Q()
    for record in records:
        where |= Q(object_type=record._meta.label_lower, object_id=str(record.pk))
    events = AuditEvent.objects.filter(where).order_by("-sequence")[:limit] if records else []
    return [_entry(event) for event in events]


def history_of_type(object_type: str, ids: Iterable[Any], *, limit: int = 200) -> list[Entry]:
    """The events about several records of one model (a notice's expectations), newest first."""
    events = AuditEvent.objects.filter(
        object_type=object_type, object_id__in=[str(i) for i in ids]
    ).order_by("-sequence")[:limit]
    return [_entry(event) for event in events]


def _entry(event: AuditEvent) -> Entry:
    before, after = event.before or {}, event.after or {}
    reason = str(after.get("reason", "")) if isinstance(after, dict) else ""
    changed = tuple(
        (name.replace("_", " "), old, new)
        for name, (old, new) in changes(before, after).items()
        if name not in QUIET_FIELDS and name != "reason"
    )
    return Entry(event.occurred_at, event.actor_label, describe(event.action), changed, reason)
