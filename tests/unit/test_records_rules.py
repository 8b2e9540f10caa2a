"""The shared rules of approvals: the digest of the content read, what changed, dates near today."""

from __future__ import annotations

import datetime as dt

from bestvalue.records import rules

CONTENT = {
    "Authority": "Slough Borough Council",
    "Date of issue": dt.date(2026, 1, 1),
    "Expectations": [
        {"Text": "Work with the improvement board", "Themes": ["governance"]},
        {"Text": "Implement the plan", "Themes": ["leadership"]},
    ],
}


def test_the_same_content_read_twice_has_the_same_digest() -> None:
    again = {key: CONTENT[key] for key in reversed(list(CONTENT))}
    assert rules.digest(CONTENT) == rules.digest(again)
    assert len(rules.digest(CONTENT)) == 64


def test_a_changed_expectation_changes_the_digest() -> None:
    changed = {**CONTENT, "Expectations": [CONTENT["Expectations"][0], {"Text": "Other"}]}
    assert rules.digest(changed) != rules.digest(CONTENT)


def test_content_changes_name_each_changed_part_with_before_and_after() -> None:
    now = {
        **CONTENT,
        "Date of issue": dt.date(2026, 1, 2),
        "Expectations": [
            CONTENT["Expectations"][0],
            {"Text": "Implement the plan in full", "Themes": ["leadership"]},
        ],
    }
    changes = rules.content_changes(CONTENT, now)
    assert [(c.label, c.before, c.after) for c in changes] == [
        ("Date of issue", "2026-01-01", "2026-01-02"),
        ("Expectations 2: Text", "Implement the plan", "Implement the plan in full"),
    ]
    assert changes[0].kind == "changed"


def test_content_changes_name_added_and_removed_parts() -> None:
    now = {**CONTENT, "Expectations": [*CONTENT["Expectations"], {"Text": "Engage"}]}
    del now["Authority"]
    kinds = {c.label: c.kind for c in rules.content_changes(CONTENT, now)}
    assert kinds == {"Expectations 3: Text": "added", "Authority": "removed"}


def test_unchanged_content_has_no_changes() -> None:
    assert rules.content_changes(CONTENT, dict(CONTENT)) == []


def test_a_typed_year_far_from_today_is_too_far() -> None:
    today = dt.date(2026, 12, 3)
    assert rules.date_too_far(dt.date(2031, 1, 1), today=today, margin_days=90)
    assert rules.date_too_far(dt.date(2025, 1, 1), today=today, margin_days=90)
    assert not rules.date_too_far(dt.date(2026, 12, 1), today=today, margin_days=90)
    assert not rules.date_too_far(dt.date(2027, 3, 3), today=today, margin_days=90)


def test_the_date_margin_message_says_what_dates_are_allowed() -> None:
    message = rules.date_too_far_message(
        "the date of issue", today=dt.date(2026, 12, 3), margin_days=90
    )
    assert message == (
        "The date of issue must be between 4 September 2026 and 3 March 2027: check the year"
    )
