"""Pure rules of a notice's life: its states, the transitions between them, and its dates.

No ORM and no clock: callers pass the state and `today`. The regime's facts are in DESIGN.md
section 1; a notice is non-statutory, so its lifecycle is the department's practice, not law.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

from bestvalue.core.dates import uk_date
from bestvalue.records.rules import date_too_far, date_too_far_message


class Status(StrEnum):
    DRAFT = "draft"
    AWAITING_APPROVAL = "awaiting_approval"
    ISSUED = "issued"
    REISSUED = "reissued"
    LAPSED = "lapsed"
    WITHDRAWN = "withdrawn"
    ESCALATED = "escalated"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    Status.DRAFT: "Draft",
    Status.AWAITING_APPROVAL: "Awaiting approval",
    Status.ISSUED: "In force",
    Status.REISSUED: "Replaced by a revised notice",
    Status.LAPSED: "Lapsed",
    Status.WITHDRAWN: "Withdrawn",
    Status.ESCALATED: "Escalated",
}

PUBLISHED_STATUSES = frozenset(
    {Status.ISSUED, Status.REISSUED, Status.LAPSED, Status.WITHDRAWN, Status.ESCALATED}
)
ENDED_STATUSES = frozenset({Status.REISSUED, Status.LAPSED, Status.WITHDRAWN, Status.ESCALATED})


class Action(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    APPROVE = "approve"
    REISSUE = "reissue"
    LAPSE = "lapse"
    WITHDRAW = "withdraw"
    ESCALATE = "escalate"


# The transition table: from each state, the actions allowed and where they lead. Approval issues
# the notice (and publishes it). An issued notice ends in one of four ways; it "can be withdrawn or
# escalated at any time" (DESIGN.md section 1).
TRANSITIONS: dict[Status, dict[Action, Status]] = {
    Status.DRAFT: {Action.SUBMIT: Status.AWAITING_APPROVAL},
    Status.AWAITING_APPROVAL: {Action.APPROVE: Status.ISSUED, Action.RETURN: Status.DRAFT},
    Status.ISSUED: {
        Action.REISSUE: Status.REISSUED,
        Action.LAPSE: Status.LAPSED,
        Action.WITHDRAW: Status.WITHDRAWN,
        Action.ESCALATE: Status.ESCALATED,
    },
}

ACTION_VERBS = {
    Action.SUBMIT: "send for approval",
    Action.RETURN: "return to draft",
    Action.APPROVE: "approve and issue",
    Action.REISSUE: "replace with a revised notice",
    Action.LAPSE: "let lapse",
    Action.WITHDRAW: "withdraw",
    Action.ESCALATE: "escalate",
}


class InvalidTransition(Exception):
    """An action that the notice's current state does not allow."""

    def __init__(self, current: Status, action: Action) -> None:
        self.current, self.action = current, action
        allowed = allowed_actions(current)
        if allowed:
            options = ", ".join(ACTION_VERBS[a] for a in allowed)
            hint = f"From there you can: {options}."
        else:
            hint = "Nothing more can be done to it."
        super().__init__(
            f"You cannot {ACTION_VERBS[action]} this notice: it is "
            f"{STATUS_LABELS[current].lower()}. {hint}"
        )


def allowed_actions(current: Status) -> list[Action]:
    return list(TRANSITIONS.get(current, {}))


def next_status(current: Status, action: Action) -> Status:
    """The state after `action`, or InvalidTransition naming the state and what is allowed."""
    try:
        return TRANSITIONS[current][action]
    except KeyError:
        raise InvalidTransition(current, action) from None


def add_months(start: dt.date, months: int) -> dt.date:
    """`start` plus whole months, the day clamped to the month's end (29 Feb 2024 + 12 = 28 Feb
    2025), the convention the register's expiry dates follow."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def expiry_date(issued_on: dt.date | None, period_months: int | None) -> dt.date | None:
    """The end of a notice's period: its issue date plus its period. None when either is unknown."""
    if issued_on is None or period_months is None:
        return None
    return add_months(issued_on, period_months)


def in_force_on(
    day: dt.date,
    *,
    status: Status,
    issued_on: dt.date | None,
    expires_on: dt.date | None,
    ended_on: dt.date | None,
) -> bool:
    """Was the notice in force on `day`?

    In force from its issue date until the first day it was no longer in force: the day it was
    replaced, withdrawn or escalated (`ended_on`), or, for a notice with no recorded end, its expiry
    date. A notice whose expiry is unknown stays in force until an end is recorded.
    """
    if status not in PUBLISHED_STATUSES or issued_on is None or day < issued_on:
        return False
    if ended_on is not None:
        return day < ended_on
    return expires_on is None or day < expires_on


def days_remaining(expires_on: dt.date | None, today: dt.date) -> int | None:
    """Days from `today` until expiry: 0 on the day it expires, negative once past."""
    return None if expires_on is None else (expires_on - today).days


def lapse_date(expires_on: dt.date | None, decided_on: dt.date) -> dt.date:
    """A lapse takes effect at expiry, or on the decision if that comes first (register README:
    "ended_on" rule). Non-reissue letters usually confirm a lapse that has already happened."""
    return decided_on if expires_on is None else min(expires_on, decided_on)


# --- Rules every channel enforces through the services (issue 14.1) ---------------------------
#
# The staff pages, the API, the letter import and the register loader all reach these through
# the services (or, for the loader, directly), and only translate the refusal into their channel.

# A notice's period in whole months. Notices so far have run for 12 months and revised notices
# for 6 (register.yaml); three years is the department's outer limit for one notice.
PERIOD_MONTHS_MIN = 1
PERIOD_MONTHS_MAX = 36


def period_refusal(period_months: int | None) -> str | None:
    """Why a period is refused (None if it is allowed, or not yet known)."""
    if period_months is None or PERIOD_MONTHS_MIN <= period_months <= PERIOD_MONTHS_MAX:
        return None
    return (
        f"The period must be between {PERIOD_MONTHS_MIN} and {PERIOD_MONTHS_MAX} months: "
        "enter it as a whole number of months"
    )


def untagged_items_refusal(
    grounds: Sequence[tuple[int, bool]], expectations: Sequence[tuple[int, bool]]
) -> str | None:
    """Every ground and expectation is tagged with at least one theme of the statutory guidance
    before a notice is sent for approval (DESIGN.md 3.1). Each is given as (position, tagged);
    the refusal names each untagged one, so that the drafter can find it."""
    untagged = [f"ground {n}" for n, tagged in grounds if not tagged] + [
        f"expectation {n}" for n, tagged in expectations if not tagged
    ]
    if not untagged:
        return None
    listed = untagged[0] if len(untagged) == 1 else f"{', '.join(untagged[:-1])} and {untagged[-1]}"
    return f"Choose at least one theme for {listed} before sending the notice for approval"


def record_date_refusal(what: str, on: dt.date, *, today: dt.date, margin_days: int) -> str | None:
    """A date of issue or decision typed far from today (a letter is dated when it is sent):
    records.rules.date_too_far, with its one message. Loaded historical records are exempt."""
    if not date_too_far(on, today=today, margin_days=margin_days):
        return None
    return date_too_far_message(what, today=today, margin_days=margin_days)


def may_reissue(status: Status, *, revision_started: bool) -> bool:
    """A revised notice may be started from a notice in force, once."""
    return Action.REISSUE in allowed_actions(status) and not revision_started


def may_review(status: Status, *, review_open: bool) -> bool:
    """A notice in force may be reviewed, one review at a time."""
    return status == Status.ISSUED and not review_open


def may_escalate(status: Status) -> bool:
    """A notice in force "can be withdrawn or escalated at any time" (DESIGN.md section 1)."""
    return Action.ESCALATE in allowed_actions(status)


# --- Standing: the status as it is true today (issue 13, point 8) -----------------------------

# An issued notice whose period has ended with no outcome recorded is not "in force": the
# department has not yet said whether it was reissued, lapsed or escalated. Every channel shows
# it as such, and the "in force" filter leaves it out, as "in force on today's date" does.
PERIOD_ENDED = "period_ended"
NOT_YET_IN_FORCE = "not_yet_in_force"
STANDINGS = (
    Status.ISSUED.value,
    PERIOD_ENDED,
    NOT_YET_IN_FORCE,
    *(s.value for s in sorted(ENDED_STATUSES)),
)


def standing(
    status: str, expires_on: dt.date | None, today: dt.date, issued_on: dt.date | None = None
) -> str:
    """The notice's status as it is true on `today`: its recorded status, except that an issued
    notice is `period_ended` from its expiry date (the first day it is no longer in force, as
    in_force_on has it) until an outcome is recorded, and `not_yet_in_force` before its issue
    date."""
    if status != Status.ISSUED:
        return str(status)
    if expires_on is not None and expires_on <= today:
        return PERIOD_ENDED
    if issued_on is not None and issued_on > today:
        return NOT_YET_IN_FORCE
    return str(status)


def standing_label(
    status: str, expires_on: dt.date | None, today: dt.date, issued_on: dt.date | None = None
) -> str:
    """The words for standing(): "In force", "Period ended on 3 April 2026; outcome not
    recorded", "Lapsed"..."""
    found = standing(status, expires_on, today, issued_on)
    if found == PERIOD_ENDED:
        return f"Period ended on {uk_date(expires_on)}; outcome not recorded"
    if found == NOT_YET_IN_FORCE:
        return f"Issued; in force from {uk_date(issued_on)}"
    return STATUS_LABELS[Status(found)]


# --- Corrections in the open (issue 13, point 3) ------------------------------------------------

WITHDRAWN_IN_ERROR = "Withdrawn (issued in error)"


def correction_value_text(field: str, value: object) -> str:
    """A corrected value as the public note spells it: dates as "1 January 2026", a period as
    "12 months", text as it is ("not given" when blank)."""
    if value in (None, ""):
        return "not given"
    if field == "issued_on":
        return uk_date(dt.date.fromisoformat(str(value)))
    if field == "period_months":
        return f"{value} month{'' if str(value) == '1' else 's'}"
    return (
        f"“{value}”"
        if field.startswith(("ground", "acknowledgement", "expectation"))
        else str(value)
    )


def correction_note(corrected_on: dt.date, changes: dict[str, dict[str, object]]) -> str:
    """The dated note the public reads: "Corrected on 4 December 2026: the date of issue was
    given as 1 January 2031; it is 1 January 2026." `changes` is a Correction's
    {field: {"label", "before", "after"}}."""
    if "status" in changes:
        return f"Withdrawn on {uk_date(corrected_on)}: it was issued in error."
    parts = [_corrected(field, change) for field, change in changes.items()]
    return f"Corrected on {uk_date(corrected_on)}: {'; '.join(parts)}."


def _corrected(field: str, change: dict[str, object]) -> str:
    label = str(change["label"])
    what = f"the {label[0].lower()}{label[1:]}"
    before, after = change["before"], change["after"]
    was = (
        "was not given"
        if before in (None, "")
        else f"was given as {correction_value_text(field, before)}"
    )
    now = (
        "it is no longer given"
        if after in (None, "")
        else f"it is {correction_value_text(field, after)}"
    )
    return f"{what} {was}; {now}"


def drafting_warnings(
    *, authority: str, notices_in_force: Sequence[str], interventions: Sequence[str]
) -> list[str]:
    """What a caseworker drafting a notice to `authority` is told at the start: a notice already
    in force there (only one may be in force at a time, so the approver could not issue this one
    until it ends or this draft replaces it), and any statutory intervention under way there."""
    warnings = [
        f"{authority} is already under notice {ref}. This draft cannot be issued while that "
        "notice is in force: record its outcome first, or start a revised notice from it."
        for ref in notices_in_force
    ]
    warnings += [
        f"{authority} is already subject to statutory intervention {ref}. Check that a notice "
        "is still the right step."
        for ref in interventions
    ]
    return warnings
