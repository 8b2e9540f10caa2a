"""Reads of inspections and interventions with what each page needs already fetched (a fixed
number of queries), and what the public may see of them decided here: only what an approver
published (issued letters and directions, and facts published by four eyes)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, QuerySet

from bestvalue.authorities.models import Authority
from bestvalue.interventions import rules
from bestvalue.interventions import steps as step_kinds
from bestvalue.interventions.models import (
    Appointee,
    AppointeeRole,
    ApprovalStatus,
    DepartmentResponse,
    Directions,
    DirectionsKind,
    Finding,
    Inspection,
    InspectionExtension,
    Inspector,
    InspectorRole,
    Intervention,
    InterventionModel,
    InterventionStatus,
    LegalBasis,
    MindedTo,
    NonStatutoryKind,
    NonStatutoryStage,
    Report,
    Representation,
)
from bestvalue.interventions.models.intervention import has_public_step

# Audit actions that never change what the public sees (for the public validators).
PRIVATE_ACTIONS = step_kinds.PRIVATE_ACTIONS


def _public(queryset: QuerySet[Any], public: bool) -> QuerySet[Any]:
    """The facts the public may see: those an approver published (steps.Publishable)."""
    return queryset.filter(publication=ApprovalStatus.ISSUED) if public else queryset


def _steps(public: bool) -> dict[str, QuerySet[Any]]:
    """Each kind of step in recorded order, only what the public may see when `public`."""
    minded_to = MindedTo.objects.order_by("position")
    directions = Directions.objects.order_by("position")
    if public:
        minded_to = minded_to.filter(status=ApprovalStatus.ISSUED)
        directions = directions.filter(status=ApprovalStatus.ISSUED)
    return {
        "non_statutory_stages": _public(NonStatutoryStage.objects.order_by("position"), public),
        "inspections": _public(Inspection.objects.order_by("position"), public),
        "minded_to_letters": minded_to,
        "directions": directions,
    }


def _base(public: bool) -> QuerySet[Intervention]:
    # The publication rule: the public sees an intervention only once one of its steps is public.
    base = Intervention.objects.filter(has_public_step()) if public else Intervention.objects.all()
    return base.select_related("authority").order_by("reference")


def intervention_rows(*, public: bool = True) -> QuerySet[Intervention]:
    """Interventions as a list shows them (the register, the API's list, the feeds): the
    authority and each step's own row, in five queries however many, with none of the people,
    findings, representations or reports that only an intervention's own page shows. Enough
    for first_step, current_model, in_force_periods, standing and the public title."""
    return _base(public).prefetch_related(
        *(Prefetch(name, queryset=steps) for name, steps in _steps(public).items())
    )


def interventions(*, public: bool = True) -> QuerySet[Intervention]:
    """Every intervention with all its stages, people, findings and reports fetched in a fixed
    number of queries (15; 17 for the department, with who drafted and edited each draft),
    however many there are. The public sees only what an approver published: issued letters
    and directions, and the facts published by four eyes (services.publication). Lists read
    intervention_rows instead."""
    findings = _public(Finding.objects.select_related("theme").order_by("theme__position"), public)
    responses = _public(DepartmentResponse.objects.order_by("published_on", "id"), public)
    reports = _public(Report.objects.order_by("due_on", "received_on", "id"), public)
    reports = reports.prefetch_related(Prefetch("responses", queryset=responses))
    steps = _steps(public)
    minded_to, directions = steps["minded_to_letters"], steps["directions"].select_related("amends")
    if not public:
        minded_to = minded_to.select_related("drafted_by", "approved_by").prefetch_related(
            "editors"
        )
        directions = directions.select_related("drafted_by", "approved_by").prefetch_related(
            "editors"
        )
    appointees = Appointee.objects.order_by("position")
    inspectors = _public(Inspector.objects.order_by("position"), public)
    extensions = _public(InspectionExtension.objects.order_by("position"), public)
    representations = _public(Representation.objects.order_by("position"), public)
    return (
        _base(public)
        .select_related("escalated_from")
        .prefetch_related(
            Prefetch(
                "non_statutory_stages",
                queryset=steps["non_statutory_stages"].prefetch_related(
                    Prefetch("appointees", queryset=appointees)
                ),
            ),
            Prefetch(
                "inspections",
                queryset=steps["inspections"].prefetch_related(
                    Prefetch("inspectors", queryset=inspectors),
                    Prefetch("extensions", queryset=extensions),
                    Prefetch("findings", queryset=findings),
                ),
            ),
            Prefetch(
                "minded_to_letters",
                queryset=minded_to.prefetch_related(
                    Prefetch("representations", queryset=representations),
                    Prefetch("findings", queryset=findings),
                ),
            ),
            Prefetch(
                "directions",
                queryset=directions.prefetch_related(
                    Prefetch("appointees", queryset=appointees),
                    Prefetch("findings", queryset=findings),
                    Prefetch("reports", queryset=reports),
                ),
            ),
        )
    )


def interventions_of(authority: Authority, *, public: bool = True) -> list[Intervention]:
    """The authority's interventions, oldest first, with everything a page needs fetched."""
    found = interventions(public=public).filter(authority=authority)
    return sorted(found, key=_first_step_key)


def intervention_by_reference(reference: str, *, public: bool = True) -> Intervention | None:
    return interventions(public=public).filter(reference=reference).first()


def intervention_by_pk(pk: int) -> Intervention:
    """An intervention by its id, for the department (a repeated create form lands on it)."""
    return Intervention.objects.get(pk=pk)


def intervention_list() -> list[Intervention]:
    """Every intervention for the department's list, with its authority, newest first."""
    return list(
        Intervention.objects.select_related("authority", "escalated_from")
        .prefetch_related("directions")
        .order_by("status", "-id")
    )


def escalations_of(notice_id: int) -> list[Intervention]:
    """The interventions that followed a notice's escalation."""
    return list(Intervention.objects.filter(escalated_from_id=notice_id).order_by("reference"))


def escalated_notice_choices(authority_id: int | None = None) -> list[tuple[int, str]]:
    """Notices whose outcome is escalation, for the form that links one to an intervention."""
    from bestvalue.notices.rules import Status
    from bestvalue.notices.selectors import published_notices

    notices = published_notices().filter(status=Status.ESCALATED).select_related("authority")
    if authority_id is not None:
        notices = notices.filter(authority_id=authority_id)
    return [
        (n.pk, f"{n.reference}: {n.authority.official_name}")
        for n in notices.order_by("-issued_on", "-id")
    ]


def escalated_notice(pk: int) -> Any:
    """A notice whose outcome is escalation, or None."""
    from bestvalue.notices.rules import Status
    from bestvalue.notices.selectors import published_notices

    return published_notices().filter(pk=pk, status=Status.ESCALATED).first()


def amendable_directions(intervention: Intervention) -> list[Directions]:
    """The issued directions a later record (extension, revocation, expiry, exit, change of
    appointees) can act on: directions themselves, not the records acting on them."""
    return [
        d
        for d in intervention.directions.all()
        if d.status == ApprovalStatus.ISSUED and d.kind == DirectionsKind.DIRECTIONS
    ]


def estimated_annual_cost(directions: Directions) -> Decimal | None:
    """The most the directions' appointees can cost a year (uses prefetched appointees); None
    when no appointee has both a daily fee and a cap on days."""
    costs = [a.estimated_annual_cost for a in directions.appointees.all()]
    known = [c for c in costs if c is not None]
    return sum(known, Decimal(0)) if known else None


# --- Choices for forms (interfaces do not import models) -------------------------------------


def model_choices() -> list[tuple[str, str]]:
    return list(InterventionModel.choices)


def legal_basis_choices() -> list[tuple[str, str]]:
    return list(LegalBasis.choices)


def appointee_role_choices() -> list[tuple[str, str]]:
    return list(AppointeeRole.choices)


def inspector_role_choices() -> list[tuple[str, str]]:
    return list(InspectorRole.choices)


def directions_kind_choices() -> list[tuple[str, str]]:
    return list(DirectionsKind.choices)


def status_choices() -> list[tuple[str, str]]:
    return list(InterventionStatus.choices)


def non_statutory_kind_choices() -> list[tuple[str, str]]:
    return list(NonStatutoryKind.choices)


def _first_step_key(intervention: Intervention) -> tuple[dt.date, str]:
    spans = [step_span(record) for record in step_records(intervention)]
    known = [s.earliest for s in spans if s is not None]
    return (min(known, default=dt.date.max), intervention.reference)


# --- Directions in force ---------------------------------------------------------------------


def in_force_periods(intervention: Intervention) -> list[rules.InForcePeriod]:
    """When the intervention's issued directions were in force (uses prefetched directions)."""
    return rules.in_force_periods(
        intervention.directions_steps(),
        intervention_ended=intervention.status == InterventionStatus.ENDED,
    )


def in_force_text(intervention: Intervention) -> list[str]:
    """When the intervention's issued directions were in force, in words, one period each."""
    return [rules.period_text(p) for p in in_force_periods(intervention)]


def directions_in_force_on(day: dt.date, *, include_uncertain: bool = False) -> list[Intervention]:
    """Interventions whose directions were certainly in force on `day` (or, with
    `include_uncertain`, may have been, where the sources give only rough dates)."""
    wanted = {True, None} if include_uncertain else {True}
    candidates = Intervention.objects.select_related("authority").prefetch_related(
        Prefetch("directions", queryset=Directions.objects.issued().order_by("position"))
    )
    return [
        i
        for i in candidates.order_by("reference")
        if rules.in_force_on(in_force_periods(i), day) in wanted
    ]


def step_records(intervention: Intervention) -> list[Any]:
    """The intervention's steps in the order they were recorded (their position)."""
    return sorted(
        [
            *intervention.non_statutory_stages.all(),
            *intervention.inspections.all(),
            *intervention.minded_to_letters.all(),
            *intervention.directions.all(),
        ],
        key=lambda r: r.position,
    )


def step_span(record: Any) -> rules.Span | None:
    on, approx = step_date(record)
    return rules.span_of(on, approx)


def step_date(record: Any) -> tuple[dt.date | None, str]:
    if isinstance(record, NonStatutoryStage):
        return record.started_on, record.started_on_approx
    if isinstance(record, Inspection):
        return record.announced_on, record.announced_on_approx
    if isinstance(record, MindedTo):
        return record.letter_on, record.letter_on_approx
    assert isinstance(record, Directions)
    return record.made_on, record.made_on_approx
