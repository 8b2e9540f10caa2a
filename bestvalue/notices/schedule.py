"""Pure date rules for recurring data requests: when each return falls due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from bestvalue.notices.rules import add_months


def due_dates(
    first_due_on: dt.date, recurrence: str, last_due_on: dt.date | None, *, until: dt.date
) -> list[dt.date]:
    """Every due date from the first up to `until` (and not after the last due date).

    Weekly returns fall due every 7 days; monthly on the same day of each month (clamped to the
    month's end); a one-off request once.
    """
    end = min(until, last_due_on) if last_due_on else until
    if recurrence == "once":
        return [first_due_on] if first_due_on <= end else []
    dates: list[dt.date] = []
    n = 0
    while True:
        due = (
            first_due_on + dt.timedelta(weeks=n)
            if recurrence == "weekly"
            else add_months(first_due_on, n)
        )
        if due > end:
            return dates
        dates.append(due)
        n += 1


def next_due(
    first_due_on: dt.date,
    recurrence: str,
    last_due_on: dt.date | None,
    received: Iterable[dt.date],
    *,
    today: dt.date,
) -> dt.date | None:
    """The earliest due date with no return received: overdue ones first, then the next to come.
    None when every return has been received and no more fall due."""
    received_set = set(received)
    horizon = today + dt.timedelta(days=400)  # far enough to find the next one of any recurrence
    for due in due_dates(first_due_on, recurrence, last_due_on, until=horizon):
        if due not in received_set:
            return due
    return None
