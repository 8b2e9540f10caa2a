"""Pure rules of improvement and assurance: action and recommendation states, a measure's status
against its target, and which expectations are "the same" across revised notices.

No ORM and no clock: callers pass values and `today`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum

from bestvalue.core.dates import uk_date as uk
from bestvalue.records.rules import not_before_message, not_in_future_message


class ActionStatus(StrEnum):
    NOT_STARTED = "not_started"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    DONE = "done"
    # Retired, with the reason in the progress update that gives the status (issue 18.2): the
    # action stays in the plan and its history, never deleted.
    CANCELLED = "cancelled"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return ACTION_STATUS_LABELS[self]


ACTION_STATUS_LABELS = {
    ActionStatus.NOT_STARTED: "Not started",
    ActionStatus.ON_TRACK: "On track",
    ActionStatus.AT_RISK: "At risk",
    ActionStatus.OFF_TRACK: "Off track",
    ActionStatus.DONE: "Done",
    ActionStatus.CANCELLED: "Cancelled",
    ActionStatus.SUPERSEDED: "Superseded",
}
RETIRED_STATUSES = frozenset({ActionStatus.CANCELLED, ActionStatus.SUPERSEDED})
# Statuses after which nothing more is due of an action.
CLOSED_STATUSES = frozenset({ActionStatus.DONE, *RETIRED_STATUSES})


def is_overdue(status: str, due_on: dt.date | None, today: dt.date) -> bool:
    """An action is overdue once its due date has passed and it is neither done nor retired
    (cancelled or superseded)."""
    return due_on is not None and due_on < today and status not in CLOSED_STATUSES


def creation_status_refusal(status: str) -> str | None:
    """An action may be added with any status but a retired one: an action is cancelled or
    superseded by a progress update that gives the reason, so the plan says why."""
    if status not in ACTION_STATUS_LABELS:
        return "Choose the action's status"
    if status in RETIRED_STATUSES:
        return (
            "An action cannot be added as cancelled or superseded: add it, then record a "
            "progress update that gives the reason"
        )
    return None


def is_retired(status: str) -> bool:
    """Cancelled or superseded: the action keeps its history and takes no further updates."""
    return status in RETIRED_STATUSES


def progress_status_refusal(current: str, new: str) -> str | None:
    """A cancelled or superseded action is retired: it keeps its history and takes no further
    updates (a new action answers the expectation instead)."""
    if new not in ACTION_STATUS_LABELS:
        return "Choose the action's status"
    if is_retired(current):
        label = ACTION_STATUS_LABELS[ActionStatus(current)].lower()
        return f"This action was {label}, so it takes no further updates: add a new action instead"
    return None


# Words that say nothing: a record made of one of these (or of punctuation alone) is refused, since
# it would be published as if it said something.
PLACEHOLDERS = frozenset({"n/a", "na", "none", "nil", "tbc", "tbd", "todo", "xxx", "-", "?", "..."})


def is_meaningless(text: str) -> bool:
    """Blank, punctuation alone, or a placeholder such as "n/a" or "TBC"."""
    stripped = text.strip()
    return not any(ch.isalnum() for ch in stripped) or stripped.lower().rstrip(".") in PLACEHOLDERS


# --- Dates that make no sense (issue 14.1): one rule each, the same words on every channel ------


def not_after_today_refusal(on: dt.date, *, what: str, today: dt.date) -> str | None:
    """A dated fact (a progress update, a reading, evidence's effective date, a response) is
    about what has happened: it may not be after today."""
    return not_in_future_message(what) if on > today else None


def reading_date_refusal(
    taken_on: dt.date, *, baseline_on: dt.date | None, today: dt.date
) -> str | None:
    """A reading is taken on or before today, and not before the measure's baseline (or its chart
    would run backwards)."""
    future = not_after_today_refusal(taken_on, what="the date of the reading", today=today)
    if future:
        return future
    if baseline_on is not None and taken_on < baseline_on:
        return not_before_message(
            "the date of the reading", f"the baseline date, {uk(baseline_on)}"
        )
    return None


def baseline_date_refusal(baseline_on: dt.date, *, first_reading: dt.date | None) -> str | None:
    """A baseline moved later must not leave readings before it (the same rule from its side)."""
    if first_reading is not None and first_reading < baseline_on:
        return (
            "The baseline date must be on or before the first reading, "
            f"{uk(first_reading)}: the chart would otherwise run backwards"
        )
    return None


def progress_date_refusal(written_on: dt.date, *, today: dt.date) -> str | None:
    return not_after_today_refusal(written_on, what="the date of the update", today=today)


def evidence_date_refusal(effective_on: dt.date, *, today: dt.date) -> str | None:
    """Evidence speaks to a date that has come: an effective date after today is refused."""
    return not_after_today_refusal(effective_on, what="the effective date", today=today)


def response_date_refusal(responded_on: dt.date, *, made_on: dt.date, today: dt.date) -> str | None:
    """The authority answers a recommendation on or after the meeting that made it, and not
    after today."""
    future = not_after_today_refusal(responded_on, what="the date of the response", today=today)
    if future:
        return future
    if responded_on < made_on:
        return not_before_message(
            "the date of the response", f"the date the recommendation was made, {uk(made_on)}"
        )
    return None


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


DIRECTION_LABELS = {Direction.HIGHER: "Higher is better", Direction.LOWER: "Lower is better"}


class MeasureStatus(StrEnum):
    NO_READINGS = "no_readings"
    MET = "met"
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    MISSED = "missed"

    @property
    def label(self) -> str:
        return MEASURE_STATUS_LABELS[self]


MEASURE_STATUS_LABELS = {
    MeasureStatus.NO_READINGS: "No readings yet",
    MeasureStatus.MET: "Target met",
    MeasureStatus.ON_TRACK: "On track for the target",
    MeasureStatus.OFF_TRACK: "Behind the path to the target",
    MeasureStatus.MISSED: "Target date passed without meeting the target",
}


def _better_or_equal(direction: Direction, value: Decimal, than: Decimal) -> bool:
    return value >= than if direction == Direction.HIGHER else value <= than


def expected_value(
    *,
    baseline: Decimal,
    baseline_on: dt.date,
    target: Decimal,
    target_on: dt.date,
    on: dt.date,
) -> Decimal:
    """Where a measure should be on `on` if it moves in a straight line from its baseline to its
    target: the baseline before the baseline date, the target after the target date."""
    if on <= baseline_on or target_on <= baseline_on:
        return baseline if on < target_on else target
    if on >= target_on:
        return target
    fraction = Decimal((on - baseline_on).days) / Decimal((target_on - baseline_on).days)
    return baseline + (target - baseline) * fraction


def measure_status(
    *,
    direction: str,
    baseline: Decimal,
    baseline_on: dt.date,
    target: Decimal,
    target_on: dt.date,
    latest: tuple[dt.date, Decimal] | None,
    today: dt.date,
) -> MeasureStatus:
    """A measure's status against its target, from its latest reading on or before `today`.

    Met when the latest reading reaches the target (at or above it where higher is better, at or
    below where lower is better). Otherwise missed once the target date has passed; on track when
    the latest reading is at least where a straight line from baseline to target says it should
    be on that reading's date; behind that path otherwise.
    """
    way = Direction(direction)
    if latest is None:
        return MeasureStatus.NO_READINGS
    taken_on, value = latest
    if _better_or_equal(way, value, target):
        return MeasureStatus.MET
    if today > target_on:
        return MeasureStatus.MISSED
    path = expected_value(
        baseline=baseline, baseline_on=baseline_on, target=target, target_on=target_on, on=taken_on
    )
    return MeasureStatus.ON_TRACK if _better_or_equal(way, value, path) else MeasureStatus.OFF_TRACK


def progress_fraction(baseline: Decimal, target: Decimal, value: Decimal) -> Decimal | None:
    """How far from baseline to target a value has come (0 at the baseline, 1 at the target);
    negative when it has moved the wrong way. None when baseline and target are the same."""
    if target == baseline:
        return None
    return (value - baseline) / (target - baseline)


class AssuranceRating(StrEnum):
    """The four levels of assurance used across UK public sector internal audit and assurance."""

    SUBSTANTIAL = "substantial"
    REASONABLE = "reasonable"
    LIMITED = "limited"
    NONE = "none"


ASSURANCE_LABELS = {
    AssuranceRating.SUBSTANTIAL: "Substantial assurance",
    AssuranceRating.REASONABLE: "Reasonable assurance",
    AssuranceRating.LIMITED: "Limited assurance",
    AssuranceRating.NONE: "No assurance",
}


class RecommendationStatus(StrEnum):
    AWAITING_RESPONSE = "awaiting_response"
    ACCEPTED = "accepted"
    PARTLY_ACCEPTED = "partly_accepted"
    NOT_ACCEPTED = "not_accepted"
    IMPLEMENTED = "implemented"


RECOMMENDATION_STATUS_LABELS = {
    RecommendationStatus.AWAITING_RESPONSE: "Awaiting the authority's response",
    RecommendationStatus.ACCEPTED: "Accepted",
    RecommendationStatus.PARTLY_ACCEPTED: "Partly accepted",
    RecommendationStatus.NOT_ACCEPTED: "Not accepted",
    RecommendationStatus.IMPLEMENTED: "Implemented",
}

# What the authority may answer: any response but "awaiting". Once implemented it stays so; a
# recommendation not accepted can later be accepted, since boards return to them.
RESPONSES = frozenset(RecommendationStatus) - {RecommendationStatus.AWAITING_RESPONSE}


def response_refusal(current: str, new: str) -> str | None:
    """Why the authority may not move a recommendation from `current` to `new`; None if it may."""
    if new not in RESPONSES:
        return "Choose the authority's response: accepted, partly accepted, not accepted or implemented."
    if current == RecommendationStatus.IMPLEMENTED and new != RecommendationStatus.IMPLEMENTED:
        return "This recommendation is recorded as implemented; it cannot be reopened."
    return None


def expectation_lineage(expectation_id: int, carried_from: Mapping[int, int | None]) -> list[int]:
    """The expectation and those it was carried forward from, newest first.

    A revised notice carries expectations forward as new records linked to their predecessors;
    an action or measure linked to an earlier wording still answers the carried-forward one.
    `carried_from` maps each expectation's id to its predecessor's. Loops are cut, not followed.
    """
    lineage: list[int] = []
    current: int | None = expectation_id
    while current is not None and current not in lineage:
        lineage.append(current)
        current = carried_from.get(current)
    return lineage


# --- Corrections in the open (issue 18.2) -------------------------------------------------


def correction_note(on: dt.date, what: str, reason: str) -> dict[str, str]:
    """The dated note a correction leaves on its item: what changed (from what, to what) and why.
    The public reads it with the item once the item is next published."""
    return {"on": on.isoformat(), "text": f"{what}. Reason: {reason}"}


def withdrawn_refusal(withdrawn: bool, what: str) -> str | None:
    """A withdrawn reading or evidence item is kept as it was: it is not corrected or withdrawn
    again (record a new one instead)."""
    return (
        f"This {what} has been withdrawn, so it cannot be changed: add a new one"
        if withdrawn
        else None
    )


# --- The overview's rating (issue 18.3) ---------------------------------------------------


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NOT_RATED = "not_rated"

    @property
    def label(self) -> str:
        return RAG_LABELS[self]


RAG_LABELS = {
    Rag.RED: "Red",
    Rag.AMBER: "Amber",
    Rag.GREEN: "Green",
    Rag.NOT_RATED: "Not rated",
}


def rag(*, assurance: str | None, statuses: list[str], overdue: int) -> Rag:
    """A rating of an expectation or theme from the board's latest assurance and the status of
    its actions (the service's own summary, not a statutory test): red where the board gave
    limited or no assurance, or an action is off track or overdue; amber where an action is at
    risk; green otherwise; not rated with neither assurance nor actions to go on."""
    weak = assurance in (AssuranceRating.LIMITED, AssuranceRating.NONE)
    if weak or overdue or ActionStatus.OFF_TRACK in statuses:
        return Rag.RED
    if ActionStatus.AT_RISK in statuses:
        return Rag.AMBER
    if assurance is None and not statuses:
        return Rag.NOT_RATED
    return Rag.GREEN


# --- Recommendations as things to act on (issue 18.6) -------------------------------------


def recommendation_due_refusal(due_on: dt.date, *, made_on: dt.date) -> str | None:
    """A recommendation falls due on or after the meeting that made it."""
    if due_on < made_on:
        return not_before_message(
            "the date the recommendation is due", f"the date of the meeting, {uk(made_on)}"
        )
    return None


def recommendation_closed_refusal(closed_on: dt.date | None) -> str | None:
    """A recommendation the board has closed is settled: neither the board nor the authority
    changes it afterwards (the board makes a new recommendation instead)."""
    if closed_on is None:
        return None
    return (
        f"This recommendation was closed on {uk(closed_on)}, so it cannot be changed: "
        "the board can make a new recommendation instead"
    )


def closing_date_refusal(closed_on: dt.date, *, made_on: dt.date, today: dt.date) -> str | None:
    """The board closes a recommendation on or after the meeting that made it, and not after
    today."""
    future = not_after_today_refusal(closed_on, what="the date it was closed", today=today)
    if future:
        return future
    if closed_on < made_on:
        return not_before_message(
            "the date it was closed", f"the date the recommendation was made, {uk(made_on)}"
        )
    return None


def recommendation_is_open(closed_on: dt.date | None, due_on: dt.date | None) -> bool:
    """Open, and so in "What is due": it has a due date and the board has not closed it. (A
    recommendation made before recommendations had due dates has none to remind anyone of.)"""
    return closed_on is None and due_on is not None


def recommendation_is_overdue(
    closed_on: dt.date | None, due_on: dt.date | None, today: dt.date
) -> bool:
    """Overdue once its due date has passed and the board has not closed it."""
    return recommendation_is_open(closed_on, due_on) and due_on is not None and due_on < today
