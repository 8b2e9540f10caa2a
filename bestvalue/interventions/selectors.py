"""Reads of inspections and interventions, with what each page needs already fetched, and what
the public may see decided here: drafts of minded-to letters and directions are never public."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

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


def interventions(*, public: bool = True) -> QuerySet[Intervention]:
    """Every intervention with all its stages, people, findings and reports fetched in a fixed
    number of queries (15; 17 for the department, with who drafted and edited each draft),
    however many there are. The public sees only what an approver published: issued letters
    and directions, and the facts published by four eyes (services.publication)."""
    findings = _public(Finding.objects.select_related("theme").order_by("theme__position"), public)
    responses = _public(DepartmentResponse.objects.order_by("published_on", "id"), public)
    reports = _public(Report.objects.order_by("due_on", "received_on", "id"), public)
    reports = reports.prefetch_related(Prefetch("responses", queryset=responses))
    minded_to = MindedTo.objects.order_by("position")
    directions = Directions.objects.order_by("position").select_related("amends")
    if public:
        minded_to = minded_to.filter(status=ApprovalStatus.ISSUED)
        directions = directions.filter(status=ApprovalStatus.ISSUED)
    else:
        minded_to = minded_to.select_related("drafted_by", "approved_by").prefetch_related(
            "editors"
        )
        directions = directions.select_related("drafted_by", "approved_by").prefetch_related(
            "editors"
        )
    appointees = Appointee.objects.order_by("position")
    # The publication rule: the public sees an intervention only once one of its steps is public.
    base = Intervention.objects.filter(_has_public_step()) if public else Intervention.objects.all()
    stages = _public(NonStatutoryStage.objects.order_by("position"), public)
    inspections = _public(Inspection.objects.order_by("position"), public)
    inspectors = _public(Inspector.objects.order_by("position"), public)
    extensions = _public(InspectionExtension.objects.order_by("position"), public)
    representations = _public(Representation.objects.order_by("position"), public)
    return (
        base.select_related("authority", "escalated_from")
        .order_by("reference")
        .prefetch_related(
            Prefetch(
                "non_statutory_stages",
                queryset=stages.prefetch_related(Prefetch("appointees", queryset=appointees)),
            ),
            Prefetch(
                "inspections",
                queryset=inspections.prefetch_related(
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
        Intervention.objects.select_related("authority", "escalated_from").order_by("status", "-id")
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
    spans = [_span(record) for record in _records(intervention)]
    known = [s.earliest for s in spans if s is not None]
    return (min(known, default=dt.date.max), intervention.reference)


# --- Directions in force ---------------------------------------------------------------------


def in_force_periods(intervention: Intervention) -> list[rules.InForcePeriod]:
    """When the intervention's issued directions were in force (uses prefetched directions)."""
    steps = [
        rules.DirectionsStep(
            kind=d.kind,
            on=rules.span_of(d.made_on, d.made_on_approx),
            ends_on=rules.span_of(d.ends_on, d.ends_on_approx),
            partial=d.partial,
        )
        for d in sorted(intervention.directions.all(), key=lambda d: d.position)
        if d.status == ApprovalStatus.ISSUED
    ]
    return rules.in_force_periods(
        steps, intervention_ended=intervention.status == InterventionStatus.ENDED
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


# --- Timeline --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    """One dated step for an authority's timeline; `on` is None when only `on_approx` (or
    nothing) is known, and the page says "not known".

    `intervention_reference` and `anchor` say where the step is shown (the intervention's page,
    at #anchor). `placed_on` places a step with no date at all: the date of the step before it
    in the same intervention, so that it follows that step rather than falling to the end.
    """

    on: dt.date | None
    on_approx: str
    kind: str
    label: str
    title: str
    summary: str
    record: Any
    sources: list[str] = field(default_factory=list)
    position: int = 0
    intervention_reference: str = ""
    anchor: str = ""
    placed_on: dt.date | None = None

    @property
    def sort_key(self) -> tuple[int, dt.date, int]:
        span = rules.span_of(self.on, self.on_approx)
        if span is not None:
            return (0, span.earliest, self.position)
        if self.placed_on is not None:
            return (0, self.placed_on, self.position)
        return (1, dt.date.max, self.position)


_DIRECTIONS_TITLES = {
    DirectionsKind.DIRECTIONS: "Directions made",
    DirectionsKind.EXTENSION: "Directions extended",
    DirectionsKind.REVOCATION: "Directions revoked",
    DirectionsKind.EXPIRY: "Directions expired",
    DirectionsKind.EXIT: "Intervention ended",
    DirectionsKind.APPOINTMENT: "Appointees changed",
}


def _records(intervention: Intervention) -> list[Any]:
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


def anchor(record: Any) -> str:
    """The id of a step's section on its intervention's page ("directions-12")."""
    return step_kinds.anchor(record)


@dataclass(frozen=True)
class Step:
    """One step of an intervention for its page: `kind` is "stage" (a review or panel),
    "inspection", "minded-to" or "directions" (and what follows them), `anchor` its section."""

    kind: str
    record: Any
    anchor: str


def steps(intervention: Intervention) -> list[Step]:
    """The intervention's steps in the order they were recorded (uses what `interventions`
    fetched)."""
    return [Step(step_kinds.kind_of(r).anchor, r, anchor(r)) for r in _records(intervention)]


def _span(record: Any) -> rules.Span | None:
    on, approx = _date_of(record)
    return rules.span_of(on, approx)


def _date_of(record: Any) -> tuple[dt.date | None, str]:
    if isinstance(record, NonStatutoryStage):
        return record.started_on, record.started_on_approx
    if isinstance(record, Inspection):
        return record.announced_on, record.announced_on_approx
    if isinstance(record, MindedTo):
        return record.letter_on, record.letter_on_approx
    assert isinstance(record, Directions)
    return record.made_on, record.made_on_approx


def _people(people: Any) -> str:
    """Names with their roles: "Max Caller CBE (lead commissioner); ..."."""
    names = []
    for person in people:
        role = person.get_role_display().lower()
        name = person.name or "not named"
        names.append(f"{name} ({role})" if role else name)
    return "; ".join(names)


def _summary(record: Any) -> str:
    if isinstance(record, NonStatutoryStage):
        return _people(record.appointees.all())
    if isinstance(record, Inspection):
        return _people(record.inspectors.all())
    if isinstance(record, MindedTo):
        return record.get_proposed_model_display() if record.proposed_model else ""
    parts = [record.get_model_display()] if record.model else []
    if record.appointees.all():
        parts.append(_people(record.appointees.all()))
    return ". ".join(parts)


def _title(record: Any) -> tuple[str, str, str]:
    """The entry's kind, its label and its title."""
    if isinstance(record, NonStatutoryStage):
        return record.kind, record.get_kind_display(), record.get_kind_display()
    if isinstance(record, Inspection):
        return "best_value_inspection", "Best value inspection", "Best value inspection announced"
    if isinstance(record, MindedTo):
        return "minded_to", "Minded-to letter", "Minded-to letter sent"
    return record.kind, record.get_kind_display(), _DIRECTIONS_TITLES[record.kind]


def _entries(intervention: Intervention) -> list[TimelineEntry]:
    entries = []
    placed_on: dt.date | None = None
    for record in _records(intervention):
        on, approx = _date_of(record)
        span = rules.span_of(on, approx)
        if span is not None:
            placed_on = span.earliest
        kind, label, title = _title(record)
        entries.append(
            TimelineEntry(
                on=on,
                on_approx=approx,
                kind=kind,
                label=label,
                title=title,
                summary=_summary(record),
                record=record,
                sources=list(record.sources),
                position=record.position,
                intervention_reference=intervention.reference,
                anchor=anchor(record),
                placed_on=None if span is not None else placed_on,
            )
        )
        if isinstance(record, Inspection):
            entries.extend(_inspection_report_entries(record, intervention.reference))
        if isinstance(record, Directions):
            entries.extend(_report_entries(record, intervention.reference))
    return entries


def _inspection_report_entries(inspection: Inspection, reference: str) -> list[TimelineEntry]:
    """The inspection report's publication, when it is known even roughly."""
    on, approx = inspection.report_published_on, inspection.report_published_on_approx
    if on is None and not approx:
        return []
    return [
        TimelineEntry(
            on=on,
            on_approx=approx,
            kind="inspection_report",
            label="Inspection report",
            title="Inspection report published",
            summary="",
            record=inspection,
            sources=[
                *([inspection.report_url] if inspection.report_url else []),
                *inspection.sources,
            ],
            position=inspection.position,
            intervention_reference=reference,
            anchor=anchor(inspection),
        )
    ]


def _report_entries(directions: Directions, reference: str) -> list[TimelineEntry]:
    entries = []
    for report in directions.reports.all():
        on = report.published_on or report.received_on
        if on is not None:
            entries.append(
                TimelineEntry(
                    on=on,
                    on_approx="",
                    kind="report",
                    label="Report",
                    title=report.title or "Report received",
                    summary="",
                    record=report,
                    sources=[*([report.url] if report.url else []), *report.sources],
                    position=directions.position,
                    intervention_reference=reference,
                    anchor=anchor(report),
                )
            )
        for response in report.responses.all():
            if response.published_on is not None:
                entries.append(
                    TimelineEntry(
                        on=response.published_on,
                        on_approx="",
                        kind="department_response",
                        label="Department's response",
                        title="Department's response to a report",
                        summary=response.summary,
                        record=response,
                        sources=[*([response.url] if response.url else []), *response.sources],
                        position=directions.position,
                        intervention_reference=reference,
                        anchor=anchor(response),
                    )
                )
    return entries


def timeline_entries(authority: Authority, *, public: bool = True) -> list[TimelineEntry]:
    """Every step of the authority's inspections and interventions (reviews and panels,
    inspections, minded-to letters, directions and what followed them, reports received and the
    department's responses) in date order. Steps known only roughly are placed by the earliest
    day their rough date allows; a step with no date at all follows the step recorded before it
    in the same intervention, or comes last when there is none."""
    return timeline_entries_of(interventions_of(authority, public=public))


def timeline_entries_of(fetched: list[Intervention]) -> list[TimelineEntry]:
    """timeline_entries for interventions already fetched by `interventions` (no queries)."""
    entries = [e for i in fetched for e in _entries(i)]
    return sorted(entries, key=lambda e: e.sort_key)


# --- The public register: what is published, search, open data ------------------------------


def _has_public_step() -> Q:
    return has_public_step()


def published_interventions() -> QuerySet[Intervention]:
    """The publication rule for interventions, in one place: an intervention is public once one
    of its steps is (an inspection, a review or panel, or an issued minded-to letter or
    directions), and then only with its public steps. An intervention opened with nothing but
    drafts never reaches a public page, feed, export or the API."""
    return interventions(public=True)


def published_intervention(reference: str) -> Intervention | None:
    return published_interventions().filter(reference=reference).first()


@dataclass(frozen=True)
class InterventionFilters:
    """What the register and the API filter published interventions by; blank means any."""

    query: str = ""
    status: str = ""  # InterventionStatus value
    authority_kind: str = ""
    region: str = ""
    authority_gss: str = ""
    theme: str = ""
    year: int | None = None
    in_force_on: dt.date | None = None


def first_step(intervention: Intervention) -> rules.Span | None:
    """When the intervention's first public step happened, as far as it is known (uses the
    prefetched steps)."""
    spans = [s for s in (_span(r) for r in _records(intervention)) if s is not None]
    return min(spans, key=lambda s: s.earliest, default=None)


def _failing_on_theme(theme: str) -> Exists:
    """A public finding that the authority did not meet the duty on `theme`."""
    public = Q(publication=ApprovalStatus.ISSUED) & (
        Q(inspection__intervention=OuterRef("pk"), inspection__publication=ApprovalStatus.ISSUED)
        | Q(minded_to__intervention=OuterRef("pk"), minded_to__status=ApprovalStatus.ISSUED)
        | Q(directions__intervention=OuterRef("pk"), directions__status=ApprovalStatus.ISSUED)
    )
    return Exists(Finding.objects.filter(public, theme__key=theme, meets_duty=False))


def search_published_interventions(filters: InterventionFilters) -> list[Intervention]:
    """Published interventions matching the filters, with every public step fetched (a fixed
    number of queries). The text search looks in the authority's names, the reference and what
    led to the intervention; the theme filter finds public findings that the duty was not met
    on that theme; the year is the year of the first step; "in force on" means directions
    certainly in force on the day."""
    from bestvalue.authorities.selectors import matching_authority_ids

    found = published_interventions()
    query = filters.query.strip()
    if query:
        found = found.filter(
            Q(authority__in=matching_authority_ids(query=query))
            | Q(reference__iexact=query)
            | Q(trigger__icontains=query)
            | Q(status_note__icontains=query)
        )
    if filters.status:
        found = found.filter(status=filters.status)
    if filters.authority_kind or filters.region:
        found = found.filter(
            authority__in=matching_authority_ids(kind=filters.authority_kind, region=filters.region)
        )
    if filters.authority_gss:
        found = found.filter(authority__gss_code=filters.authority_gss)
    if filters.theme:
        found = found.filter(_failing_on_theme(filters.theme))
    results = list(found)
    if filters.year is not None:
        results = [i for i in results if (s := first_step(i)) and s.earliest.year == filters.year]
    if filters.in_force_on is not None:
        day = filters.in_force_on
        results = [i for i in results if rules.in_force_on(in_force_periods(i), day) is True]
    return results


def intervention_years() -> list[int]:
    """The years in which published interventions began, newest first."""
    years = {s.earliest.year for i in published_interventions() if (s := first_step(i))}
    return sorted(years, reverse=True)


def published_inspections() -> QuerySet[Inspection]:
    """Published inspections of published interventions, with their published inspectors and
    extensions."""
    return (
        Inspection.objects.filter(
            intervention__in=published_interventions().values("pk"),
            publication=ApprovalStatus.ISSUED,
        )
        .select_related("intervention__authority")
        .prefetch_related(
            Prefetch("inspectors", queryset=_public(Inspector.objects.all(), True)),
            Prefetch("extensions", queryset=_public(InspectionExtension.objects.all(), True)),
        )
        .order_by("intervention__reference", "position")
    )


def published_appointees() -> QuerySet[Appointee]:
    """People appointed under issued directions, and reviewers and members of non-statutory
    reviews and panels; never those named in draft directions."""
    return (
        Appointee.objects.filter(
            Q(
                directions__status=ApprovalStatus.ISSUED,
                directions__intervention__in=published_interventions().values("pk"),
            )
            | Q(
                non_statutory_stage__publication=ApprovalStatus.ISSUED,
                non_statutory_stage__intervention__in=published_interventions().values("pk"),
            )
        )
        .select_related(
            "directions__intervention__authority", "non_statutory_stage__intervention__authority"
        )
        .order_by("id")
    )


def published_reports() -> QuerySet[Report]:
    """Reports due or received under issued directions, with their directions and authority."""
    return (
        Report.objects.filter(
            directions__status=ApprovalStatus.ISSUED,
            publication=ApprovalStatus.ISSUED,
            directions__intervention__in=published_interventions().values("pk"),
        )
        .select_related("directions__intervention__authority")
        .order_by("due_on", "id")
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
