"""Pure rules of reminders: what a due item is (an obligation, notices.obligations, with the
links to its pages), which reminder (lead time) is due for a date today, and how a date reads next
to today.

No ORM and no clock: callers pass `today` and the lead times (settings.REMINDER_LEAD_DAYS).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

# The kinds and audiences of obligations are the domain's (notices.obligations); reminders
# re-export them for the modules that read them here.
from bestvalue.notices.obligations import AUTHORITY_ONLY as AUTHORITY_ONLY
from bestvalue.notices.obligations import EVERYONE as EVERYONE
from bestvalue.notices.obligations import KIND_LABELS as KIND_LABELS
from bestvalue.notices.obligations import Audience as Audience
from bestvalue.notices.obligations import Kind as Kind
from bestvalue.notices.obligations import obligation_key

# The lead time of the reminder sent once a date has passed with the obligation still open.
OVERDUE = -1
# The first message about an obligation of an ANNOUNCED kind, sent by the first run after it is
# made when no lead time has been reached yet: the authority is told when an improvement board
# makes a recommendation (issue 18.6), not only as it falls due.
MADE = -2
ANNOUNCED = frozenset({Kind.RECOMMENDATION})

# Audit actions of reminders, which never change what the public sees; the public validators
# skip them (public.caching), so sending reminders changes no public ETag.
PRIVATE_ACTIONS = frozenset(
    {
        "reminders.sent",
        "reminders.preferences_changed",
        "reminders.calendar_key_created",
        "reminders.calendar_key_revoked",
    }
)


@dataclass(frozen=True)
class DueItem:
    """One dated obligation (notices.obligations.Obligation) with the links to its pages.

    `key` names the obligation and its date ("notice_review:12:2026-04-03"), so a reminder is
    sent once per key and lead time, and a date that moves (an extended deadline) is a new key
    with reminders of its own. `can_be_overdue` is False for dates that simply pass (a window
    that closes, directions that end) rather than fall overdue.
    """

    key: str
    kind: Kind
    due_on: dt.date
    title: str
    detail: str
    authority_id: int
    authority_name: str
    audience: frozenset[Audience]
    can_be_overdue: bool
    staff_path: str = ""  # the department's page for the record, if there is one
    authority_path: str = ""  # the authority officers' page for it, if there is one
    public_path: str = ""  # the public page, if the record is published

    @property
    def anchor(self) -> str:
        """An HTML id for the item on the due page."""
        return "due-" + self.key.replace(":", "-")


item_key = obligation_key


def reminder_stage(
    due_on: dt.date,
    today: dt.date,
    lead_days: Iterable[int],
    *,
    can_be_overdue: bool,
    announced: bool = False,
) -> int | None:
    """The reminder due today for a date: the shortest lead time (days before the date) that
    today has reached, OVERDUE once the date has passed, MADE for an `announced` obligation that
    no lead time has reached yet, or None.

    With lead times 30, 14 and 3: 31 days before, None; 30 to 15 days before, 30; 14 to 4, 14;
    3 to 0 (the day itself), 3; from the day after, OVERDUE. A run that misses a lead time's first
    day still sends that reminder later in its span, so a date first recorded 20 days ahead gets
    the 30-day reminder at once, but never the reminders of spans already past. Dates that cannot
    be overdue get None once they have passed.
    """
    days_left = (due_on - today).days
    if days_left < 0:
        return OVERDUE if can_be_overdue else None
    reached = [days for days in lead_days if days >= days_left]
    if reached:
        return min(reached)
    return MADE if announced else None


def is_overdue(item: DueItem, today: dt.date) -> bool:
    return item.can_be_overdue and item.due_on < today


def when(due_on: dt.date, today: dt.date, *, can_be_overdue: bool = True) -> str:
    """How a date reads next to today: "today", "tomorrow", "in 14 days", "3 days ago", or
    "overdue by 3 days" for an obligation still open after its date."""
    days = (due_on - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days > 1:
        return f"in {days} days"
    ago = -days
    unit = "day" if ago == 1 else "days"
    return f"overdue by {ago} {unit}" if can_be_overdue else f"{ago} {unit} ago"


def stage_label(stage: int) -> str:
    """The reminder's name on pages and in the record: "30 days before", "On the day", "Overdue"."""
    if stage == OVERDUE:
        return "Overdue"
    if stage == MADE:
        return "When made"
    if stage == 0:
        return "On the day"
    return f"{stage} day{'' if stage == 1 else 's'} before"


def token_digest(token: str) -> str:
    """What is stored of a calendar feed's secret: its SHA-256, in hex. The secret has 256 random
    bits, so a fast hash is enough; no one can guess it or work back from the digest."""
    return hashlib.sha256(token.encode()).hexdigest()
