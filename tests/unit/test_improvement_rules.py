"""The pure rules of improvement: a measure's status against its target, overdue actions,
responses to recommendations, and expectations carried across revised notices."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bestvalue.improvement import rules
from bestvalue.improvement.rules import MeasureStatus

D = dt.date


def _status(direction: str, latest: tuple[dt.date, str] | None, today: dt.date) -> MeasureStatus:
    baseline, target = (
        (Decimal(50), Decimal(70)) if direction == "higher" else (Decimal(30), Decimal(10))
    )
    return rules.measure_status(
        direction=direction,
        baseline=baseline,
        baseline_on=D(2024, 1, 1),
        target=target,
        target_on=D(2024, 12, 31),
        latest=None if latest is None else (latest[0], Decimal(latest[1])),
        today=today,
    )


@pytest.mark.parametrize(
    ("direction", "latest", "today", "expected"),
    [
        ("higher", None, D(2024, 6, 1), MeasureStatus.NO_READINGS),
        ("higher", (D(2024, 6, 1), "70"), D(2024, 6, 1), MeasureStatus.MET),
        ("higher", (D(2024, 6, 1), "75"), D(2025, 6, 1), MeasureStatus.MET),
        # Half-way through the year the path says about 60.
        ("higher", (D(2024, 7, 1), "61"), D(2024, 7, 1), MeasureStatus.ON_TRACK),
        ("higher", (D(2024, 7, 1), "58"), D(2024, 7, 1), MeasureStatus.OFF_TRACK),
        ("higher", (D(2024, 7, 1), "45"), D(2024, 7, 1), MeasureStatus.OFF_TRACK),
        ("higher", (D(2024, 12, 1), "69"), D(2025, 1, 1), MeasureStatus.MISSED),
        ("lower", (D(2024, 7, 1), "19"), D(2024, 7, 1), MeasureStatus.ON_TRACK),
        ("lower", (D(2024, 7, 1), "25"), D(2024, 7, 1), MeasureStatus.OFF_TRACK),
        ("lower", (D(2024, 7, 1), "10"), D(2024, 7, 1), MeasureStatus.MET),
        ("lower", (D(2024, 7, 1), "11"), D(2025, 1, 1), MeasureStatus.MISSED),
    ],
)
def test_a_measures_status_against_its_target(
    direction: str, latest: tuple[dt.date, str] | None, today: dt.date, expected: MeasureStatus
) -> None:
    assert _status(direction, latest, today) == expected


def test_the_path_runs_straight_from_baseline_to_target() -> None:
    def on(day: dt.date) -> Decimal:
        return rules.expected_value(
            baseline=Decimal(0),
            baseline_on=D(2024, 1, 1),
            target=Decimal(100),
            target_on=D(2024, 1, 11),
            on=day,
        )

    assert on(D(2023, 12, 1)) == 0
    assert on(D(2024, 1, 6)) == 50
    assert on(D(2024, 2, 1)) == 100


def test_progress_is_the_share_of_the_way_from_baseline_to_target() -> None:
    assert rules.progress_fraction(Decimal(50), Decimal(70), Decimal(60)) == Decimal("0.5")
    assert rules.progress_fraction(Decimal(30), Decimal(10), Decimal(35)) == Decimal("-0.25")
    assert rules.progress_fraction(Decimal(1), Decimal(1), Decimal(1)) is None


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        ("on_track", D(2024, 5, 31), True),
        ("on_track", D(2024, 6, 1), False),
        ("done", D(2024, 1, 1), False),
        ("not_started", None, False),
    ],
)
def test_an_action_is_overdue_once_its_due_date_has_passed_and_it_is_not_done(
    status: str, due: dt.date | None, overdue: bool
) -> None:
    assert rules.is_overdue(status, due, D(2024, 6, 1)) is overdue


def test_the_authority_answers_with_a_response_never_awaiting() -> None:
    assert rules.response_refusal("awaiting_response", "accepted") is None
    assert rules.response_refusal("not_accepted", "accepted") is None
    assert "Choose the authority's response" in (
        rules.response_refusal("accepted", "awaiting_response") or ""
    )


def test_an_implemented_recommendation_cannot_be_reopened() -> None:
    assert "cannot be reopened" in (rules.response_refusal("implemented", "accepted") or "")
    assert rules.response_refusal("implemented", "implemented") is None


def test_an_expectations_lineage_follows_carried_forward_links_newest_first() -> None:
    carried = {3: 2, 2: 1, 1: None, 9: None}
    assert rules.expectation_lineage(3, carried) == [3, 2, 1]
    assert rules.expectation_lineage(9, carried) == [9]
    assert rules.expectation_lineage(5, carried) == [5]


def test_a_lineage_loop_is_cut_not_followed() -> None:
    assert rules.expectation_lineage(1, {1: 2, 2: 1}) == [1, 2]
