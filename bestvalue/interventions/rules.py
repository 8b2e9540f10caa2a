"""Pure date rules for inspections and interventions: no ORM and no clock (callers pass `today`).

Dates that are known only roughly are `Span`s: the earliest and latest day they can be. The
register writes them as ISO 8601 partial dates ("2010", "2024-03") or intervals
("2025-02/2025-03"); `parse_approx` reads them. A rule that cannot tell for sure says so with
None rather than guessing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

# The reporting schedule used when the directions do not set one: a first report three months
# after the directions were made, then one every six months. This is the department's usual
# practice (for example Croydon's panel, July 2023), not law: section 15 of the Local
# Government Act 1999 sets no schedule, so each set of directions can set its own.
DEFAULT_FIRST_REPORT_AFTER_MONTHS = 3
DEFAULT_REPORT_EVERY_MONTHS = 6

# The kinds of directions-family record (models.DirectionsKind has the same values).
DIRECTIONS = "directions"
EXTENSION = "extension"
REVOCATION = "revocation"
EXPIRY = "expiry"
EXIT = "exit"
APPOINTMENT = "appointment"
DIRECTIONS_KINDS = (DIRECTIONS, EXTENSION, REVOCATION, EXPIRY, EXIT, APPOINTMENT)


# --- Months and rough dates ------------------------------------------------------------------


def add_months(day: dt.date, months: int) -> dt.date:
    """`day` moved by whole months, clamped to the end of a shorter month (31 Jan + 1 = 28 Feb,
    or 29 Feb in a leap year)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


@dataclass(frozen=True, order=True)
class Span:
    """A day known to lie between `earliest` and `latest` inclusive; exact when they are equal."""

    earliest: dt.date
    latest: dt.date

    @classmethod
    def exact(cls, day: dt.date) -> Span:
        return cls(day, day)

    @property
    def is_exact(self) -> bool:
        return self.earliest == self.latest

    def shifted(self, days: int) -> Span:
        step = dt.timedelta(days=days)
        return Span(self.earliest + step, self.latest + step)


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


def _partial(text: str) -> Span:
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date like 2024, 2024-03 or 2024-03-20")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        if month is None:
            return Span(dt.date(year, 1, 1), dt.date(year, 12, 31))
        if day is None:
            last = calendar.monthrange(year, month)[1]
            return Span(dt.date(year, month, 1), dt.date(year, month, last))
        return Span.exact(dt.date(year, month, day))
    except (ValueError, calendar.IllegalMonthError):
        raise ValueError(f"{text!r} is not a real date") from None


def parse_approx(text: str) -> Span:
    """The span of an ISO 8601 partial date ("2010", "2024-03", "2024-03-20") or interval
    ("2025-02/2025-03"). Raises ValueError, with the reason, for anything else."""
    if "/" in text:
        start, _, end = text.partition("/")
        first, last = _partial(start), _partial(end)
        if last.latest < first.earliest:
            raise ValueError(f"{text!r} ends before it starts")
        return Span(first.earliest, last.latest)
    return _partial(text)


def span_of(on: dt.date | None, approx: str = "") -> Span | None:
    """The span of a date recorded as an exact date or, failing that, approximate text."""
    if on is not None:
        return Span.exact(on)
    if approx:
        return parse_approx(approx)
    return None


def _partial_text(text: str) -> tuple[str, str, str]:
    """(day, month name, year) of a partial date, blanks where the text leaves them out."""
    match = _PARTIAL.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a date like 2024, 2024-03 or 2024-03-20")
    year, month, day = match.groups()
    name = calendar.month_name[int(month)] if month else ""
    return (str(int(day)) if day else "", name, year)


def approx_text(text: str) -> str:
    """A rough date in words: "2010", "March 2017", "20 March 2024", "February to March 2025",
    "December 2025 to February 2026". Raises ValueError as parse_approx does."""
    parse_approx(text)  # refuses what is not a real date or interval
    if "/" not in text:
        return " ".join(part for part in _partial_text(text) if part)
    start, end = (_partial_text(part) for part in text.split("/", 1))
    if start[2] == end[2] and not start[0] and not end[0] and start[1] and end[1]:
        return f"{start[1]} to {end[1]} {end[2]}"
    return f"{' '.join(p for p in start if p)} to {' '.join(p for p in end if p)}"


def date_text(on: dt.date | None, approx: str = "", missing: str = "Not known") -> str:
    """How a page shows a date that may be exact, rough or not known: "24 January 2023",
    "March 2017" or `missing`."""
    if on is not None:
        return f"{on.day} {on:%B %Y}"
    if approx:
        return approx_text(approx)
    return missing


def span_text(span: Span) -> str:
    """A span in words: the day when exact, else the month or year it covers, else "between
    ... and ..."."""
    first, last = span.earliest, span.latest
    if span.is_exact:
        return date_text(first)
    if (first.day, last) == (1, add_months(first, 1) - dt.timedelta(days=1)):
        return f"{first:%B %Y}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    if first.day == 1 and last + dt.timedelta(days=1) == add_months(last.replace(day=1), 1):
        opening = f"{first:%B}" if first.year == last.year else f"{first:%B %Y}"
        return f"{opening} to {last:%B %Y}"
    return f"between {date_text(first)} and {date_text(last)}"


def period_text(period: InForcePeriod) -> str:
    """When directions were in force, in words: "2 September 2022 to 30 April 2028", "2010 to an
    end not known", "25 May 2023 to no end date set", "17 December 2014 until September 2018"."""
    start = span_text(period.start)
    if period.end is None:
        return f"{start} to no end date set"
    if period.end.latest == dt.date.max:
        return f"{start} to an end not known"
    # Directions last in force the day before a roughly dated exit or revocation ("2018-09") end
    # on a span that reads badly; say when they ended instead.
    after = period.end.shifted(1)
    if not period.end.is_exact and not span_text(after).startswith("between"):
        return f"{start} until {span_text(after)}"
    return f"{start} to {span_text(period.end)}"


# --- Representation windows (s.15) ----------------------------------------------------------


class WindowState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    FOREGONE = "foregone"
    NOT_KNOWN = "not_known"


def representation_closing_date(letter_on: dt.date, *, days: int) -> dt.date:
    """The last day for representations when a letter allows `days` days from its date.

    The Act sets no length (letters have allowed 11 to 24 days), so callers always give it.
    """
    if days < 1:
        raise ValueError("A representation window must be at least one day long")
    return letter_on + dt.timedelta(days=days)


def window_state(*, closes_on: dt.date | None, foregone: bool, today: dt.date) -> WindowState:
    """Open up to and including the closing date; foregone when the Secretary of State gave
    the directions as urgent without inviting representations; not known when no closing date is
    recorded."""
    if foregone:
        return WindowState.FOREGONE
    if closes_on is None:
        return WindowState.NOT_KNOWN
    return WindowState.OPEN if today <= closes_on else WindowState.CLOSED


def days_remaining(*, closes_on: dt.date | None, foregone: bool, today: dt.date) -> int | None:
    """Whole days left after today while the window is open (0 on the closing day itself, when
    representations are still accepted); None when it is closed, foregone or not known."""
    if window_state(closes_on=closes_on, foregone=foregone, today=today) != WindowState.OPEN:
        return None
    assert closes_on is not None
    return (closes_on - today).days


# --- Inspections (s.10) ----------------------------------------------------------------------


def inspection_deadline(
    report_due_on: dt.date | None, extensions: Sequence[dt.date]
) -> dt.date | None:
    """The deadline in force: the new deadline of the last extension (in the order they were
    granted), else the original one. None when neither is known."""
    return extensions[-1] if extensions else report_due_on


def inspection_report_overdue(
    *, deadline: dt.date | None, submitted_on: dt.date | None, today: dt.date
) -> bool:
    """Overdue from the day after the deadline until the report is submitted."""
    return deadline is not None and submitted_on is None and today > deadline


# --- Reports -------------------------------------------------------------------------------


def report_due_dates(
    made_on: dt.date,
    *,
    ends_on: dt.date | None,
    first_after_months: int = DEFAULT_FIRST_REPORT_AFTER_MONTHS,
    every_months: int = DEFAULT_REPORT_EVERY_MONTHS,
    until: dt.date | None = None,
) -> list[dt.date]:
    """Due dates of the reports: `first_after_months` after the directions were made, then every
    `every_months`, up to and including the end date (or `until`, whichever is earlier; one of
    them is needed when the directions have no end date).

    Each date is counted from `made_on`, not from the report before it, so that a month-end start
    does not drift: made 31 Aug, reports due 30 Nov, 31 May, 30 Nov...
    """
    if first_after_months < 1 or every_months < 1:
        raise ValueError("Reports must fall due at least one month apart")
    limits = [d for d in (ends_on, until) if d is not None]
    if not limits:
        raise ValueError("Give `until` when the directions have no end date")
    last = min(limits)
    dates = []
    months = first_after_months
    while (due := add_months(made_on, months)) <= last:
        dates.append(due)
        months += every_months
    return dates


# --- Directions in force (s.15) --------------------------------------------------------------


@dataclass(frozen=True)
class DirectionsStep:
    """One directions-family record, as the in-force rules see it.

    `ends_on` is the end date the record states (directions and extensions). `partial` is for
    revocations: True when only some functions were returned and the directions stayed in force,
    None when the record does not say.
    """

    kind: str
    on: Span | None
    ends_on: Span | None = None
    partial: bool | None = None

    @classmethod
    def of(
        cls,
        kind: str,
        on: dt.date | None,
        ends_on: dt.date | None = None,
        partial: bool | None = None,
    ) -> DirectionsStep:
        """A step with exact dates (a convenience for callers and tests)."""
        return cls(
            kind,
            None if on is None else Span.exact(on),
            None if ends_on is None else Span.exact(ends_on),
            partial,
        )


@dataclass(frozen=True)
class InForcePeriod:
    """Directions in force from `start` to `end` inclusive; `end` None while no end is set."""

    start: Span
    end: Span | None


# Which steps end the directions, and how: an expiry is dated on the directions' last day
# ("up to and including", as the directions word it, and as the register records Liverpool's
# expiry on its end date), while a revocation or an exit takes effect on its date, so the
# directions were last in force the day before. A revocation ends them only when it is known to
# be complete: the register's three revocations all returned functions while the directions ran
# on to their end (Rotherham, Liverpool, Tower Hamlets 2014-18).
def _closing_end(step: DirectionsStep) -> Span | None:
    assert step.on is not None
    if step.kind == EXPIRY:
        return step.on
    if step.kind == EXIT or (step.kind == REVOCATION and step.partial is False):
        return step.on.shifted(-1)
    return None


def in_force_periods(
    steps: Iterable[DirectionsStep], *, intervention_ended: bool = False
) -> list[InForcePeriod]:
    """The periods an intervention's directions were in force, from its directions-family
    records.

    Directions or an extension open a period, or, while one is open, set its end when they state
    one (later directions that extend or vary the earlier ones). An expiry, an exit or a complete
    revocation closes it; appointment changes and partial revocations leave it alone. A period
    whose scheduled end has passed is closed before the next step. Steps are taken in date order;
    steps with no date at all cannot be placed and are ignored. When the intervention has ended
    but no step ended its directions, the end is not known: a span from the start onwards.
    """
    dated = sorted(
        (s for s in steps if s.on is not None),
        key=lambda s: s.on.earliest if s.on else dt.date.min,
    )
    periods: list[InForcePeriod] = []
    start: Span | None = None
    end: Span | None = None
    for step in dated:
        assert step.on is not None
        if start is not None and end is not None and step.on.earliest > end.latest:
            periods.append(InForcePeriod(start, end))
            start = end = None
        if step.kind in (DIRECTIONS, EXTENSION):
            if start is None:
                start, end = step.on, step.ends_on
            elif step.ends_on is not None:
                end = step.ends_on
            continue
        closing = _closing_end(step) if start is not None else None
        if start is not None and closing is not None:
            if end is None or closing.latest < end.latest:
                end = closing
            periods.append(InForcePeriod(start, end))
            start = end = None
    if start is not None:
        if end is None and intervention_ended:
            end = Span(start.earliest, dt.date.max)
        periods.append(InForcePeriod(start, end))
    return periods


def effective_end(steps: Iterable[DirectionsStep]) -> Span | None:
    """When the directions described by `steps` (the directions first, then the records that
    extend, vary, revoke or end them) were or are due to be last in force; None when no end is
    set. For exact dates, `.earliest` is the day."""
    periods = in_force_periods(steps)
    return periods[-1].end if periods else None


def _in_force(period: InForcePeriod, day: dt.date) -> bool | None:
    if day < period.start.earliest or (period.end is not None and day > period.end.latest):
        return False
    if day >= period.start.latest and (period.end is None or day <= period.end.earliest):
        return True
    return None


def in_force_on(periods: Iterable[InForcePeriod], day: dt.date) -> bool | None:
    """True when directions were certainly in force on `day`, False when certainly not, None
    when the rough dates leave it open."""
    answer: bool | None = False
    for period in periods:
        result = _in_force(period, day)
        if result:
            return True
        if result is None:
            answer = None
    return answer


# --- Appointees ------------------------------------------------------------------------------


def estimated_annual_cost(fee_per_day: Decimal | None, days_per_year: int | None) -> Decimal | None:
    """The most an appointee can cost a year: daily fee times the cap on days a year. None when
    either is not known."""
    if fee_per_day is None or days_per_year is None:
        return None
    return fee_per_day * days_per_year


# --- Approval (four eyes) ------------------------------------------------------------------


class InvalidTransition(Exception):
    """The record is not in a state that allows the action asked for."""


DRAFT = "draft"
AWAITING_APPROVAL = "awaiting_approval"
ISSUED = "issued"

_TRANSITIONS = {
    (DRAFT, "submit"): AWAITING_APPROVAL,
    (AWAITING_APPROVAL, "return"): DRAFT,
    (AWAITING_APPROVAL, "approve"): ISSUED,
}


def next_status(status: str, action: str) -> str:
    """The status after `action` ("submit", "return" or "approve"); raises InvalidTransition."""
    try:
        return _TRANSITIONS[(status, action)]
    except KeyError:
        raise InvalidTransition(
            f"Cannot {action} a record that is {status.replace('_', ' ')}"
        ) from None


def removal_refusal(*, what: str, publication: str) -> str | None:
    """Why a recorded fact (an inspector) may not simply be removed, or None: a fact on the
    public record leaves it only through the approval rules, so it is changed (which takes it
    off the public record until an approver publishes it again), never deleted in place."""
    if publication == ISSUED:
        return (
            f"The {what} is on the public record, so cannot be removed here. Change the entry "
            "instead: it leaves the public record until an approver publishes it again."
        )
    return None


# The standing (issue 13, point 8: the status as it is true today) is in standing.py, and the
# date rules every channel shares (issue 14.1) in date_rules.py, kept apart for size; both are
# part of this module's vocabulary.
from bestvalue.interventions.date_rules import (  # noqa: E402
    answered_before_report,
    directions_inside_window,
    empty_record,
    report_due_before_start,
    submitted_in_future,
    too_far_from_today,
)
from bestvalue.interventions.standing import (  # noqa: E402
    ACTIVE,
    DIRECTIONS_ENDED,
    case_status,
    directions_ended_on,
    exit_or_extension_needed,
    standing,
    standing_label,
)

__all__ = [
    "ACTIVE",
    "DIRECTIONS_ENDED",
    "answered_before_report",
    "case_status",
    "directions_ended_on",
    "directions_inside_window",
    "empty_record",
    "exit_or_extension_needed",
    "report_due_before_start",
    "standing",
    "standing_label",
    "submitted_in_future",
    "too_far_from_today",
]
