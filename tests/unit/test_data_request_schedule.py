"""When recurring data returns fall due."""

from __future__ import annotations

import datetime as dt

from bestvalue.notices.schedule import due_dates, next_due

D = dt.date


def test_weekly_returns_fall_due_every_seven_days_up_to_the_last() -> None:
    dates = due_dates(D(2024, 1, 5), "weekly", D(2024, 1, 26), until=D(2024, 12, 31))
    assert dates == [D(2024, 1, 5), D(2024, 1, 12), D(2024, 1, 19), D(2024, 1, 26)]


def test_monthly_returns_clamp_to_the_month_end() -> None:
    dates = due_dates(D(2024, 1, 31), "monthly", None, until=D(2024, 4, 30))
    assert dates == [D(2024, 1, 31), D(2024, 2, 29), D(2024, 3, 31), D(2024, 4, 30)]


def test_a_one_off_request_falls_due_once() -> None:
    assert due_dates(D(2024, 3, 1), "once", None, until=D(2030, 1, 1)) == [D(2024, 3, 1)]
    assert due_dates(D(2024, 3, 1), "once", None, until=D(2024, 2, 28)) == []


def test_the_next_due_return_is_the_earliest_not_received() -> None:
    received = [D(2024, 1, 5), D(2024, 1, 19)]
    assert next_due(D(2024, 1, 5), "weekly", None, received, today=D(2024, 1, 20)) == D(2024, 1, 12)


def test_nothing_is_due_once_every_return_is_in() -> None:
    received = [D(2024, 1, 5), D(2024, 1, 12)]
    assert next_due(D(2024, 1, 5), "weekly", D(2024, 1, 12), received, today=D(2024, 2, 1)) is None
