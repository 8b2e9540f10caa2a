"""The pure rules of a notice: transitions, expiry, and being in force on a date."""

from __future__ import annotations

import datetime as dt

import pytest

from bestvalue.notices import rules
from bestvalue.notices.rules import Action, InvalidTransition, Status

D = dt.date

ALLOWED = [
    (Status.DRAFT, Action.SUBMIT, Status.AWAITING_APPROVAL),
    (Status.AWAITING_APPROVAL, Action.APPROVE, Status.ISSUED),
    (Status.AWAITING_APPROVAL, Action.RETURN, Status.DRAFT),
    (Status.ISSUED, Action.REISSUE, Status.REISSUED),
    (Status.ISSUED, Action.LAPSE, Status.LAPSED),
    (Status.ISSUED, Action.WITHDRAW, Status.WITHDRAWN),
    (Status.ISSUED, Action.ESCALATE, Status.ESCALATED),
]


@pytest.mark.parametrize(("current", "action", "expected"), ALLOWED)
def test_allowed_transitions_lead_where_the_table_says(
    current: Status, action: Action, expected: Status
) -> None:
    assert rules.next_status(current, action) == expected


REFUSED = [
    (current, action)
    for current in Status
    for action in Action
    if (current, action) not in {(c, a) for c, a, _ in ALLOWED}
]


@pytest.mark.parametrize(("current", "action"), REFUSED)
def test_every_other_transition_is_refused_naming_the_state(
    current: Status, action: Action
) -> None:
    with pytest.raises(InvalidTransition) as excinfo:
        rules.next_status(current, action)
    message = str(excinfo.value)
    assert rules.STATUS_LABELS[current].lower() in message
    assert rules.ACTION_VERBS[action] in message


def test_the_refusal_says_what_is_allowed_instead() -> None:
    with pytest.raises(InvalidTransition) as excinfo:
        rules.next_status(Status.DRAFT, Action.APPROVE)
    assert str(excinfo.value) == (
        "You cannot approve and issue this notice: it is draft. From there you can: send for approval."
    )
    with pytest.raises(InvalidTransition, match="Nothing more can be done to it"):
        rules.next_status(Status.LAPSED, Action.WITHDRAW)


@pytest.mark.parametrize(
    ("issued", "months", "expires"),
    [
        (D(2023, 1, 24), 12, D(2024, 1, 24)),
        (D(2024, 1, 30), 6, D(2024, 7, 30)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # clamped to the month's end
        (D(2023, 8, 31), 6, D(2024, 2, 29)),  # into a leap February
        (D(2023, 11, 3), 6, D(2024, 5, 3)),
        (D(2024, 12, 31), 1, D(2025, 1, 31)),
    ],
)
def test_expiry_is_the_issue_date_plus_the_period(
    issued: dt.date, months: int, expires: dt.date
) -> None:
    assert rules.expiry_date(issued, months) == expires


def test_expiry_is_unknown_when_the_date_or_period_is() -> None:
    assert rules.expiry_date(None, 12) is None
    assert rules.expiry_date(D(2024, 1, 1), None) is None


def _in_force(day: dt.date, **kwargs: object) -> bool:
    values: dict[str, object] = {
        "status": Status.ISSUED,
        "issued_on": D(2024, 1, 30),
        "expires_on": D(2024, 7, 30),
        "ended_on": None,
    }
    values.update(kwargs)
    return rules.in_force_on(day, **values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2024, 1, 29), False),
        (D(2024, 1, 30), True),
        (D(2024, 7, 29), True),
        (D(2024, 7, 30), False),
    ],
)
def test_a_notice_with_no_recorded_end_is_in_force_from_issue_until_expiry(
    day: dt.date, expected: bool
) -> None:
    assert _in_force(day) is expected


@pytest.mark.parametrize(
    ("day", "expected"), [(D(2024, 5, 7), True), (D(2024, 5, 8), False), (D(2024, 7, 1), False)]
)
def test_a_recorded_end_takes_precedence(day: dt.date, expected: bool) -> None:
    assert _in_force(day, status=Status.REISSUED, ended_on=D(2024, 5, 8)) is expected


def test_a_replaced_notice_stays_in_force_past_expiry_until_replaced() -> None:
    kwargs = {
        "status": Status.REISSUED,
        "issued_on": D(2023, 1, 24),
        "expires_on": D(2024, 1, 24),
        "ended_on": D(2024, 1, 30),
    }
    assert _in_force(D(2024, 1, 29), **kwargs)
    assert not _in_force(D(2024, 1, 30), **kwargs)


def test_drafts_are_never_in_force() -> None:
    assert not _in_force(D(2024, 3, 1), status=Status.DRAFT)
    assert not _in_force(D(2024, 3, 1), status=Status.AWAITING_APPROVAL)


def test_a_notice_with_unknown_expiry_stays_in_force_until_an_end_is_recorded() -> None:
    assert _in_force(D(2030, 1, 1), expires_on=None)


def test_days_remaining_counts_to_expiry() -> None:
    assert rules.days_remaining(D(2024, 7, 30), D(2024, 7, 1)) == 29
    assert rules.days_remaining(D(2024, 7, 30), D(2024, 7, 30)) == 0
    assert rules.days_remaining(D(2024, 7, 30), D(2024, 8, 1)) == -2
    assert rules.days_remaining(None, D(2024, 8, 1)) is None


def test_a_lapse_takes_effect_at_expiry_or_earlier_decision() -> None:
    assert rules.lapse_date(D(2024, 7, 30), D(2024, 9, 9)) == D(2024, 7, 30)
    assert rules.lapse_date(D(2024, 7, 30), D(2024, 6, 1)) == D(2024, 6, 1)
    assert rules.lapse_date(None, D(2024, 6, 1)) == D(2024, 6, 1)
