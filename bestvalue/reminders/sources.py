"""Where dated obligations come from: one reader per kind of record, each in a fixed number of
queries, each giving the overdue dates and the next one to come (never a whole future schedule).

What counts as still open is decided here, with the reason beside each rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import NoReverseMatch, reverse

from bestvalue.improvement import selectors as improvement_selectors
from bestvalue.improvement.rules import ActionStatus
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.interventions.models import (
    ApprovalStatus,
    Directions,
    Inspection,
    Intervention,
    InterventionStatus,
    MindedTo,
    Report,
)
from bestvalue.notices.models import DataRequest, Notice, Review, ReviewStatus
from bestvalue.notices.rules import Status
from bestvalue.notices.schedule import due_dates
from bestvalue.reminders.rules import AUTHORITY_ONLY, EVERYONE, DueItem, Kind, item_key


def _path(name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs=kwargs)


def _intervention_path(intervention: Intervention) -> str:
    """The intervention's public page where the register has one, else its authority's timeline."""
    try:
        return _path("register:intervention", reference=intervention.reference)
    except NoReverseMatch:
        gss = intervention.authority.gss_code
        return _path("register:authority", gss_code=gss) + f"#{intervention.reference}"


def notice_items(today: dt.date) -> list[DueItem]:
    """Each notice in force: its review point (the end of its period) while no decision on it has
    been approved; once one has (a reissue, with the revised notice still to be issued), the end
    of its period."""
    approved = Prefetch(
        "reviews", queryset=Review.objects.filter(status=ReviewStatus.APPROVED), to_attr="approved"
    )
    notices = (
        Notice.objects.open()
        .filter(expires_on__isnull=False)
        .select_related("authority")
        .prefetch_related(approved)
    )
    items = []
    for notice in notices:
        assert notice.expires_on is not None
        name, reference = notice.authority.official_name, notice.reference or "(no reference)"
        decided = bool(notice.approved)  # type: ignore[attr-defined]
        kind = Kind.NOTICE_EXPIRY if decided else Kind.NOTICE_REVIEW
        if decided:
            title = f"End of period: best value notice {reference} to {name}"
            detail = "A decision has been approved; the notice's period ends on this day."
        else:
            title = f"Review point: best value notice {reference} to {name}"
            detail = (
                "The notice's period ends. The department decides whether to reissue it, "
                "let it lapse, withdraw it or escalate."
            )
        items.append(
            DueItem(
                key=item_key(kind, notice.pk, notice.expires_on),
                kind=kind,
                due_on=notice.expires_on,
                title=title,
                detail=detail,
                authority_id=notice.authority_id,
                authority_name=name,
                audience=EVERYONE,
                can_be_overdue=True,
                staff_path=_path("staff:notice", pk=notice.pk),
                public_path=_path("register:notice", reference=notice.reference)
                if notice.reference
                else "",
            )
        )
    return items


def data_return_items(today: dt.date) -> list[DueItem]:
    """Returns asked for under notices in force: every due date passed with no return received,
    and the next one to come. A matter between the department and the authority."""
    requests = (
        DataRequest.objects.filter(notice__status=Status.ISSUED)
        .select_related("notice__authority")
        .prefetch_related("returns")
    )
    items = []
    for request in requests:
        received = {r.due_on for r in request.returns.all()}
        schedule = due_dates(
            request.first_due_on,
            request.recurrence,
            request.last_due_on,
            until=today + dt.timedelta(days=400),  # far enough for the next of any recurrence
        )
        open_dates = [d for d in schedule if d not in received]
        overdue = [d for d in open_dates if d < today]
        upcoming = [d for d in open_dates if d >= today][:1]
        notice = request.notice
        for due_on in overdue + upcoming:
            items.append(
                DueItem(
                    key=item_key(Kind.DATA_RETURN, request.pk, due_on),
                    kind=Kind.DATA_RETURN,
                    due_on=due_on,
                    title=f"Data return due: {request.title}, {notice.authority.official_name}",
                    detail=f"Asked for under best value notice {notice.reference} "
                    f"({request.get_recurrence_display().lower()}).",
                    authority_id=notice.authority_id,
                    authority_name=notice.authority.official_name,
                    audience=AUTHORITY_ONLY,
                    can_be_overdue=True,
                    staff_path=_path("staff:notice", pk=notice.pk),
                )
            )
    return items


def inspection_items(today: dt.date) -> list[DueItem]:
    """Report deadlines (after any extensions) of inspections in active interventions whose report
    is not recorded as submitted or published. A minded-to letter or directions recorded after the
    inspection mean the report was in (they rest on it), so those inspections are left out: the
    public record often gives the later steps but not the day the report was handed over."""
    later_minded_to = MindedTo.objects.filter(
        intervention=OuterRef("intervention"), position__gt=OuterRef("position")
    )
    later_directions = Directions.objects.filter(
        intervention=OuterRef("intervention"), position__gt=OuterRef("position")
    )
    inspections = (
        Inspection.objects.filter(
            intervention__status=InterventionStatus.ACTIVE,
            report_submitted_on__isnull=True,
            report_submitted_on_approx="",
            report_published_on__isnull=True,
            report_published_on_approx="",
        )
        .exclude(Exists(later_minded_to))
        .exclude(Exists(later_directions))
        .select_related("intervention__authority")
        .prefetch_related("extensions")
    )
    items = []
    for inspection in inspections:
        deadline = inspection.deadline
        if deadline is None:
            continue
        intervention = inspection.intervention
        name = intervention.authority.official_name
        extended = len(inspection.extensions.all())
        items.append(
            DueItem(
                key=item_key(Kind.INSPECTION_REPORT, inspection.pk, deadline),
                kind=Kind.INSPECTION_REPORT,
                due_on=deadline,
                title=f"Inspection report deadline: {name}",
                detail="The report of the best value inspection (section 10) is due"
                + (
                    f", after {extended} extension{'s' if extended > 1 else ''}."
                    if extended
                    else "."
                ),
                authority_id=intervention.authority_id,
                authority_name=name,
                audience=EVERYONE,
                can_be_overdue=True,
                public_path=_intervention_path(intervention),
            )
        )
    return items


def representation_items(today: dt.date) -> list[DueItem]:
    """Issued minded-to letters whose window for representations is still open (s.15(9)). A
    window that has closed is over, not overdue."""
    letters = (
        MindedTo.objects.issued()
        .filter(window_foregone=False, representations_by__gte=today)
        .select_related("intervention__authority")
    )
    items = []
    for letter in letters:
        assert letter.representations_by is not None
        intervention = letter.intervention
        name = intervention.authority.official_name
        items.append(
            DueItem(
                key=item_key(Kind.REPRESENTATIONS, letter.pk, letter.representations_by),
                kind=Kind.REPRESENTATIONS,
                due_on=letter.representations_by,
                title=f"Representations close: minded-to letter to {name}",
                detail="The last day for representations on the directions the Secretary of "
                "State proposes (section 15(9) of the Local Government Act 1999).",
                authority_id=intervention.authority_id,
                authority_name=name,
                audience=EVERYONE,
                can_be_overdue=False,
                public_path=_intervention_path(intervention),
            )
        )
    return items


def directions_end_items(today: dt.date) -> list[DueItem]:
    """The day the directions of each active intervention are due to end, after every extension
    (interventions.rules.in_force_periods), when it is known to the day and still to come."""
    interventions = (
        Intervention.objects.active()
        .select_related("authority")
        .prefetch_related(
            Prefetch("directions", queryset=Directions.objects.issued().order_by("position"))
        )
    )
    items = []
    for intervention in interventions:
        periods = intervention_selectors.in_force_periods(intervention)
        end = periods[-1].end if periods else None
        if end is None or not end.is_exact or end.earliest < today:
            continue
        name = intervention.authority.official_name
        items.append(
            DueItem(
                key=item_key(Kind.DIRECTIONS_END, intervention.pk, end.earliest),
                kind=Kind.DIRECTIONS_END,
                due_on=end.earliest,
                title=f"Directions end: {name}",
                detail="The last day the directions under section 15 are in force, unless they "
                "are extended or revoked first.",
                authority_id=intervention.authority_id,
                authority_name=name,
                audience=EVERYONE,
                can_be_overdue=False,
                public_path=_intervention_path(intervention),
            )
        )
    return items


def intervention_report_items(today: dt.date) -> list[DueItem]:
    """Reports scheduled under issued directions in active interventions and not yet received."""
    reports = Report.objects.filter(
        due_on__isnull=False,
        received_on__isnull=True,
        published_on__isnull=True,
        directions__status=ApprovalStatus.ISSUED,
        directions__intervention__status=InterventionStatus.ACTIVE,
    ).select_related("directions__intervention__authority")
    items = []
    for report in reports:
        assert report.due_on is not None
        intervention = report.directions.intervention
        name = intervention.authority.official_name
        items.append(
            DueItem(
                key=item_key(Kind.INTERVENTION_REPORT, report.pk, report.due_on),
                kind=Kind.INTERVENTION_REPORT,
                due_on=report.due_on,
                title=f"Report due under directions: {name}",
                detail=f"{report.title or 'The next report'} from those appointed under the "
                "directions is due.",
                authority_id=intervention.authority_id,
                authority_name=name,
                audience=EVERYONE,
                can_be_overdue=True,
                public_path=_intervention_path(intervention),
            )
        )
    return items


def plan_action_items(today: dt.date) -> list[DueItem]:
    """Improvement plan actions due, and overdue ones (improvement.rules.is_overdue: past their
    due date and not done). Unpublished actions are the authority's own record, which boards do
    not read (improvement.permissions), so they concern the department and the authority only."""
    items = []
    for action in improvement_selectors.open_actions():
        if action.status == ActionStatus.DONE or action.due_on is None:
            continue
        name = action.authority.official_name
        published = getattr(action, "published_at", None) is not None
        items.append(
            DueItem(
                key=item_key(Kind.PLAN_ACTION, action.pk, action.due_on),
                kind=Kind.PLAN_ACTION,
                due_on=action.due_on,
                title=f"Improvement plan action {action.number} due: {action.title}, {name}",
                detail=f"Owner: {action.owner}. Status: {action.get_status_display().lower()}.",
                authority_id=action.authority_id,
                authority_name=name,
                audience=EVERYONE if published else AUTHORITY_ONLY,
                can_be_overdue=True,
                staff_path=_path("staff:improvement-action", pk=action.pk),
                authority_path=_path("staff:improvement-action", pk=action.pk),
            )
        )
    return items


SOURCES: tuple[Callable[[dt.date], list[DueItem]], ...] = (
    notice_items,
    data_return_items,
    inspection_items,
    representation_items,
    directions_end_items,
    intervention_report_items,
    plan_action_items,
)
