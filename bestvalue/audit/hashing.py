"""How an audit event is turned into bytes and hashed: pure functions, no ORM, no clock.

The hash is an HMAC-SHA256 keyed with the audit key (AUDIT_KEY), which is held outside the
database and passed in by the caller: someone who can write to the database but does not hold
the key cannot recompute the hashes of events they rewrite.

Anything that changes the output here changes every hash, so a log written before the change
would no longer verify. Change it only with a migration that re-chains the log, never quietly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

# The previous_hash of the first event: there is nothing before it.
GENESIS_HASH = "0" * 64

# What an event's hash covers: everything it says, and the hash of the event before it.
HASHED_FIELDS = (
    "sequence",
    "occurred_at",
    "actor",
    "actor_label",
    "action",
    "object_type",
    "object_id",
    "object_label",
    "before",
    "after",
    "previous_hash",
)


def json_safe(value: Any) -> Any:
    """The value as plain JSON types, spelt so that it reads back from the database unchanged.

    Dates, times, Decimals and UUIDs become strings. Floats become strings too: PostgreSQL's
    jsonb re-spells numbers (1e+20 comes back as 100000000000000000000, an int), which would
    change the hash of an untouched event.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)  # IntegerChoices members become plain ints
    if isinstance(value, str):
        return str(value)  # TextChoices members become plain strings
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return _scalar(value)


def canonical_json(value: Any) -> str:
    """One spelling for one value: sorted keys, no spaces, UTF-8 text rather than escapes."""
    return json.dumps(
        value,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
        default=_scalar,
    )


def event_hash(fields: Mapping[str, Any], *, key: bytes) -> str:
    """The hex HMAC-SHA256, keyed with `key`, of an event's hashed fields. Raises KeyError if one
    is missing, and ValueError for an empty key (an unkeyed chain is one anybody can rewrite)."""
    if not key:
        raise ValueError("The audit key is empty; pass the key from settings.AUDIT_KEY.")
    payload = {name: fields[name] for name in HASHED_FIELDS}
    message = canonical_json(payload).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _scalar(value: Any) -> str:
    # datetime before date: a datetime is also a date.
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            # One instant, one spelling, whatever zone the caller's datetime was in.
            value = value.astimezone(dt.UTC)
        return value.isoformat(timespec="microseconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")  # "100", never "1E+2"
    if isinstance(value, uuid.UUID):
        return str(value)
    raise TypeError(
        f"A {type(value).__name__} cannot be recorded in the audit log; "
        "convert it to text, a number, a list or a dict first."
    )
