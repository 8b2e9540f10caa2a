"""Pure rules shared by every record that needs approval: what "the exact content read" is (its
digest), what changed between two readings, and how far from today a legal date may be.

No ORM and no clock: callers pass the content and `today`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bestvalue.audit.hashing import canonical_json, json_safe
from bestvalue.core.dates import uk_date as uk


def digest(content: Mapping[str, Any]) -> str:
    """The SHA-256 of a record's content as an approver reads it (one spelling for one value).

    `content` maps labels a person reads ("Date of issue", "Expectation 2") to values; nested
    mappings and lists are allowed. Two readings of the same content give the same digest."""
    return hashlib.sha256(canonical_json(json_safe(content)).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Change:
    """One labelled difference between the content read and the content now."""

    label: str
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


def content_changes(read: Mapping[str, Any], now: Mapping[str, Any]) -> list[Change]:
    """What differs between two readings of a record's content, labelled for people, in the
    order the current content gives its labels (then anything removed)."""
    flat_read, flat_now = _flatten(json_safe(read)), _flatten(json_safe(now))
    labels = list(flat_now) + [label for label in flat_read if label not in flat_now]
    return [
        Change(label, flat_read.get(label), flat_now.get(label))
        for label in labels
        if flat_read.get(label) != flat_now.get(label)
    ]


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, Mapping):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            flat.update(_flatten(item, f"{prefix}: {key}" if prefix else str(key)))
        return flat
    if isinstance(value, list) and any(isinstance(item, Mapping | list) for item in value):
        flat = {}
        for number, item in enumerate(value, start=1):
            flat.update(_flatten(item, f"{prefix} {number}" if prefix else str(number)))
        return flat
    return {prefix: value}


def date_too_far(on: dt.date, *, today: dt.date, margin_days: int) -> bool:
    """A date of issue, decision or report more than `margin_days` from today, either way.

    A letter is dated when it is sent and a report when it is received, so such dates sit near
    today; how near is the department's practice, not law, so the margin is configurable
    (RECORD_DATE_MARGIN_DAYS). Loaded historical records are not checked against today."""
    return abs((on - today).days) > margin_days


def date_too_far_message(what: str, *, today: dt.date, margin_days: int) -> str:
    """The refusal for date_too_far, the same words on every channel."""
    earliest = today - dt.timedelta(days=margin_days)
    latest = today + dt.timedelta(days=margin_days)
    return (
        f"{what[0].upper()}{what[1:]} must be between {uk(earliest)} and {uk(latest)}: "
        f"check the year"
    )


def not_in_future_message(what: str) -> str:
    return f"{what[0].upper()}{what[1:]} must be today or in the past"


def not_before_message(what: str, earlier: str) -> str:
    return f"{what[0].upper()}{what[1:]} must be on or after {earlier}"
