"""What falls due, in one shape: the dated obligation that each domain app's `due.obligations`
returns (notices, interventions, improvement) and every channel reads (the department's dashboard,
each user's due page, the reminders, the personal and public calendars).

It lives in notices, the lowest domain app, so that interventions and improvement can build it. A
domain app never reverses an interface's URL names: an obligation names the page of its record
(`page` and `page_key`) and each interface turns that into its own link.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    NOTICE_REVIEW = "notice_review"
    NOTICE_EXPIRY = "notice_expiry"
    DATA_RETURN = "data_return"
    INSPECTION_REPORT = "inspection_report"
    REPRESENTATIONS = "representations"
    DIRECTIONS_END = "directions_end"
    INTERVENTION_REPORT = "intervention_report"
    PLAN_ACTION = "plan_action"
    RECOMMENDATION = "recommendation"

    @property
    def label(self) -> str:
        return KIND_LABELS[self]


# In the order the preferences page lists them.
KIND_LABELS = {
    Kind.NOTICE_REVIEW: "Review points of best value notices",
    Kind.NOTICE_EXPIRY: "Best value notices coming to the end of their period",
    Kind.DATA_RETURN: "Data returns due",
    Kind.INSPECTION_REPORT: "Inspection report deadlines",
    Kind.REPRESENTATIONS: "Closing dates for representations on minded-to letters",
    Kind.DIRECTIONS_END: "End dates of directions",
    Kind.INTERVENTION_REPORT: "Reports due under directions",
    Kind.PLAN_ACTION: "Improvement plan actions due",
    Kind.RECOMMENDATION: "Improvement board recommendations due",
}


class Audience(StrEnum):
    """Who, besides the department (which sees every obligation), an obligation concerns."""

    AUTHORITY = "authority"  # the authority's own officers
    BOARD = "board"  # members of the improvement boards and panels overseeing the authority


EVERYONE = frozenset(Audience)
AUTHORITY_ONLY = frozenset({Audience.AUTHORITY})


class Page(StrEnum):
    """The page of an obligation's record, which each interface turns into its own link."""

    NOTICE = "notice"  # page_key: the notice's pk; public_key: its reference, once issued
    INTERVENTION = "intervention"  # page_key and public_key: the intervention's reference
    PLAN_ACTION = "plan_action"  # page_key: the action's pk
    RECOMMENDATION = "recommendation"  # page_key: the recommendation's pk


@dataclass(frozen=True)
class Obligation:
    """One dated obligation of one record.

    `key` names the obligation and its date ("notice_review:12:2026-04-03"), so a reminder is sent
    once per key and lead time, and a date that moves (an extended deadline) is a new key.
    `can_be_overdue` is False for dates that simply pass (a window that closes, directions that
    end) rather than fall overdue. `published` says whether the public may see it: the public
    calendar shows only those.
    """

    kind: Kind
    record_id: int
    due_on: dt.date
    title: str
    detail: str
    label: str  # what the dashboard lists it as, beside the authority's name
    authority_id: int
    authority_name: str
    authority_gss: str
    audience: frozenset[Audience]
    can_be_overdue: bool
    published: bool
    page: Page
    page_key: str
    public_key: str = ""

    @property
    def key(self) -> str:
        return obligation_key(self.kind, self.record_id, self.due_on)

    def days_from(self, today: dt.date) -> int:
        """Days from today to the date (negative once it has passed)."""
        return (self.due_on - today).days

    def is_overdue(self, today: dt.date) -> bool:
        return self.can_be_overdue and self.due_on < today


def obligation_key(kind: Kind, record_id: int, due_on: dt.date) -> str:
    return f"{kind.value}:{record_id}:{due_on.isoformat()}"


def in_order(obligations: list[Obligation]) -> list[Obligation]:
    """Date order, then title, then key: the one order every channel lists them in."""
    return sorted(obligations, key=lambda o: (o.due_on, o.title, o.key))
