"""Reads of inspections and interventions, with what each page needs already fetched, and what
the public may see decided here: drafts of minded-to letters and directions are never public."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from bestvalue.authorities.models import Authority
from bestvalue.interventions import rules
from bestvalue.interventions.models import (
    Appointee,
    ApprovalStatus,
    DepartmentResponse,
    Directions,
    DirectionsKind,
    Finding,
    Inspection,
    Intervention,
    InterventionStatus,
    MindedTo,
    NonStatutoryStage,
    Report,
)


def interventions(*, public: bool = True) -> QuerySet[Intervention]:
    """Every intervention with all its stages, people, findings and reports fetched in a fixed
    number of queries (15), however many there are."""
    findings = Finding.objects.select_related("theme").order_by("theme__position")
    reports = Report.objects.order_by("due_on", "received_on", "id").prefetch_related(
        Prefetch("responses", queryset=DepartmentResponse.objects.order_by("published_on", "id"))
    )
    minded_to = MindedTo.objects.order_by("position")
    directions = Directions.objects.order_by("position")
    if public:
        minded_to = minded_to.filter(status=ApprovalStatus.ISSUED)
        directions = directions.filter(status=ApprovalStatus.ISSUED)
    appointees = Appointee.objects.order_by("position")
    return (
        Intervention.objects.select_related("authority")
        .order_by("reference")
        .prefetch_related(
            Prefetch(
                "non_statutory_stages",
                queryset=NonStatutoryStage.objects.order_by("position").prefetch_related(
                    Prefetch("appointees", queryset=appointees)
                ),
            ),
            Prefetch(
                "inspections",
                queryset=Inspection.objects.order_by("position").prefetch_related(
                    "inspectors", "extensions", Prefetch("findings", queryset=findings)
                ),
            ),
            Prefetch(
                "minded_to_letters",
                queryset=minded_to.prefetch_related(
                    "representations", Prefetch("findings", queryset=findings)
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
    nothing) is known, and the page says "not known"."""

    on: dt.date | None
    on_approx: str
    kind: str
    label: str
    title: str
    summary: str
    record: Any
    sources: list[str] = field(default_factory=list)
    position: int = 0

    @property
    def sort_key(self) -> tuple[int, dt.date, int]:
        span = rules.span_of(self.on, self.on_approx)
        if span is None:
            return (1, dt.date.max, self.position)
        return (0, span.earliest, self.position)


_DIRECTIONS_TITLES = {
    DirectionsKind.DIRECTIONS: "Directions made",
    DirectionsKind.EXTENSION: "Directions extended",
    DirectionsKind.REVOCATION: "Directions revoked",
    DirectionsKind.EXPIRY: "Directions expired",
    DirectionsKind.EXIT: "Intervention ended",
    DirectionsKind.APPOINTMENT: "Appointees changed",
}


def _records(intervention: Intervention) -> list[Any]:
    return [
        *intervention.non_statutory_stages.all(),
        *intervention.inspections.all(),
        *intervention.minded_to_letters.all(),
        *intervention.directions.all(),
    ]


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
    for record in _records(intervention):
        on, approx = _date_of(record)
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
            )
        )
        if isinstance(record, Directions):
            entries.extend(_report_entries(record))
    return entries


def _report_entries(directions: Directions) -> list[TimelineEntry]:
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
                    )
                )
    return entries


def timeline_entries(authority: Authority, *, public: bool = True) -> list[TimelineEntry]:
    """Every step of the authority's inspections and interventions (reviews and panels,
    inspections, minded-to letters, directions and what followed them, reports received and the
    department's responses) in date order. Steps known only roughly are placed by the earliest
    day their rough date allows; steps with no date at all come last."""
    entries = [e for i in interventions_of(authority, public=public) for e in _entries(i)]
    return sorted(entries, key=lambda e: e.sort_key)
