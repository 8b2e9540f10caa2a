"""The steps of an authority's inspections and interventions as one dated timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bestvalue.authorities.models import Authority
from bestvalue.interventions import rules
from bestvalue.interventions import steps as step_kinds
from bestvalue.interventions.models import (
    Directions,
    DirectionsKind,
    Inspection,
    Intervention,
    MindedTo,
    NonStatutoryStage,
)
from bestvalue.interventions.selectors.fetch import (
    interventions_of,
    step_date,
    step_records,
)

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
    return [Step(step_kinds.kind_of(r).anchor, r, anchor(r)) for r in step_records(intervention)]


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
    for record in step_records(intervention):
        on, approx = step_date(record)
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
