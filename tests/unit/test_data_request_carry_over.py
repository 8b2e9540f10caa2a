"""The rule of what happens to a data request when its notice is reissued
(notices.engagement.carries_over): open requests carry to the revised notice, settled ones stay."""

from __future__ import annotations

import datetime as dt

from bestvalue.notices.engagement import carries_over

D = dt.date
REISSUED = D(2025, 1, 10)


def test_a_request_with_a_return_still_owed_carries_over() -> None:
    assert carries_over(
        first_due_on=D(2024, 12, 1),
        recurrence="once",
        last_due_on=None,
        received=[],
        replaced_on=REISSUED,
    )


def test_a_recurring_request_with_returns_still_to_fall_due_carries_over() -> None:
    assert carries_over(
        first_due_on=D(2024, 12, 6),
        recurrence="weekly",
        last_due_on=None,
        received=[D(2024, 12, 6) + dt.timedelta(weeks=n) for n in range(5)],
        replaced_on=REISSUED,
    )


def test_a_request_due_after_the_reissue_carries_over() -> None:
    assert carries_over(
        first_due_on=D(2025, 2, 1),
        recurrence="once",
        last_due_on=None,
        received=[],
        replaced_on=REISSUED,
    )


def test_a_settled_request_stays_with_the_old_notice() -> None:
    # Every return in, and the last one was due before the reissue.
    assert not carries_over(
        first_due_on=D(2024, 10, 1),
        recurrence="monthly",
        last_due_on=D(2024, 12, 1),
        received=[D(2024, 10, 1), D(2024, 11, 1), D(2024, 12, 1)],
        replaced_on=REISSUED,
    )


def test_a_return_due_on_the_day_of_the_reissue_and_not_in_carries_over() -> None:
    assert carries_over(
        first_due_on=REISSUED,
        recurrence="once",
        last_due_on=None,
        received=[],
        replaced_on=REISSUED,
    )
