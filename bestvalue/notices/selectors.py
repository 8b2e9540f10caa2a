"""Reads of notices, with what each page needs joined, and the rule of what the public may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db.models import Prefetch, QuerySet

from bestvalue.core import clock
from bestvalue.core.record_filters import RecordFilters
from bestvalue.notices import rules
from bestvalue.notices.models import (
    Assessment,
    DataRequest,
    DataReturn,
    Engagement,
    Expectation,
    Ground,
    Notice,
    Outcome,
    Review,
    ReviewStatus,
)
from bestvalue.notices.rules import PUBLISHED_STATUSES, Status


def _with_contents(notices: QuerySet[Notice]) -> QuerySet[Notice]:
    return notices.select_related(
        "authority", "replaces", "replaced_by", "outcome", "drafted_by", "approved_by"
    ).prefetch_related(
        Prefetch("grounds", queryset=Ground.objects.prefetch_related("themes")),
        "acknowledgements",
        Prefetch(
            "expectations",
            queryset=Expectation.objects.prefetch_related("themes").select_related("carried_from"),
        ),
        "sources",
        "editors",
    )


_PEOPLE = ("recorded_by", "changed_by")


def notice_for_staff(pk: int) -> Notice | None:
    """A notice in any state, with its contents, reviews, engagement and data requests."""
    return (
        _with_contents(Notice.objects.filter(pk=pk))
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related(
                    "drafted_by", "approved_by"
                ).prefetch_related("editors", "assessments"),
            ),
            # Each carried expectation's assessments, the last review's first (the revised
            # draft shows its last rating and commentary).
            Prefetch(
                "expectations__carried_from__assessments",
                queryset=Assessment.objects.select_related("review").order_by(
                    "-review__reviewed_on", "-review_id"
                ),
            ),
            Prefetch("engagements", queryset=Engagement.objects.select_related(*_PEOPLE)),
            Prefetch(
                "data_requests",
                queryset=DataRequest.objects.select_related(
                    "made_under", *_PEOPLE
                ).prefetch_related(
                    Prefetch("returns", queryset=DataReturn.objects.select_related(*_PEOPLE))
                ),
            ),
            # Open requests made under this notice and carried to a revised one on reissue.
            Prefetch("requests_carried_on", queryset=DataRequest.objects.select_related("notice")),
        )
        .first()
    )


def published_notices() -> QuerySet[Notice]:
    """The publication rule for notices, in one place: drafts and notices awaiting approval never
    reach a public page, feed, export or the API."""
    return Notice.objects.published()


def published_notice(reference: str) -> Notice | None:
    return _with_contents(published_notices().filter(reference=reference)).first()


def published_notices_by_pk(pks: list[int]) -> QuerySet[Notice]:
    """These published notices, with their authority: a page of a list sorted elsewhere."""
    return published_notices().filter(pk__in=pks).select_related("authority")


def published_notices_of(authority_id: int) -> list[Notice]:
    return list(
        _with_contents(published_notices().filter(authority_id=authority_id)).order_by(
            "issued_on", "id"
        )
    )


def in_force_on(day: dt.date) -> QuerySet[Notice]:
    """Notices in force on `day`: issued on or before it, and not yet replaced, lapsed, withdrawn
    or escalated; a notice with no recorded end is in force until its expiry (rules.in_force_on,
    expressed as a query)."""
    return (
        Notice.objects.in_force_on(day)
        .select_related("authority")
        .order_by("authority__short_name")
    )


def review_in_progress(notice: Notice) -> Review | None:
    return next((r for r in notice.reviews.all() if r.status != ReviewStatus.APPROVED), None)


@dataclass(frozen=True)
class InForce:
    notice: Notice
    days_remaining: int | None


@dataclass
class Dashboard:
    """The department's casework on notices. What falls due is notices.due's answer, read by the
    dashboard alongside (reminders.selectors.dashboard_dates)."""

    today: dt.date
    awaiting_approval: list[Notice] = field(default_factory=list)
    reviews_awaiting_approval: list[Review] = field(default_factory=list)
    drafts: list[Notice] = field(default_factory=list)
    under_notice: list[InForce] = field(default_factory=list)
    decision_needed: list[InForce] = field(default_factory=list)


def dashboard(today: dt.date) -> Dashboard:
    """What needs the department's attention today, in a fixed number of queries."""
    board = Dashboard(today=today)
    working = Notice.objects.filter(status__in=[Status.DRAFT, Status.AWAITING_APPROVAL])
    for notice in working.select_related("authority", "drafted_by").order_by("created_at"):
        (
            board.awaiting_approval if notice.status == Status.AWAITING_APPROVAL else board.drafts
        ).append(notice)
    board.reviews_awaiting_approval = list(
        Review.objects.filter(status=ReviewStatus.AWAITING_APPROVAL).select_related(
            "notice__authority", "drafted_by"
        )
    )
    open_notices = (
        Notice.objects.open()
        .select_related("authority")
        .order_by("expires_on", "authority__short_name")
    )
    for notice in open_notices:
        entry = InForce(notice, rules.days_remaining(notice.expires_on, today))
        # Past its period with no decision recorded (rules.standing): not in force, a decision
        # is needed; listed apart with the days since its period ended.
        ended = rules.standing(notice.status, notice.expires_on, today) == rules.PERIOD_ENDED
        (board.decision_needed if ended else board.under_notice).append(entry)
    return board


@dataclass(frozen=True)
class ExpectationChange:
    kind: str  # "added", "dropped", "reworded", "unchanged"
    old: Expectation | None
    new: Expectation | None
    similarity: float = 1.0


@dataclass(frozen=True)
class NoticeChanges:
    old: Notice
    new: Notice
    expectations: list[ExpectationChange]
    period_changed: bool
    acknowledgements_added: list[str]
    acknowledgements_dropped: list[str]
    grounds_added: list[str]
    grounds_dropped: list[str]


def changes_from_predecessor(revised: Notice) -> NoticeChanges | None:
    """What changed between a revised notice and the one it replaces: expectations added, dropped,
    reworded (matched by the carried-from link), the period, acknowledgements and grounds."""
    old = revised.replaces
    if old is None:
        return None
    old_expectations = list(old.expectations.all())
    new_expectations = list(revised.expectations.all())
    carried = {e.carried_from_id: e for e in new_expectations if e.carried_from_id}
    changes: list[ExpectationChange] = []
    for before in old_expectations:
        after = carried.get(before.pk)
        if after is None:
            changes.append(ExpectationChange("dropped", before, None, 0.0))
        elif after.text.strip() == before.text.strip():
            changes.append(ExpectationChange("unchanged", before, after))
        else:
            ratio = SequenceMatcher(None, before.text, after.text).ratio()
            changes.append(ExpectationChange("reworded", before, after, ratio))
    changes.extend(
        ExpectationChange("added", None, e, 0.0) for e in new_expectations if not e.carried_from_id
    )
    old_acks = [a.text for a in old.acknowledgements.all()]
    new_acks = [a.text for a in revised.acknowledgements.all()]
    old_grounds = [g.text for g in old.grounds.all()]
    new_grounds = [g.text for g in revised.grounds.all()]
    return NoticeChanges(
        old=old,
        new=revised,
        expectations=changes,
        period_changed=old.period_months != revised.period_months,
        acknowledgements_added=[a for a in new_acks if a not in old_acks],
        acknowledgements_dropped=[a for a in old_acks if a not in new_acks],
        grounds_added=[g for g in new_grounds if g not in old_grounds],
        grounds_dropped=[g for g in old_grounds if g not in new_grounds],
    )


def decision_choices() -> list[tuple[str, str]]:
    from bestvalue.notices.models import Decision

    return list(Decision.choices)


def rating_choices() -> list[tuple[str, str]]:
    from bestvalue.notices.models import Rating

    return list(Rating.choices)


def engagement_kind_choices() -> list[tuple[str, str]]:
    from bestvalue.notices.models import EngagementKind

    return list(EngagementKind.choices)


def recurrence_choices() -> list[tuple[str, str]]:
    from bestvalue.notices.models import Recurrence

    return list(Recurrence.choices)


def review_for_staff(pk: int) -> Review | None:
    return (
        Review.objects.filter(pk=pk)
        .select_related("notice__authority", "drafted_by", "approved_by")
        .prefetch_related(
            "editors",
            Prefetch("assessments", queryset=Assessment.objects.select_related("expectation")),
        )
        .first()
    )


def data_request_for_staff(pk: int) -> DataRequest | None:
    return (
        DataRequest.objects.filter(pk=pk)
        .select_related("notice__authority")
        .prefetch_related("returns")
        .first()
    )


# --- The public register: search, open data, change history ---------------------------------


class NoticeFilters(RecordFilters):
    """What the register and the API filter published notices by; blank means any. `status` is
    "in_force", "ended", or one of the ended statuses."""


NOTICE_STATUS_FILTERS: dict[str, frozenset[Status]] = {
    "in_force": frozenset({Status.ISSUED}),
    "ended": rules.ENDED_STATUSES,
    **{s.value: frozenset({s}) for s in sorted(rules.ENDED_STATUSES)},
}
# The status filters that depend on today (rules.standing): "in force" is exactly "in force on
# today's date"; "period ended" is an issued notice past its expiry with no outcome recorded.
NOTICE_STANDING_FILTERS = ("in_force", rules.PERIOD_ENDED)


def _with_standing(status: str) -> QuerySet[Notice]:
    """Published notices whose status today is `status` (a key of NOTICE_STATUS_FILTERS or one
    of NOTICE_STANDING_FILTERS)."""
    today = clock.today()
    if status == "in_force":
        return Notice.objects.in_force(today)
    if status == rules.PERIOD_ENDED:
        return Notice.objects.published().period_ended(today)
    return published_notices().filter(status__in=NOTICE_STATUS_FILTERS[status])


def with_theme(notices: QuerySet[Notice], theme: str) -> QuerySet[Notice]:
    """The notices with a ground or an expectation tagged to the theme."""
    from django.db.models import Exists, OuterRef

    return notices.filter(
        Exists(Ground.objects.filter(notice=OuterRef("pk"), themes__key=theme))
        | Exists(Expectation.objects.filter(notice=OuterRef("pk"), themes__key=theme))
    )


def search_published_notices(filters: NoticeFilters) -> QuerySet[Notice]:
    """Published notices matching the filters, with their authority joined. The text search looks
    in the authority's names (every variant, as AuthorityName.normalised), the notice's reference
    and the text of its grounds and expectations."""
    from bestvalue.authorities.selectors import of_authorities
    from bestvalue.notices.search import matching

    notices = matching(published_notices().select_related("authority"), filters.query)
    if filters.status:
        notices = notices.filter(pk__in=_with_standing(filters.status).values("pk"))
    notices = of_authorities(
        notices, kind=filters.authority_kind, region=filters.region, gss=filters.authority_gss
    )
    if filters.theme:
        notices = with_theme(notices, filters.theme)
    if filters.year is not None:
        notices = notices.filter(issued_on__year=filters.year)
    if filters.in_force_on is not None:
        notices = notices.filter(pk__in=in_force_on(filters.in_force_on).values("pk"))
    return notices


def notice_years() -> list[int]:
    """The years in which published notices were issued, newest first."""
    return sorted(
        {
            d.year
            for d in published_notices().filter(issued_on__isnull=False).dates("issued_on", "year")
        },
        reverse=True,
    )


def published_notices_for_export() -> QuerySet[Notice]:
    """Published notices with what an export row needs joined, oldest first."""
    return (
        published_notices()
        .select_related("authority", "replaces", "replaced_by", "outcome")
        .prefetch_related("sources")
        .order_by("issued_on", "reference")
    )


def published_notices_with_contents() -> QuerySet[Notice]:
    """Published notices with their grounds, acknowledgements, expectations and themes, for the
    API's and feeds' fixed number of queries however many there are."""
    return _with_contents(published_notices())


def published_expectations() -> QuerySet[Expectation]:
    """The expectations of published notices, never of drafts, in notice and position order."""
    return (
        Expectation.objects.filter(notice__status__in=PUBLISHED_STATUSES)
        .select_related("notice__authority", "carried_from__notice")
        .prefetch_related("themes")
        .order_by("notice__issued_on", "notice__reference", "position")
    )


def published_grounds() -> QuerySet[Ground]:
    """The grounds of published notices, in notice and position order."""
    return (
        Ground.objects.filter(notice__status__in=PUBLISHED_STATUSES)
        .select_related("notice__authority")
        .prefetch_related("themes")
        .order_by("notice__issued_on", "notice__reference", "position")
    )


def published_outcomes() -> QuerySet[Outcome]:
    """How published notices ended. An outcome exists only once its decision is approved (or
    was loaded from the public record), so none of these is an unapproved decision."""
    return (
        Outcome.objects.filter(notice__status__in=rules.ENDED_STATUSES)
        .select_related("notice__authority")
        .order_by("notice__issued_on", "notice__reference")
    )


@dataclass(frozen=True)
class PublishedChange:
    """One change to a published notice as the public may see it: when it was recorded here,
    what happened, and which public facts changed."""

    at: dt.datetime
    title: str
    changed: list[str] = field(default_factory=list)


_PUBLIC_FIELD_LABELS = {
    "reference": "reference",
    "department": "department",
    "addressee_name": "addressee",
    "addressee_role": "addressee's role",
    "signatory_name": "signatory",
    "signatory_role": "signatory's role",
    "issued_on": "issue date",
    "period_months": "period",
    "expires_on": "end of period",
    "status": "status",
    "ended_on": "date it stopped being in force",
    "replaces": "notice it replaces",
    "note": "note",
}

_CHANGE_TITLES = {
    "notice.issued": "Approved, issued and published",
    "notice.loaded": "Published from the public record",
    "notice.reloaded": "Corrected from the public record",
    "notice.reissued": "Replaced by a revised notice",
    "notice.lapsed": "Lapsed",
    "notice.withdrawn": "Withdrawn",
    "notice.corrected": "Corrected (see the correction note)",
    "notice.escalated": "Escalated",
}


def published_history(notice: Notice) -> list[PublishedChange]:
    """The notice's change history as published, newest first, from the audit log: only events
    whose resulting state is published, only the names of public facts that changed, and never
    who made the change or anything of the draft (DESIGN.md section 3.9)."""
    from bestvalue.audit.selectors import events_for
    from bestvalue.audit.services import changes

    history = []
    for event in events_for(notice):
        after = event.after or {}
        if after.get("status") not in PUBLISHED_STATUSES:
            continue
        before = event.before if (event.before or {}).get("status") in PUBLISHED_STATUSES else None
        changed_names = changes(before, after) if before is not None else {}
        changed = [label for name, label in _PUBLIC_FIELD_LABELS.items() if name in changed_names]
        title = _CHANGE_TITLES.get(event.action, "Record updated")
        history.append(PublishedChange(at=event.occurred_at, title=title, changed=changed))
    return history


def period_ended(today: dt.date) -> QuerySet[Notice]:
    """Published notices whose period has ended with no outcome recorded (rules.standing)."""
    return Notice.objects.published().period_ended(today)


# Corrections in the open (issue 13, point 3) are read in correction_selectors; the same names
# are offered here, as the interfaces ask this module.
from bestvalue.notices.correction_selectors import (  # noqa: E402
    PublicCorrection,
    corrections_of_notice,
    latest_public_corrections,
    notice_correction,
    public_corrections,
)

__all__ = [
    "PublicCorrection",
    "corrections_of_notice",
    "latest_public_corrections",
    "notice_correction",
    "public_corrections",
]


def open_notice_references(authority_id: int, *, excluding: list[int]) -> list[str]:
    """The references of the authority's issued notices not yet ended (in force, or past their
    period with no outcome recorded), leaving out the notices named."""
    found = Notice.objects.open().filter(authority_id=authority_id).exclude(pk__in=excluding)
    return [n.reference or "" for n in found.order_by("issued_on")]
