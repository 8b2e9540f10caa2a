"""Hashing and chain checking of audit events: pure functions, no database."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bestvalue.audit.hashing import (
    GENESIS_HASH,
    HASHED_FIELDS,
    canonical_json,
    event_hash,
    json_safe,
)
from bestvalue.audit.services import changes, snapshot
from bestvalue.audit.verification import VerificationResult, check_chain
from bestvalue.authorities.models import Authority

LONDON = ZoneInfo("Europe/London")
KEY = b"unit-test-audit-key-of-at-least-32-characters"


def _hash(fields: dict[str, Any]) -> str:
    return event_hash(fields, key=KEY)


def _fields(**overrides: Any) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "sequence": 7,
        "occurred_at": dt.datetime(2025, 5, 16, 9, 30, tzinfo=dt.UTC),
        "actor": 3,
        "actor_label": "caseworker-1",
        "action": "notice.issued",
        "object_type": "notices.notice",
        "object_id": "12",
        "object_label": "Best Value Notice: Testshire",
        "before": {"status": "draft"},
        "after": {"status": "issued"},
        "previous_hash": "a" * 64,
    }
    fields.update(overrides)
    return fields


@dataclass(frozen=True)
class FakeEvent:
    sequence: int
    previous_hash: str
    hash: str
    after: dict[str, Any]

    def hashed_fields(self) -> dict[str, Any]:
        return _fields(sequence=self.sequence, previous_hash=self.previous_hash, after=self.after)


def _chain(length: int) -> list[FakeEvent]:
    events, previous = [], GENESIS_HASH
    for n in range(1, length + 1):
        after = {"n": n}
        digest = _hash(_fields(sequence=n, previous_hash=previous, after=after))
        events.append(FakeEvent(n, previous, digest, after))
        previous = digest
    return events


def test_it_hashes_the_same_fields_to_the_same_hash() -> None:
    assert _hash(_fields()) == _hash(_fields())
    assert len(_hash(_fields())) == 64


def test_it_ignores_the_order_of_keys() -> None:
    reordered = dict(reversed(list(_fields(after={"b": 1, "a": 2}).items())))
    assert _hash(reordered) == _hash(_fields(after={"a": 2, "b": 1}))


def test_it_ignores_fields_it_does_not_cover() -> None:
    assert _hash({**_fields(), "id": 99}) == _hash(_fields())


def test_it_refuses_fields_without_one_it_covers() -> None:
    fields = _fields()
    del fields["after"]
    with pytest.raises(KeyError):
        _hash(fields)


@pytest.mark.parametrize("name", HASHED_FIELDS)
def test_a_one_character_change_to_any_field_changes_the_hash(name: str) -> None:
    changed_values: dict[str, Any] = {
        "sequence": 8,
        "occurred_at": dt.datetime(2025, 5, 16, 9, 30, 0, 1, tzinfo=dt.UTC),
        "actor": 4,
        "actor_label": "caseworker-2",
        "action": "notice.issuec",
        "object_type": "notices.notica",
        "object_id": "13",
        "object_label": "Best Value Notice: Testshirf",
        "before": {"status": "drafs"},
        "after": {"status": "issuad"},
        "previous_hash": "a" * 63 + "b",
    }
    assert _hash(_fields(**{name: changed_values[name]})) != _hash(_fields())


def test_the_same_moment_hashes_the_same_in_any_time_zone() -> None:
    utc = dt.datetime(2025, 5, 16, 8, 30, tzinfo=dt.UTC)
    assert _hash(_fields(occurred_at=utc)) == _hash(_fields(occurred_at=utc.astimezone(LONDON)))


def test_canonical_json_has_one_spelling() -> None:
    assert canonical_json({"b": [1, "é"], "a": None}) == '{"a":null,"b":[1,"é"]}'


def test_it_turns_dates_decimals_floats_and_uuids_into_strings() -> None:
    value = {
        "on": dt.date(2024, 1, 30),
        "at": dt.datetime(2024, 1, 30, 12, 0, tzinfo=LONDON),
        "fee": Decimal("1E+3"),
        "ratio": 1e20,
        "id": uuid.UUID(int=1),
        "items": (1, True, None),
    }
    assert json_safe(value) == {
        "on": "2024-01-30",
        "at": "2024-01-30T12:00:00.000000+00:00",
        "fee": "1000",
        "ratio": "1e+20",
        "id": "00000000-0000-0000-0000-000000000001",
        "items": [1, True, None],
    }


def test_it_refuses_a_value_it_cannot_spell_the_same_way_twice() -> None:
    with pytest.raises(TypeError, match="set cannot be recorded in the audit log"):
        json_safe({"tags": {"a", "b"}})


def test_a_chain_of_events_checks_out() -> None:
    events = _chain(5)
    result = check_chain(events, head_sequence=5, head_hash=events[-1].hash, key=KEY)
    assert result == VerificationResult(ok=True, checked=5)


def test_it_reports_an_altered_event() -> None:
    events = _chain(5)
    events[2] = replace(events[2], after={"n": 33})
    result = check_chain(events, head_sequence=5, head_hash=events[-1].hash, key=KEY)
    assert (result.ok, result.first_bad_sequence, result.checked) == (False, 3, 2)
    assert result.reason == "altered (its content does not match its hash)"


def test_it_reports_a_rehashed_event_at_the_broken_link_after_it() -> None:
    events = _chain(5)
    after = {"n": 33}
    digest = _hash(_fields(sequence=3, previous_hash=events[2].previous_hash, after=after))
    events[2] = replace(events[2], after=after, hash=digest)
    result = check_chain(events, head_sequence=5, head_hash=events[-1].hash, key=KEY)
    assert result.first_bad_sequence == 4
    assert result.reason.startswith("broken link")


def test_it_reports_a_missing_event() -> None:
    events = _chain(5)
    del events[1]
    result = check_chain(events, head_sequence=5, head_hash=events[-1].hash, key=KEY)
    assert result.first_bad_sequence == 2
    assert result.reason == "missing: event 2 is not in the log"


def test_it_reports_events_missing_from_the_end() -> None:
    events = _chain(5)
    result = check_chain(events[:3], head_sequence=5, head_hash=events[-1].hash, key=KEY)
    assert result.first_bad_sequence == 4
    assert result.reason.startswith("missing: event 4 is not in the log")


def test_it_reports_a_last_event_that_differs_from_the_head() -> None:
    events = _chain(5)
    result = check_chain(events, head_sequence=5, head_hash="f" * 64, key=KEY)
    assert (result.ok, result.first_bad_sequence) == (False, 5)


def test_the_summary_reads_well() -> None:
    assert (
        VerificationResult(ok=True, checked=1234).summary
        == "Audit log verified: 1,234 events, chain intact."
    )
    assert VerificationResult(ok=True, checked=1).summary == (
        "Audit log verified: 1 event, chain intact."
    )
    failed = VerificationResult(
        ok=False,
        checked=56,
        first_bad_sequence=57,
        reason="altered (its content does not match its hash)",
    )
    assert failed.summary == (
        "Audit log check FAILED at event 57: altered (its content does not match its hash)."
    )


def test_changes_keeps_only_what_changed() -> None:
    before = {"status": "draft", "period": 12, "note": ""}
    after = {"status": "issued", "period": 12, "issued_on": "2024-01-30"}
    assert changes(before, after) == {
        "issued_on": (None, "2024-01-30"),
        "note": ("", None),
        "status": ("draft", "issued"),
    }
    assert changes(None, {"a": 1}) == {"a": (None, 1)}


def test_a_snapshot_is_json_safe_without_touching_the_database() -> None:
    authority = Authority(
        gss_code="E06000099",
        official_name="Testshire Council",
        short_name="Testshire",
        kind="UA",
        is_current=True,
        start_on=dt.date(2009, 4, 1),
    )
    values = snapshot(authority, ["gss_code", "start_on", "end_on", "is_current"])
    assert values == {
        "gss_code": "E06000099",
        "start_on": "2009-04-01",
        "end_on": None,
        "is_current": True,
    }
