"""What falls due in interventions: inspection report deadlines, windows for representations,
the end of directions, and reports due under directions. The one answer every channel reads
(notices.obligations describes the shape); what counts as still open is decided here, with the
reason beside each rule.

Every date here is of a public step (an inspection, an issued letter or directions), so each
obligation is published and concerns the authority and its board as well as the department.
"""

from __future__ import annotations

import datetime as dt
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
from bestvalue.interventions.selectors import in_force_periods
from bestvalue.notices.obligations import EVERYONE, Kind, Obligation, Page


def obligations(
    *, today: dt.date, authority_id: int | None = None, published_only: bool = False
) -> list[Obligation]:
    """The open dates of active interventions, for one authority or all. Every one is of a public
    step, so `published_only` (what the public may see) leaves none out."""
    del published_only  # the same scope as the other apps' answers; see the module docstring
    active = Intervention.objects.active()
    if authority_id is not None:
        active = active.filter(authority_id=authority_id)
    return (
        _inspection_reports(active)
        + _representations(active, today)
        + _directions_ends(active, today)
        + _reports(active)
    )


# Whether each kind can be overdue: a report can be late; a closing date or an end date passes.
_CAN_BE_OVERDUE = {
    Kind.INSPECTION_REPORT: True,
    Kind.REPRESENTATIONS: False,
    Kind.DIRECTIONS_END: False,
    Kind.INTERVENTION_REPORT: True,
}
# The label and detail of the kinds whose words are the same for every record.
_WORDS = {
    Kind.REPRESENTATIONS: (
        "Representations close",
        "The last day for representations on the directions the Secretary of State proposes "
        "(section 15(9) of the Local Government Act 1999).",
    ),
    Kind.DIRECTIONS_END: (
        "Directions end",
        "The last day the directions under section 15 are in force, unless they are extended "
        "or revoked first.",
    ),
}


def _obligation(
    intervention: Intervention,
    kind: Kind,
    record: tuple[int, dt.date],
    title: str,
    words: tuple[str, str] | None = None,
) -> Obligation:
    """The obligation of `kind` on the record (its id, the day it falls due), with the words of
    the kind (`_WORDS`) or those given (label, detail)."""
    record_id, due_on = record
    label, detail = words or _WORDS[kind]
    return Obligation(
        kind=kind,
        record_id=record_id,
        due_on=due_on,
        authority_id=intervention.authority_id,
        authority_name=intervention.authority.official_name,
        authority_gss=intervention.authority.gss_code,
        audience=EVERYONE,
        published=True,
        page=Page.INTERVENTION,
        page_key=intervention.reference,
        public_key=intervention.reference,
        title=title,
        label=label,
        detail=detail,
        can_be_overdue=_CAN_BE_OVERDUE[kind],
    )


def _inspection_reports(active: Any) -> list[Obligation]:
    """Report deadlines (after any extensions) of inspections whose report is not recorded as
    submitted or published. An issued minded-to letter or directions recorded after the
    inspection mean the report was in (they rest on it), so those inspections are left out: the
    public record often gives the later steps but not the day the report was handed over. A draft
    letter shows nothing of the kind."""
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
        Inspection.objects.filter(
            intervention__in=active,
            report_submitted_on__isnull=True,
            report_submitted_on_approx="",
            report_published_on__isnull=True,
            report_published_on_approx="",
        )
        .exclude(followed)
        .select_related("intervention__authority")
        .prefetch_related(
            Prefetch("extensions", queryset=InspectionExtension.objects.order_by("position"))
        )
    )
    found = []
    for inspection in inspections:
        deadline = inspection.deadline
        if deadline is None:
            continue
        extended = len(inspection.extensions.all())
        name = inspection.intervention.authority.official_name
        detail = "The report of the best value inspection (section 10) is due" + (
            f", after {extended} extension{'s' if extended > 1 else ''}." if extended else "."
        )
        found.append(
            _obligation(
                inspection.intervention,
                Kind.INSPECTION_REPORT,
                (inspection.pk, deadline),
                f"Inspection report deadline: {name}",
                ("Inspection report due", detail),
            )
        )
    return found


def _representations(active: Any, today: dt.date) -> list[Obligation]:
    """Issued minded-to letters whose window for representations is still open (s.15(9)). A
    window that has closed is over, not overdue."""
    letters = (
        MindedTo.objects.issued()
        .filter(intervention__in=active, window_foregone=False, representations_by__gte=today)
        .select_related("intervention__authority")
    )
    found = []
    for letter in letters:
        assert letter.representations_by is not None
        name = letter.intervention.authority.official_name
        found.append(
            _obligation(
                letter.intervention,
                Kind.REPRESENTATIONS,
                (letter.pk, letter.representations_by),
                f"Representations close: minded-to letter to {name}",
            )
        )
    return found


def _directions_ends(active: Any, today: dt.date) -> list[Obligation]:
    """The day each intervention's directions are due to end, after every extension
    (interventions.rules.in_force_periods), when it is known to the day and still to come: one
    date per intervention, never one per extension."""
    interventions = active.select_related("authority").prefetch_related(
        Prefetch("directions", queryset=Directions.objects.issued().order_by("position"))
    )
    found = []
    for intervention in interventions:
        periods = in_force_periods(intervention)
        end = periods[-1].end if periods else None
        if end is None or not end.is_exact or end.earliest < today:
            continue
        name = intervention.authority.official_name
        found.append(
            _obligation(
                intervention,
                Kind.DIRECTIONS_END,
                (intervention.pk, end.earliest),
                f"Directions end: {name}",
            )
        )
    return found


def _reports(active: Any) -> list[Obligation]:
    """Reports scheduled under issued directions and neither received nor published."""
    reports = Report.objects.filter(
        due_on__isnull=False,
        received_on__isnull=True,
        published_on__isnull=True,
        directions__status=ApprovalStatus.ISSUED,
        directions__intervention__in=active,
    ).select_related("directions__intervention__authority")
    found = []
    for report in reports:
        assert report.due_on is not None
        intervention = report.directions.intervention
        name = intervention.authority.official_name
        words = (
            f"{report.title or 'Report'} due",
            f"{report.title or 'The next report'} from those appointed under the directions is due.",
        )
        found.append(
            _obligation(
                intervention,
                Kind.INTERVENTION_REPORT,
                (report.pk, report.due_on),
                f"Report due under directions: {name}",
                words,
            )
        )
    return found
