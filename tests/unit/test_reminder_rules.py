"""The pure rules of reminders: which lead time is due on a day, how dates read, and the email."""

from __future__ import annotations

import datetime as dt

import pytest

from bestvalue.core.env import ConfigurationError
from bestvalue.reminders import messages
from bestvalue.reminders.rules import (
    EVERYONE,
    OVERDUE,
    DueItem,
    Kind,
    item_key,
    reminder_stage,
    stage_label,
    token_digest,
    when,
)
from bestvalue.settings import _lead_days

DUE = dt.date(2026, 6, 30)
LEADS = (30, 14, 3)


def _day(days_before: int) -> dt.date:
    return DUE - dt.timedelta(days=days_before)


@pytest.mark.parametrize(
    ("days_before", "stage"),
    [
        (45, None),
        (31, None),  # the day before the first lead time: nothing yet
        (30, 30),
        (29, 30),
        (15, 30),
        (14, 14),
        (4, 14),
        (3, 3),
        (1, 3),
        (0, 3),  # on the day itself the 3-day reminder still stands (no 0 lead time set)
        (-1, OVERDUE),
        (-400, OVERDUE),
    ],
)
def test_each_day_falls_in_one_lead_time(days_before: int, stage: int | None) -> None:
    assert reminder_stage(DUE, _day(days_before), LEADS, can_be_overdue=True) == stage


def test_the_lead_times_may_come_in_any_order() -> None:
    assert reminder_stage(DUE, _day(10), (3, 30, 14), can_be_overdue=True) == 14


def test_a_zero_lead_time_reminds_on_the_day_itself() -> None:
    leads = (30, 14, 3, 0)
    assert reminder_stage(DUE, _day(1), leads, can_be_overdue=True) == 3
    assert reminder_stage(DUE, DUE, leads, can_be_overdue=True) == 0
    assert reminder_stage(DUE, _day(-1), leads, can_be_overdue=True) == OVERDUE


def test_a_date_that_cannot_be_overdue_stops_reminding_once_passed() -> None:
    assert reminder_stage(DUE, DUE, LEADS, can_be_overdue=False) == 3
    assert reminder_stage(DUE, _day(-1), LEADS, can_be_overdue=False) is None


@pytest.mark.parametrize(
    ("days_before", "text"),
    [
        (0, "today"),
        (1, "tomorrow"),
        (14, "in 14 days"),
        (-1, "overdue by 1 day"),
        (-20, "overdue by 20 days"),
    ],
)
def test_dates_read_against_today(days_before: int, text: str) -> None:
    assert when(DUE, _day(days_before)) == text


def test_a_passed_date_that_cannot_be_overdue_reads_as_days_ago() -> None:
    assert when(DUE, _day(-3), can_be_overdue=False) == "3 days ago"


def test_stage_labels() -> None:
    assert [stage_label(s) for s in (30, 1, 0, OVERDUE)] == [
        "30 days before",
        "1 day before",
        "On the day",
        "Overdue",
    ]


def test_an_item_key_names_the_kind_the_record_and_the_date() -> None:
    assert item_key(Kind.NOTICE_REVIEW, 12, DUE) == "notice_review:12:2026-06-30"


def test_only_a_digest_of_a_calendar_key_is_kept() -> None:
    digest = token_digest("secret")
    assert len(digest) == 64
    assert "secret" not in digest
    assert digest == token_digest("secret") != token_digest("secret2")


@pytest.mark.parametrize(
    ("raw", "days"),
    [("30,14,3", (30, 14, 3)), ("3, 30 ,14,14", (30, 14, 3)), ("0", (0,)), ("7,0", (7, 0))],
)
def test_lead_days_are_read_from_the_environment(raw: str, days: tuple[int, ...]) -> None:
    assert _lead_days(raw) == days


@pytest.mark.parametrize("raw", ["", "thirty", "30,-1", "30;14", ","])
def test_bad_lead_days_stop_start_up(raw: str) -> None:
    with pytest.raises(ConfigurationError, match="REMINDER_LEAD_DAYS"):
        _lead_days(raw)


def _item(**overrides: object) -> DueItem:
    values: dict[str, object] = {
        "key": "notice_review:1:2026-06-30",
        "kind": Kind.NOTICE_REVIEW,
        "due_on": DUE,
        "title": "Review point: best value notice BVN-2025-001 to Testshire Council",
        "detail": "The notice's period ends.",
        "authority_id": 1,
        "authority_name": "Testshire Council",
        "audience": EVERYONE,
        "can_be_overdue": True,
    }
    values.update(overrides)
    return DueItem(**values)  # type: ignore[arg-type]


def _compose(entries: list[tuple[DueItem, int]], today: dt.date) -> messages.Message:
    return messages.compose(
        name="Sam Smith",
        service_name="Best value oversight",
        entries=entries,
        today=today,
        link=lambda item: f"https://example.gov.uk/{item.key}",
        due_page="https://example.gov.uk/staff/due/",
        preferences_page="https://example.gov.uk/staff/due/preferences/",
    )


def test_one_reminder_names_the_item_and_when_in_the_subject() -> None:
    message = _compose([(_item(), 14)], _day(14))
    assert message.subject == (
        "Review point: best value notice BVN-2025-001 to Testshire Council: due in 14 days"
    )
    assert message.body.startswith("Hello Sam Smith,\n\nThis date concerns you.")
    assert "Due in 14 days: 30 June 2026" in message.body
    assert "https://example.gov.uk/notice_review:1:2026-06-30" in message.body
    assert "https://example.gov.uk/staff/due/preferences/" in message.body


def test_several_reminders_put_the_overdue_first() -> None:
    later = _item(key="data_return:2:2026-07-07", due_on=dt.date(2026, 7, 7), title="Data return")
    overdue = _item(key="notice_review:3:2026-06-01", due_on=dt.date(2026, 6, 1), title="Review")
    message = _compose([(later, 14), (overdue, OVERDUE)], dt.date(2026, 6, 25))
    assert message.subject == "2 dates need your attention (1 overdue)"
    assert message.body.index("Review") < message.body.index("Data return")
    assert "Overdue since 1 June 2026 (overdue by 24 days)" in message.body
