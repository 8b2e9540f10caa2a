"""What an alert subscriber is due (alerts.rules), in milliseconds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bestvalue.alerts.rules import is_new_notice, normalise_email, to_send

CONFIRMED = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
BEFORE, AFTER = CONFIRMED - dt.timedelta(hours=1), CONFIRMED + dt.timedelta(hours=1)


@dataclass(frozen=True)
class Change:
    key: str
    on: dt.date = dt.date(2026, 6, 1)
    title: str = ""
    description: str = ""
    url: str = ""


ISSUED = Change("notice/BVN-2026-001/issued")
LAPSED = Change("notice/BVN-2025-004/lapsed")
DIRECTIONS = Change("intervention/woking-2023/directions/2")
OLD = Change("notice/BVN-2024-001/issued")
SEEN = {ISSUED.key: AFTER, LAPSED.key: AFTER, DIRECTIONS.key: AFTER, OLD.key: BEFORE}


def test_a_subscriber_gets_only_what_was_first_seen_after_they_confirmed() -> None:
    due = to_send(
        [OLD, ISSUED, LAPSED, DIRECTIONS],
        first_seen=SEEN,
        confirmed_at=CONFIRMED,
        notices_only=False,
        already_sent=set(),
    )
    assert {c.key for c in due} == {ISSUED.key, LAPSED.key, DIRECTIONS.key}


def test_new_notices_only_means_notices_issued() -> None:
    due = to_send(
        [ISSUED, LAPSED, DIRECTIONS],
        first_seen=SEEN,
        confirmed_at=CONFIRMED,
        notices_only=True,
        already_sent=set(),
    )
    assert due == [ISSUED]


def test_what_was_sent_is_not_sent_again_and_unseen_changes_wait() -> None:
    due = to_send(
        [ISSUED, LAPSED, Change("notice/BVN-2026-002/issued")],
        first_seen=SEEN,
        confirmed_at=CONFIRMED,
        notices_only=False,
        already_sent={ISSUED.key},
    )
    assert due == [LAPSED]


def test_keys_and_addresses() -> None:
    assert is_new_notice("notice/BVN-2026-001/issued")
    assert not is_new_notice("notice/BVN-2026-001/correction/4")
    assert normalise_email("  Resident@Example.ORG ") == "resident@example.org"
