"""The department's case list of notices: every notice in any state (drafts included, so it is
for department staff only), searched, filtered and sorted in the database, each row read from the
notice and its joined authority and drafter, so a page costs the same queries at any size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, F, Q, QuerySet, When

from bestvalue.core.dates import uk_date
from bestvalue.notices import rules
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import Status
from bestvalue.notices.search import matching
from bestvalue.notices.selectors import with_theme

# What the case list filters by status: the casework stages, with "issued" meaning in its period
# and "period ended" an issued notice past its expiry with no decision recorded (rules.standing).
STATUS_CHOICES = [
    ("draft", "Draft"),
    ("awaiting_approval", "Awaiting approval"),
    ("issued", "Issued, in its period"),
    (rules.PERIOD_ENDED, "Period ended without a decision"),
    ("ended", "Ended (replaced, lapsed, withdrawn or escalated)"),
]
SORT_CHOICES = [
    ("changed", "Last changed, newest first"),
    ("authority", "Authority name, A to Z"),
    ("reference", "Reference"),
    ("next", "Next date, soonest first"),
    ("issued", "Issue date, newest first"),
]
_ORDER: dict[str, list[Any]] = {
    "changed": ["-updated_at", "-pk"],
    "authority": ["authority__official_name", "-pk"],
    "reference": [F("reference").asc(nulls_first=True), "-pk"],
    "next": [F("next_on").asc(nulls_last=True), "authority__official_name", "-pk"],
    "issued": [F("issued_on").desc(nulls_first=True), "-pk"],
}
COLUMNS = ("Reference", "Authority", "Drafted by", "Last changed", "Status", "Next date")


@dataclass(frozen=True)
class CaseFilters:
    """What the case list is narrowed to; blank means any."""

    query: str = ""
    status: str = ""
    authority_kind: str = ""
    region: str = ""
    drafter: int | None = None
    theme: str = ""
    year: int | None = None
    sort: str = "changed"


@dataclass(frozen=True)
class CaseRow:
    """One line of the case list, as the page and both downloads show it."""

    pk: int
    reference: str
    authority: str
    drafter: str
    changed_at: dt.datetime
    status: str
    status_key: str
    next_on: dt.date | None
    next_what: str

    def cells(self) -> list[Any]:
        """The row in COLUMNS order, for the downloads."""
        next_text = f"{self.next_what}: {uk_date(self.next_on)}" if self.next_on else ""
        return [
            self.reference,
            self.authority,
            self.drafter,
            self.changed_at,
            self.status,
            next_text,
        ]


def _by_status(notices: QuerySet[Notice], status: str, today: dt.date) -> QuerySet[Notice]:
    in_period = Q(expires_on__isnull=True) | Q(expires_on__gt=today)
    if status == "issued":
        return notices.filter(Q(status=Status.ISSUED) & in_period)
    if status == rules.PERIOD_ENDED:
        return notices.filter(pk__in=Notice.objects.period_ended(today).values("pk"))
    if status == "ended":
        return notices.filter(status__in=rules.ENDED_STATUSES)
    return notices.filter(status=status)


def case_list(filters: CaseFilters, *, today: dt.date) -> QuerySet[Notice]:
    """Every notice matching the filters, sorted, with what a row needs joined (case_rows).
    Department staff only: drafts are here."""
    from bestvalue.authorities.selectors import of_authorities

    notices: QuerySet[Notice] = Notice.objects.select_related("authority", "drafted_by").annotate(
        # The next date the department acts on: the end of the period of an issued notice.
        next_on=Case(When(status=Status.ISSUED, then=F("expires_on")), default=None)
    )
    notices = matching(notices, filters.query)
    if filters.status:
        notices = _by_status(notices, filters.status, today)
    notices = of_authorities(notices, kind=filters.authority_kind, region=filters.region)
    if filters.drafter is not None:
        notices = notices.filter(drafted_by_id=filters.drafter)
    if filters.theme:
        notices = with_theme(notices, filters.theme)
    if filters.year is not None:
        notices = notices.filter(issued_on__year=filters.year)
    return notices.order_by(*_ORDER.get(filters.sort, _ORDER["changed"]))


def _person(user: Any) -> str:
    if user is None:
        return "Not known"
    return str(user.get_full_name() or user.username)


def case_row(notice: Notice, *, today: dt.date) -> CaseRow:
    """How one notice of case_list reads in the list and the downloads."""
    key = rules.standing(notice.status, notice.expires_on, today, notice.issued_on)
    next_on = getattr(notice, "next_on", None)
    overdue = next_on is not None and next_on <= today
    return CaseRow(
        pk=notice.pk,
        reference=notice.reference or "Draft",
        authority=notice.authority.official_name,
        drafter=_person(notice.drafted_by),
        changed_at=notice.updated_at,
        status=rules.standing_label(notice.status, notice.expires_on, today, notice.issued_on),
        status_key=key,
        next_on=next_on,
        next_what="Decision needed since end of period" if overdue else "End of period",
    )


def case_rows(notices: Any, *, today: dt.date) -> list[CaseRow]:
    return [case_row(notice, today=today) for notice in notices]


def drafter_choices() -> list[tuple[str, str]]:
    """Everyone who has drafted a notice, by name, in one query."""
    from django.contrib.auth import get_user_model

    drafters = get_user_model().objects.filter(
        pk__in=Notice.objects.exclude(drafted_by=None).values("drafted_by")
    )
    people = [(str(u.pk), _person(u)) for u in drafters]
    return sorted(people, key=lambda choice: choice[1].lower())


def year_choices() -> list[int]:
    """The years in which any notice was issued, newest first."""
    days = Notice.objects.filter(issued_on__isnull=False).dates("issued_on", "year")
    return sorted({d.year for d in days}, reverse=True)
