"""The pure rules of board recommendations (issue 18.6): due dates, closing dates, and when one
is open or overdue."""

from __future__ import annotations

import datetime as dt

from bestvalue.improvement import rules

D = dt.date
MADE = D(2024, 3, 1)


def test_a_recommendation_may_fall_due_on_or_after_its_meeting() -> None:
    assert rules.recommendation_due_refusal(MADE, made_on=MADE) is None
    assert rules.recommendation_due_refusal(D(2025, 1, 1), made_on=MADE) is None
    assert rules.recommendation_due_refusal(D(2024, 2, 29), made_on=MADE) == (
        "The date the recommendation is due must be on or after the date of the meeting, "
        "1 March 2024"
    )


def test_a_closed_recommendation_is_settled() -> None:
    assert rules.recommendation_closed_refusal(None) is None
    assert rules.recommendation_closed_refusal(D(2024, 6, 1)) == (
        "This recommendation was closed on 1 June 2024, so it cannot be changed: "
        "the board can make a new recommendation instead"
    )


def test_the_board_closes_one_between_its_meeting_and_today() -> None:
    today = D(2024, 6, 1)
    assert rules.closing_date_refusal(today, made_on=MADE, today=today) is None
    assert rules.closing_date_refusal(MADE, made_on=MADE, today=today) is None
    assert rules.closing_date_refusal(D(2024, 6, 2), made_on=MADE, today=today) == (
        "The date it was closed must be today or in the past"
    )
    assert rules.closing_date_refusal(D(2024, 2, 1), made_on=MADE, today=today) == (
        "The date it was closed must be on or after the date the recommendation was made, "
        "1 March 2024"
    )


def test_a_recommendation_is_open_until_closed_and_overdue_after_its_due_date() -> None:
    due = D(2024, 5, 30)
    assert rules.recommendation_is_open(None, due)
    assert not rules.recommendation_is_open(D(2024, 4, 1), due)
    # One recorded before recommendations had due dates has no date to remind of.
    assert not rules.recommendation_is_open(None, None)
    assert not rules.recommendation_is_overdue(None, due, due)
    assert rules.recommendation_is_overdue(None, due, D(2024, 5, 31))
    assert not rules.recommendation_is_overdue(D(2024, 5, 1), due, D(2024, 5, 31))
    assert not rules.recommendation_is_overdue(None, None, D(2024, 5, 31))
