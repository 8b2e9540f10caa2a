"""Where due items come from: the obligations each domain app answers with (notices.due,
interventions.due, improvement.due), each given the links to its pages
(from settings.RECORD_LINKS: reminders never reverse an interface's URL names). Reminders decide nothing
of what is open or when: the domain apps do, once, for every channel."""

from __future__ import annotations

import datetime as dt

from bestvalue.improvement import due as improvement_due
from bestvalue.interventions import due as intervention_due
from bestvalue.notices import due as notice_due
from bestvalue.notices.obligations import Obligation, Page, in_order
from bestvalue.reminders.links import record_links
from bestvalue.reminders.rules import DueItem

AUTHORITY_PAGES = frozenset({Page.PLAN_ACTION, Page.RECOMMENDATION})


def obligations(
    today: dt.date, *, authority_id: int | None = None, published_only: bool = False
) -> list[Obligation]:
    """Every open obligation in the record, in date order: for one authority or all, and with
    `published_only` only those the public may see."""
    found = notice_due.obligations(
        today=today, authority_id=authority_id, published_only=published_only
    )
    found += intervention_due.obligations(
        today=today, authority_id=authority_id, published_only=published_only
    )
    found += improvement_due.obligations(
        today=today, authority_id=authority_id, published_only=published_only
    )
    return in_order([o for o in found if o.published or not published_only])


# What a due item says as its obligation says it; the links are the item's own.
_COPIED = (
    "key",
    "kind",
    "due_on",
    "title",
    "detail",
    "authority_id",
    "authority_name",
    "audience",
    "can_be_overdue",
)


def due_item(obligation: Obligation) -> DueItem:
    links = record_links()
    staff = links.staff_path(obligation)
    return DueItem(
        **{name: getattr(obligation, name) for name in _COPIED},
        staff_path=staff,
        # An authority's officers open the same improvement pages as the department.
        authority_path=staff if obligation.page in AUTHORITY_PAGES else "",
        public_path=links.public_path(obligation),
    )


def due_items(today: dt.date) -> list[DueItem]:
    return [due_item(o) for o in obligations(today)]
