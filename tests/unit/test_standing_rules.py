"""The status as true today (issue 13, point 8) and the public correction note (point 3): pure
rules, no database."""

from __future__ import annotations

import datetime as dt

from bestvalue.interventions import rules as intervention_rules
from bestvalue.interventions.rules import DirectionsStep
from bestvalue.notices import rules

D = dt.date


def test_an_issued_notice_is_in_force_until_its_expiry_date() -> None:
    assert rules.standing("issued", D(2026, 4, 3), D(2026, 4, 2), D(2025, 4, 3)) == "issued"
    assert rules.standing_label("issued", D(2026, 4, 3), D(2026, 4, 2)) == "In force"


def test_an_issued_notice_past_its_period_with_no_outcome_is_period_ended() -> None:
    # Its expiry date is the first day it is no longer in force (rules.in_force_on agrees).
    assert rules.standing("issued", D(2026, 4, 3), D(2026, 4, 3)) == rules.PERIOD_ENDED
    assert not rules.in_force_on(
        D(2026, 4, 3),
        status=rules.Status.ISSUED,
        issued_on=D(2025, 4, 3),
        expires_on=D(2026, 4, 3),
        ended_on=None,
    )
    assert (
        rules.standing_label("issued", D(2026, 4, 3), D(2026, 12, 3))
        == "Period ended on 3 April 2026; outcome not recorded"
    )


def test_an_ended_notice_keeps_its_recorded_status() -> None:
    assert rules.standing("lapsed", D(2024, 7, 30), D(2026, 12, 3)) == "lapsed"
    assert rules.standing_label("lapsed", D(2024, 7, 30), D(2026, 12, 3)) == "Lapsed"


def test_a_notice_issued_with_a_future_date_is_not_yet_in_force() -> None:
    assert rules.standing("issued", None, D(2026, 12, 3), D(2031, 1, 1)) == rules.NOT_YET_IN_FORCE
    assert (
        rules.standing_label("issued", None, D(2026, 12, 3), D(2031, 1, 1))
        == "Issued; in force from 1 January 2031"
    )


SLOUGH = [
    DirectionsStep.of("directions", D(2021, 12, 1)),
    DirectionsStep(
        "extension",
        intervention_rules.parse_approx("2024-11"),
        intervention_rules.Span.exact(D(2026, 11, 30)),
    ),
]


def test_directions_past_their_end_with_nothing_recorded_have_ended() -> None:
    on_the_day = intervention_rules.standing(status="active", steps=SLOUGH, today=D(2026, 11, 30))
    assert on_the_day == "active"
    after = intervention_rules.standing(status="active", steps=SLOUGH, today=D(2026, 12, 1))
    assert after == intervention_rules.DIRECTIONS_ENDED
    label = intervention_rules.standing_label(
        status="active", status_label="Active", steps=SLOUGH, today=D(2026, 12, 3)
    )
    assert label == "Directions ended on 30 November 2026; exit not recorded"


def test_an_exit_or_a_later_extension_keeps_directions_from_counting_as_ended() -> None:
    exited = [*SLOUGH, DirectionsStep.of("exit", D(2026, 12, 1))]
    assert intervention_rules.standing(status="active", steps=exited, today=D(2027, 1, 1)) == (
        "active"
    )
    extended = [*SLOUGH, DirectionsStep.of("extension", D(2026, 11, 1), D(2027, 11, 30))]
    assert intervention_rules.standing(status="active", steps=extended, today=D(2026, 12, 3)) == (
        "active"
    )
    assert intervention_rules.standing(status="ended", steps=SLOUGH, today=D(2026, 12, 3)) == (
        "ended"
    )


def test_the_correction_note_reads_as_the_issue_asks() -> None:
    changes = {
        "issued_on": {"label": "Date of issue", "before": "2031-01-01", "after": "2026-01-01"}
    }
    assert rules.correction_note(D(2026, 12, 4), changes) == (
        "Corrected on 4 December 2026: the date of issue was given as 1 January 2031; "
        "it is 1 January 2026."
    )
    several = {
        "period_months": {"label": "Period", "before": 12, "after": 6},
        "addressee_role": {"label": "Addressee's role", "before": "", "after": "Chief Executive"},
    }
    assert rules.correction_note(D(2026, 12, 4), several) == (
        "Corrected on 4 December 2026: the period was given as 12 months; it is 6 months; "
        "the addressee's role was not given; it is Chief Executive."
    )
