"""The standing of an intervention: its status as it is true today (issue 13, point 8). Pure
rules: callers pass the steps and `today`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from bestvalue.interventions.rules import (
    EXIT,
    EXPIRY,
    ISSUED,
    REVOCATION,
    DirectionsStep,
    date_text,
    in_force_periods,
)

ACTIVE = "active"
DIRECTIONS_ENDED = "directions_ended"
_CLOSING_KINDS = (EXPIRY, EXIT)


def directions_ended_on(
    *, status: str, steps: Sequence[DirectionsStep], today: dt.date
) -> dt.date | None:
    """The last day an active intervention's directions were in force, once that day has passed
    with no exit, expiry, complete revocation, extension or new directions recorded; else None.

    Directions run "up to and including" their end date, so they have ended from the day after.
    A rough end (a month) counts as passed only once its latest day has."""
    if status != ACTIVE:
        return None
    periods = in_force_periods(steps)
    if not periods:
        return None
    end = periods[-1].end
    if end is None or end.latest == dt.date.max or today <= end.latest:
        return None
    start = periods[-1].start.earliest
    closed = any(
        (s.kind in _CLOSING_KINDS or (s.kind == REVOCATION and s.partial is False))
        and s.on is not None
        and s.on.latest >= start
        for s in steps
    )
    return None if closed else end.latest


def standing(*, status: str, steps: Sequence[DirectionsStep], today: dt.date) -> str:
    """The intervention's status as true on `today`: `directions_ended` for an active one whose
    directions have passed their end date with nothing recorded since, else its status."""
    return (
        DIRECTIONS_ENDED if directions_ended_on(status=status, steps=steps, today=today) else status
    )


def standing_label(
    *, status: str, status_label: str, steps: Sequence[DirectionsStep], today: dt.date
) -> str:
    """ "Directions ended on 30 November 2026; exit not recorded", or the status in words."""
    ended = directions_ended_on(status=status, steps=steps, today=today)
    if ended is None:
        return status_label
    return f"Directions ended on {date_text(ended)}; exit not recorded"


def exit_or_extension_needed(
    *, status: str, steps: Sequence[DirectionsStep], today: dt.date
) -> str | None:
    """The department's prompt (issue 17, point 5): directions past their end date with no exit,
    extension or new directions recorded need a decision, "Exit or extension needed: directions
    ended on 30 November 2026"; None when no decision is waiting."""
    ended = directions_ended_on(status=status, steps=steps, today=today)
    if ended is None:
        return None
    return f"Exit or extension needed: directions ended on {date_text(ended)}"


def case_status(*, publication: str, standing: str) -> str:
    """Where a case stands for the department's case list: its publication while the
    intervention is a draft or awaits approval, else its standing (active, directions ended,
    ended)."""
    return standing if publication == ISSUED else publication
