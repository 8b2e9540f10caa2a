"""What needs the department's attention in its interventions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch

from bestvalue.interventions.models import (
    ApprovalStatus,
    Directions,
    Inspection,
    InspectionExtension,
    Intervention,
    MindedTo,
    Report,
)
from bestvalue.interventions.selectors.fetch import (
    in_force_periods,
)

# --- The department's dashboard --------------------------------------------------------------


@dataclass(frozen=True)
class Due:
    """Something on the dashboard: the record, the intervention it belongs to, the day that
    matters and how many days from today (negative when past)."""

    record: Any
    intervention: Intervention
    on: dt.date
    days: int

    @property
    def overdue(self) -> bool:
        return self.days < 0


@dataclass
class InterventionDashboard:
    today: dt.date
    awaiting_approval: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)
    inspection_deadlines: list[Due] = field(default_factory=list)
    windows_open: list[Due] = field(default_factory=list)
    directions_ending: list[Due] = field(default_factory=list)
    reports_due: list[Due] = field(default_factory=list)


def _due(record: Any, intervention: Intervention, on: dt.date, today: dt.date) -> Due:
    return Due(record, intervention, on, (on - today).days)


def dashboard(
    today: dt.date, *, ending_within_days: int = 90, reports_within_days: int = 30
) -> InterventionDashboard:
    """What needs the department's attention in its interventions, in a fixed number of
    queries: minded-to letters and directions awaiting approval or in draft; inspections of
    active interventions whose report is not yet in (none recorded, and no issued letter or
    directions since), with the deadline in force; representation
    windows open today; directions ending within `ending_within_days`; reports due within
    `reports_within_days` or overdue."""
    board = InterventionDashboard(today=today)
    for model in (MindedTo, Directions):
        working = model.objects.filter(
            status__in=[ApprovalStatus.DRAFT, ApprovalStatus.AWAITING_APPROVAL]
        ).select_related("intervention__authority", "drafted_by")
        for record in working.order_by("id"):
            waiting = record.status == ApprovalStatus.AWAITING_APPROVAL
            (board.awaiting_approval if waiting else board.drafts).append(record)
    active = Intervention.objects.active()
    # A later issued letter or directions shows the report was in, though its date is not known.
    followed = Exists(
        MindedTo.objects.issued().filter(
            intervention=OuterRef("intervention"), position__gt=OuterRef("position")
        )
    ) | Exists(
        Directions.objects.issued().filter(
            intervention=OuterRef("intervention"), position__gt=OuterRef("position")
        )
    )
    inspections = (
        Inspection.objects.exclude(followed)
        .filter(
            intervention__in=active,
            report_submitted_on=None,
            report_submitted_on_approx="",
            report_published_on=None,
            report_published_on_approx="",
        )
        .select_related("intervention__authority")
        .prefetch_related(
            Prefetch("extensions", queryset=InspectionExtension.objects.order_by("position"))
        )
    )
    for inspection in inspections:
        if inspection.deadline is not None:
            board.inspection_deadlines.append(
                _due(inspection, inspection.intervention, inspection.deadline, today)
            )
    letters = MindedTo.objects.issued().filter(window_foregone=False, representations_by__gte=today)
    for letter in letters.select_related("intervention__authority"):
        assert letter.representations_by is not None
        board.windows_open.append(
            _due(letter, letter.intervention, letter.representations_by, today)
        )
    horizon = today + dt.timedelta(days=ending_within_days)
    for intervention in active.select_related("authority").prefetch_related(
        Prefetch("directions", queryset=Directions.objects.issued().order_by("position"))
    ):
        periods = in_force_periods(intervention)
        end = periods[-1].end if periods else None
        if end is not None and end.is_exact and today <= end.earliest <= horizon:
            board.directions_ending.append(_due(None, intervention, end.earliest, today))
    reports = Report.objects.filter(
        directions__intervention__in=active,
        directions__status=ApprovalStatus.ISSUED,
        received_on=None,
        due_on__lte=today + dt.timedelta(days=reports_within_days),
    ).select_related("directions__intervention__authority")
    for report in reports:
        assert report.due_on is not None
        board.reports_due.append(_due(report, report.directions.intervention, report.due_on, today))
    for items in (
        board.inspection_deadlines,
        board.windows_open,
        board.directions_ending,
        board.reports_due,
    ):
        items.sort(key=lambda d: (d.on, d.intervention.reference))
    return board
