"""The date rules of inspections and interventions that every channel (pages, loader, services)
shares (issue 14.1), re-exported by rules.py: pure functions, no ORM and no clock. Each answers
the words of its refusal, or None when the dates are acceptable."""

from __future__ import annotations

import datetime as dt

from bestvalue.core.dates import uk_date
from bestvalue.records import rules as record_rules


def report_due_before_start(*, started_on: dt.date | None, due_on: dt.date | None) -> str | None:
    """An inspection's report cannot be due before the inspection started."""
    if started_on is not None and due_on is not None and due_on < started_on:
        return record_rules.not_before_message(
            "the report deadline", f"the day the inspection started ({uk_date(started_on)})"
        )
    return None


def submitted_in_future(*, submitted_on: dt.date | None, today: dt.date) -> str | None:
    """ "Report submitted" records what has happened, so it is not in the future."""
    if submitted_on is not None and submitted_on > today:
        return record_rules.not_in_future_message("the date the report was submitted")
    return None


def directions_inside_window(
    *, made_on: dt.date | None, closes_on: dt.date | None, urgency_reason: str
) -> str | None:
    """Directions are made after representations close, unless the case is urgent and the
    reason is recorded (s.15(9) of the Local Government Act 1999)."""
    if made_on is None or closes_on is None or made_on > closes_on or urgency_reason.strip():
        return None
    return (
        f"Representations on the minded-to letter close on {uk_date(closes_on)}: directions made "
        "before then need the reason the case is urgent (s.15(9))"
    )


def too_far_from_today(
    what: str, *, on: dt.date | None, today: dt.date, margin_days: int
) -> str | None:
    """A letter, directions or report is dated when it happens: its date sits near today."""
    if on is not None and record_rules.date_too_far(on, today=today, margin_days=margin_days):
        return record_rules.date_too_far_message(what, today=today, margin_days=margin_days)
    return None


def answered_before_report(
    *, answered_on: dt.date | None, report_received_on: dt.date | None
) -> str | None:
    """The department's response cannot be dated before the report it answers."""
    if answered_on is None or report_received_on is None or answered_on >= report_received_on:
        return None
    return record_rules.not_before_message(
        "the date of the response",
        f"the day the report was received ({uk_date(report_received_on)})",
    )


def empty_record(what: str, *values: object) -> str | None:
    """A record with no date and no content says nothing: refused rather than published."""
    if all(v in (None, "", [], ()) for v in values):
        return f"Enter at least a date or what the {what} says"
    return None
