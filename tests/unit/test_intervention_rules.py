"""The pure date rules of inspections and interventions, at every boundary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bestvalue.interventions import rules
from bestvalue.interventions.models.choices import ApprovalStatus, DirectionsKind
from bestvalue.interventions.rules import DirectionsStep, Span, WindowState

D = dt.date


# --- Months ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), 48, D(2028, 2, 29)),
        (D(2024, 3, 31), 1, D(2024, 4, 30)),
        (D(2024, 8, 31), 3, D(2024, 11, 30)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2024, 11, 30), 3, D(2025, 2, 28)),
        (D(2024, 1, 15), 0, D(2024, 1, 15)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(2024, 1, 31), -2, D(2023, 11, 30)),
    ],
)
def test_add_months_clamps_to_the_end_of_a_shorter_month(
    day: dt.date, months: int, expected: dt.date
) -> None:
    assert rules.add_months(day, months) == expected


# --- Rough dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2010", D(2010, 1, 1), D(2010, 12, 31)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", D(2023, 2, 1), D(2023, 2, 28)),
        ("2024-03-20", D(2024, 3, 20), D(2024, 3, 20)),
        ("2025-02/2025-03", D(2025, 2, 1), D(2025, 3, 31)),
        ("2025-12/2026-02", D(2025, 12, 1), D(2026, 2, 28)),
    ],
)
def test_a_rough_date_is_the_span_it_allows(text: str, earliest: dt.date, latest: dt.date) -> None:
    assert rules.parse_approx(text) == Span(earliest, latest)


@pytest.mark.parametrize(
    "text", ["", "24", "2024-13", "2023-02-29", "March 2024", "2025-03/2025-02"]
)
def test_a_malformed_rough_date_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"not a date|not a real date|ends before"):
        rules.parse_approx(text)


def test_an_exact_date_wins_over_rough_text_and_nothing_is_none() -> None:
    assert rules.span_of(D(2024, 1, 2), "2023") == Span.exact(D(2024, 1, 2))
    assert rules.span_of(None, "2023-05") == Span(D(2023, 5, 1), D(2023, 5, 31))
    assert rules.span_of(None, "") is None


# --- Representation windows ------------------------------------------------------------------

CLOSES = D(2025, 3, 28)


@pytest.mark.parametrize(
    ("today", "state", "remaining"),
    [
        (D(2025, 3, 17), WindowState.OPEN, 11),
        (D(2025, 3, 27), WindowState.OPEN, 1),
        (CLOSES, WindowState.OPEN, 0),
        (D(2025, 3, 29), WindowState.CLOSED, None),
    ],
)
def test_the_window_is_open_up_to_and_including_its_closing_date(
    today: dt.date, state: WindowState, remaining: int | None
) -> None:
    assert rules.window_state(closes_on=CLOSES, foregone=False, today=today) == state
    assert rules.days_remaining(closes_on=CLOSES, foregone=False, today=today) == remaining


def test_a_foregone_window_is_never_open() -> None:
    for today in (D(2025, 3, 1), CLOSES, D(2025, 4, 1)):
        assert rules.window_state(closes_on=None, foregone=True, today=today) == "foregone"
        assert rules.days_remaining(closes_on=None, foregone=True, today=today) is None


def test_a_window_without_a_closing_date_is_not_known() -> None:
    state = rules.window_state(closes_on=None, foregone=False, today=CLOSES)
    assert state == WindowState.NOT_KNOWN
    assert rules.days_remaining(closes_on=None, foregone=False, today=CLOSES) is None


def test_the_closing_date_counts_days_from_the_letter() -> None:
    assert rules.representation_closing_date(D(2025, 3, 17), days=11) == D(2025, 3, 28)
    assert rules.representation_closing_date(D(2024, 2, 20), days=14) == D(2024, 3, 5)  # leap
    with pytest.raises(ValueError, match="at least one day"):
        rules.representation_closing_date(D(2025, 3, 17), days=0)


# --- Inspection deadlines --------------------------------------------------------------------


def test_the_inspection_deadline_is_the_last_extension_granted() -> None:
    assert rules.inspection_deadline(D(2024, 7, 31), []) == D(2024, 7, 31)
    assert rules.inspection_deadline(D(2024, 7, 31), [D(2025, 1, 31)]) == D(2025, 1, 31)
    assert rules.inspection_deadline(None, [D(2022, 12, 1), D(2023, 2, 17)]) == D(2023, 2, 17)
    assert rules.inspection_deadline(None, []) is None


@pytest.mark.parametrize(
    ("today", "submitted_on", "overdue"),
    [
        (D(2025, 1, 30), None, False),
        (D(2025, 1, 31), None, False),
        (D(2025, 2, 1), None, True),
        (D(2025, 2, 1), D(2025, 1, 31), False),
    ],
)
def test_a_report_is_overdue_from_the_day_after_its_deadline(
    today: dt.date, submitted_on: dt.date | None, overdue: bool
) -> None:
    deadline = D(2025, 1, 31)
    assert (
        rules.inspection_report_overdue(deadline=deadline, submitted_on=submitted_on, today=today)
        is overdue
    )


def test_no_deadline_means_not_overdue() -> None:
    assert not rules.inspection_report_overdue(
        deadline=None, submitted_on=None, today=D(2030, 1, 1)
    )


# --- Report due dates ------------------------------------------------------------------------


def test_reports_fall_due_three_months_after_the_directions_then_every_six() -> None:
    dates = rules.report_due_dates(D(2023, 7, 20), ends_on=D(2025, 7, 20))
    assert dates == [D(2023, 10, 20), D(2024, 4, 20), D(2024, 10, 20), D(2025, 4, 20)]


def test_a_report_due_on_the_end_date_is_included_and_the_day_after_is_not() -> None:
    made = D(2024, 1, 10)
    assert rules.report_due_dates(made, ends_on=D(2024, 10, 10))[-1] == D(2024, 10, 10)
    assert rules.report_due_dates(made, ends_on=D(2024, 10, 9))[-1] == D(2024, 4, 10)
    assert rules.report_due_dates(made, ends_on=D(2024, 4, 9)) == []


def test_month_end_directions_do_not_drift() -> None:
    dates = rules.report_due_dates(D(2023, 8, 31), ends_on=D(2025, 6, 1))
    assert dates == [D(2023, 11, 30), D(2024, 5, 31), D(2024, 11, 30), D(2025, 5, 31)]


def test_a_schedule_over_a_leap_day() -> None:
    dates = rules.report_due_dates(
        D(2023, 11, 30), ends_on=D(2025, 3, 1), first_after_months=3, every_months=12
    )
    assert dates == [D(2024, 2, 29), D(2025, 2, 28)]


def test_the_schedule_is_configurable_per_directions() -> None:
    dates = rules.report_due_dates(
        D(2025, 5, 8), ends_on=D(2026, 5, 8), first_after_months=6, every_months=6
    )
    assert dates == [D(2025, 11, 8), D(2026, 5, 8)]


def test_directions_without_an_end_need_a_horizon() -> None:
    with pytest.raises(ValueError, match="until"):
        rules.report_due_dates(D(2023, 5, 25), ends_on=None)
    dates = rules.report_due_dates(D(2023, 5, 25), ends_on=None, until=D(2024, 8, 25))
    assert dates == [D(2023, 8, 25), D(2024, 2, 25), D(2024, 8, 25)]
    # `until` before the end date wins
    assert rules.report_due_dates(D(2023, 5, 25), ends_on=D(2030, 1, 1), until=D(2023, 8, 24)) == []


def test_a_schedule_needs_whole_months() -> None:
    with pytest.raises(ValueError, match="month"):
        rules.report_due_dates(D(2024, 1, 1), ends_on=D(2025, 1, 1), every_months=0)


# --- Directions in force ---------------------------------------------------------------------


def _periods(*steps: DirectionsStep, ended: bool = False) -> list[rules.InForcePeriod]:
    return rules.in_force_periods(steps, intervention_ended=ended)


def test_directions_are_in_force_from_the_day_made_to_their_end_inclusive() -> None:
    periods = _periods(DirectionsStep.of("directions", D(2022, 3, 22), D(2024, 3, 22)))
    assert rules.in_force_on(periods, D(2022, 3, 21)) is False
    assert rules.in_force_on(periods, D(2022, 3, 22)) is True
    assert rules.in_force_on(periods, D(2024, 3, 22)) is True
    assert rules.in_force_on(periods, D(2024, 3, 23)) is False


def test_an_extension_moves_the_end() -> None:
    steps = (
        DirectionsStep.of("directions", D(2021, 12, 1), D(2024, 11, 30)),
        DirectionsStep.of("extension", D(2024, 11, 20), D(2026, 11, 30)),
    )
    assert rules.effective_end(steps) == Span.exact(D(2026, 11, 30))
    periods = _periods(*steps)
    assert rules.in_force_on(periods, D(2026, 11, 30)) is True
    assert rules.in_force_on(periods, D(2026, 12, 1)) is False


def test_an_extension_after_the_directions_lapsed_starts_a_new_period() -> None:
    periods = _periods(
        DirectionsStep.of("directions", D(2020, 1, 1), D(2020, 12, 31)),
        DirectionsStep.of("extension", D(2021, 2, 1), D(2022, 1, 31)),
    )
    assert len(periods) == 2
    assert rules.in_force_on(periods, D(2021, 1, 15)) is False
    assert rules.in_force_on(periods, D(2021, 2, 1)) is True


def test_later_directions_without_an_end_keep_the_earlier_end() -> None:
    steps = (
        DirectionsStep.of("directions", D(2021, 12, 1), D(2024, 11, 30)),
        DirectionsStep.of("directions", D(2022, 9, 1)),
    )
    assert rules.effective_end(steps) == Span.exact(D(2024, 11, 30))


def test_later_directions_with_an_end_replace_it() -> None:
    steps = (
        DirectionsStep.of("directions", D(2023, 7, 20), D(2025, 7, 20)),
        DirectionsStep.of("directions", D(2025, 7, 17), D(2027, 7, 20)),
    )
    assert rules.effective_end(steps) == Span.exact(D(2027, 7, 20))


def test_a_complete_revocation_ends_the_directions_the_day_before() -> None:
    periods = _periods(
        DirectionsStep.of("directions", D(2022, 1, 1), D(2025, 1, 1)),
        DirectionsStep.of("revocation", D(2023, 6, 1), partial=False),
    )
    assert rules.in_force_on(periods, D(2023, 5, 31)) is True
    assert rules.in_force_on(periods, D(2023, 6, 1)) is False


@pytest.mark.parametrize("partial", [True, None])
def test_a_partial_or_unspecified_revocation_leaves_the_directions_in_force(
    partial: bool | None,
) -> None:
    periods = _periods(
        DirectionsStep.of("directions", D(2015, 2, 1), D(2019, 3, 31)),
        DirectionsStep.of("revocation", D(2018, 9, 24), partial=partial),
    )
    assert rules.in_force_on(periods, D(2018, 9, 24)) is True
    assert rules.in_force_on(periods, D(2019, 3, 31)) is True


def test_an_expiry_is_the_last_day_in_force() -> None:
    periods = _periods(
        DirectionsStep.of("directions", D(2021, 6, 10)),
        DirectionsStep.of("expiry", D(2024, 6, 9)),
    )
    assert rules.in_force_on(periods, D(2024, 6, 9)) is True
    assert rules.in_force_on(periods, D(2024, 6, 10)) is False


def test_an_exit_ends_the_directions_the_day_before() -> None:
    periods = _periods(
        DirectionsStep.of("directions", D(2014, 12, 17)),
        DirectionsStep.of("exit", D(2018, 9, 1)),
    )
    assert rules.in_force_on(periods, D(2018, 8, 31)) is True
    assert rules.in_force_on(periods, D(2018, 9, 1)) is False


def test_an_early_expiry_does_not_outlast_the_end_and_a_late_one_starts_nothing() -> None:
    steps = (
        DirectionsStep.of("directions", D(2020, 1, 1), D(2021, 1, 1)),
        DirectionsStep.of("expiry", D(2020, 6, 30)),
    )
    assert rules.effective_end(steps) == Span.exact(D(2020, 6, 30))
    late = (
        DirectionsStep.of("directions", D(2020, 1, 1), D(2021, 1, 1)),
        DirectionsStep.of("expiry", D(2021, 3, 1)),
    )
    assert _periods(*late) == [
        rules.InForcePeriod(Span.exact(D(2020, 1, 1)), Span.exact(D(2021, 1, 1)))
    ]


def test_appointment_changes_do_not_change_the_period() -> None:
    steps = (
        DirectionsStep.of("directions", D(2022, 9, 2)),
        DirectionsStep.of("appointment", D(2023, 10, 5)),
    )
    assert _periods(*steps) == [rules.InForcePeriod(Span.exact(D(2022, 9, 2)), None)]
    assert rules.in_force_on(_periods(*steps), D(2040, 1, 1)) is True


def test_nothing_is_in_force_without_directions() -> None:
    assert _periods(DirectionsStep.of("exit", D(2024, 3, 20))) == []
    assert rules.in_force_on([], D(2024, 1, 1)) is False
    assert rules.effective_end([]) is None


def test_a_rough_start_leaves_its_own_span_uncertain() -> None:
    periods = _periods(
        DirectionsStep("directions", rules.parse_approx("2010"), Span.exact(D(2015, 7, 31)))
    )
    assert rules.in_force_on(periods, D(2009, 12, 31)) is False
    assert rules.in_force_on(periods, D(2010, 1, 1)) is None
    assert rules.in_force_on(periods, D(2010, 12, 31)) is True
    assert rules.in_force_on(periods, D(2015, 7, 31)) is True
    assert rules.in_force_on(periods, D(2015, 8, 1)) is False


def test_a_rough_exit_leaves_its_span_uncertain() -> None:
    periods = _periods(
        DirectionsStep.of("directions", D(2014, 12, 17)),
        DirectionsStep("exit", rules.parse_approx("2018-09")),
    )
    assert rules.in_force_on(periods, D(2018, 8, 30)) is True
    assert rules.in_force_on(periods, D(2018, 9, 15)) is None
    assert rules.in_force_on(periods, D(2018, 9, 30)) is False


def test_an_ended_intervention_without_a_recorded_end_is_not_known_after_its_start() -> None:
    periods = _periods(DirectionsStep.of("directions", D(2018, 5, 10)), ended=True)
    assert rules.in_force_on(periods, D(2018, 5, 9)) is False
    assert rules.in_force_on(periods, D(2018, 5, 10)) is True
    assert rules.in_force_on(periods, D(2019, 1, 1)) is None


def test_undated_steps_are_ignored() -> None:
    assert _periods(DirectionsStep("directions", None)) == []


def test_the_rules_kinds_match_the_model_choices() -> None:
    assert set(rules.DIRECTIONS_KINDS) == set(DirectionsKind.values)
    assert {rules.DRAFT, rules.AWAITING_APPROVAL, rules.ISSUED} == set(ApprovalStatus.values)


# --- Appointees and approval -----------------------------------------------------------------


def test_the_estimated_annual_cost_is_fee_times_day_cap() -> None:
    assert rules.estimated_annual_cost(Decimal(1200), 150) == Decimal(180000)
    assert rules.estimated_annual_cost(Decimal(1100), 0) == 0
    assert rules.estimated_annual_cost(None, 150) is None
    assert rules.estimated_annual_cost(Decimal(1100), None) is None


def test_approval_moves_draft_to_awaiting_to_issued() -> None:
    assert rules.next_status("draft", "submit") == "awaiting_approval"
    assert rules.next_status("awaiting_approval", "return") == "draft"
    assert rules.next_status("awaiting_approval", "approve") == "issued"
    with pytest.raises(rules.InvalidTransition, match="Cannot approve a record that is draft"):
        rules.next_status("draft", "approve")
    with pytest.raises(rules.InvalidTransition):
        rules.next_status("issued", "submit")


# --- Dates in words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "approx", "expected"),
    [
        (D(2023, 1, 4), "", "4 January 2023"),
        (D(2023, 1, 4), "2022", "4 January 2023"),  # the exact date wins
        (None, "2010", "2010"),
        (None, "2017-03", "March 2017"),
        (None, "2024-03-20", "20 March 2024"),
        (None, "2025-02/2025-03", "February to March 2025"),
        (None, "2025-12/2026-02", "December 2025 to February 2026"),
        (None, "2024-01-15/2024-02", "15 January 2024 to February 2024"),
        (None, "", "Not known"),
    ],
)
def test_a_date_is_shown_exactly_roughly_or_as_not_known(
    on: dt.date | None, approx: str, expected: str
) -> None:
    assert rules.date_text(on, approx) == expected


def test_a_missing_date_can_be_worded_for_its_place() -> None:
    assert rules.date_text(None, "", "Not set") == "Not set"


def test_a_rough_date_that_is_not_a_date_is_refused() -> None:
    with pytest.raises(ValueError, match="not a real date"):
        rules.approx_text("2024-13")


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        (Span.exact(D(2024, 2, 29)), "29 February 2024"),
        (Span(D(2024, 2, 1), D(2024, 2, 29)), "February 2024"),
        (Span(D(2024, 2, 1), D(2024, 2, 28)), "between 1 February 2024 and 28 February 2024"),
        (Span(D(2010, 1, 1), D(2010, 12, 31)), "2010"),
        (Span(D(2010, 1, 1), D(2011, 12, 31)), "January 2010 to December 2011"),
        (Span(D(2025, 2, 1), D(2025, 3, 31)), "February to March 2025"),
        (Span(D(2025, 2, 2), D(2025, 3, 31)), "between 2 February 2025 and 31 March 2025"),
    ],
)
def test_a_span_in_words(span: Span, expected: str) -> None:
    assert rules.span_text(span) == expected


@pytest.mark.parametrize(
    ("end", "expected"),
    [
        (None, "2 September 2022 to no end date set"),
        (Span(D(2022, 9, 2), dt.date.max), "2 September 2022 to an end not known"),
        (Span.exact(D(2028, 4, 30)), "2 September 2022 to 30 April 2028"),
        (Span(D(2018, 9, 1), D(2018, 9, 30)), "2 September 2022 to September 2018"),
        # The day before an exit dated only "2018-09".
        (Span(D(2018, 8, 31), D(2018, 9, 29)), "2 September 2022 until September 2018"),
    ],
)
def test_a_period_in_force_in_words(end: Span | None, expected: str) -> None:
    period = rules.InForcePeriod(Span.exact(D(2022, 9, 2)), end)
    assert rules.period_text(period) == expected
