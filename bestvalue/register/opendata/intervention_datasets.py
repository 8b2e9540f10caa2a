"""The open datasets of interventions: inspections, interventions and appointees."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.public.naming import (
    in_force_dates,
    intervention_title,
    intervention_url,
    since,
    span_text,
)
from bestvalue.register.opendata import columns
from bestvalue.register.opendata.columns import Column, Dataset


def _inspectors(inspection: Any) -> list[str]:
    return [
        f"{i.name} ({i.get_role_display().lower()})" if i.role else i.name
        for i in inspection.inspectors.all()
    ]


INSPECTIONS = Dataset(
    name="inspections",
    title="Best value inspections",
    description="Inspections under section 10 of the Local Government Act 1999: when announced, "
    "the report's deadline (with extensions), when it was submitted and published, and who "
    "inspected.",
    identifier="intervention_reference and position",
    rows=intervention_selectors.published_inspections,
    columns=(
        Column(
            "intervention_reference",
            "string",
            "The intervention's reference.",
            lambda i: i.intervention.reference,
        ),
        *columns.authority_columns("intervention.authority"),
        Column(
            "position",
            "integer",
            "The inspection's step number in the intervention.",
            lambda i: i.position,
        ),
        columns.exact_column("announced_on", "The day it was announced", lambda i: i.announced_on),
        columns.approx_column(
            "announced_on_approx", "When it was announced", lambda i: i.announced_on_approx
        ),
        columns.exact_column("started_on", "The day it started", lambda i: i.started_on),
        columns.exact_column(
            "report_due_on", "The report's original deadline", lambda i: i.report_due_on
        ),
        columns.exact_column(
            "deadline", "The report's deadline after any extensions", lambda i: i.deadline
        ),
        columns.exact_column(
            "report_submitted_on",
            "The day the report was submitted",
            lambda i: i.report_submitted_on,
        ),
        columns.approx_column(
            "report_submitted_on_approx",
            "When the report was submitted",
            lambda i: i.report_submitted_on_approx,
        ),
        columns.exact_column(
            "report_published_on",
            "The day the report was published",
            lambda i: i.report_published_on,
        ),
        columns.approx_column(
            "report_published_on_approx",
            "When the report was published",
            lambda i: i.report_published_on_approx,
        ),
        columns.text_column("report_url", "Where the report is published.", lambda i: i.report_url),
        Column("inspectors", "list", "Who inspected, with their role when known.", _inspectors),
        columns.sources_column(lambda i: list(i.sources)),
    ),
)


def _issued_directions(intervention: Any) -> list[Any]:
    return [d for d in intervention.directions.all() if d.kind == "directions"]


def _models(intervention: Any) -> list[str]:
    found = [d.model for d in _issued_directions(intervention) if d.model]
    return list(dict.fromkeys(found))


def _legal_basis(intervention: Any) -> list[str]:
    sections = [s for d in intervention.directions.all() for s in (d.legal_basis or [])]
    return list(dict.fromkeys(sections))


def _first(intervention: Any) -> Any:
    return intervention_selectors.first_step(intervention)


def _sources(intervention: Any) -> list[str]:
    records: Iterable[Any] = (
        *intervention.non_statutory_stages.all(),
        *intervention.inspections.all(),
        *intervention.minded_to_letters.all(),
        *intervention.directions.all(),
    )
    return list(dict.fromkeys(url for r in records for url in r.sources))


INTERVENTIONS = Dataset(
    name="interventions",
    title="Inspections and interventions",
    description="Each published inspection of, or intervention in, an authority: what led to "
    "it, when it began, the model of intervention and the powers used, and whether it has "
    "ended. Draft minded-to letters and directions are never included.",
    identifier="reference",
    rows=intervention_selectors.published_intervention_rows,
    columns=(
        Column(
            "reference",
            "string",
            "The intervention's reference (authority and year of the first step): its identifier.",
            lambda i: i.reference,
        ),
        *columns.authority_columns("authority"),
        Column(
            "description",
            "string",
            "What kind of intervention it is, from its steps.",
            intervention_title,
        ),
        Column(
            "status",
            "string",
            "active; directions_ended (its directions have passed their end date and no exit, "
            "extension or new directions are recorded yet); or ended.",
            lambda i: i.standing,
        ),
        Column(
            "status_approx",
            "boolean",
            "True when the sources leave the status uncertain.",
            lambda i: i.status_approx,
        ),
        columns.text_column(
            "status_note", "What the sources say of its status.", lambda i: i.status_note
        ),
        Column("trigger", "string", "What led to it.", lambda i: i.trigger),
        columns.exact_column(
            "first_step_on",
            "The day of its first step",
            lambda i: s.earliest if (s := _first(i)) and s.is_exact else None,
        ),
        Column(
            "first_step",
            "string",
            "When its first step happened, as far as it is known.",
            lambda i: span_text(_first(i)),
        ),
        columns.exact_column(
            "since_on",
            "The day its statutory directions were first in force (or, where none were made, of "
            "its first step)",
            lambda i: s.earliest if (s := since(i)) and s.is_exact else None,
        ),
        Column(
            "since",
            "string",
            "When its statutory directions began (or, where none were made, its first step), as "
            "far as it is known.",
            lambda i: span_text(since(i)),
        ),
        Column(
            "directions_in_force",
            "list",
            "Each period its directions were in force, oldest first, as 'from to to' in words "
            "('No end date set' while none is).",
            lambda i: [f"{p['from_text']} to {p['to_text']}" for p in in_force_dates(i)],
        ),
        columns.exact_column(
            "directions_from_on",
            "The first day its directions were in force",
            lambda i: p[0]["from"] if (p := in_force_dates(i)) else None,
        ),
        columns.exact_column(
            "directions_to_on",
            "The last day its directions were (or are to be) in force",
            lambda i: p[-1]["to"] if (p := in_force_dates(i)) else None,
        ),
        columns.approx_column(
            "authority_reorganisation_due",
            "When a reorganisation of the authority (to be dissolved or replaced) is due",
            lambda i: i.authority.reorganisation_due,
        ),
        columns.text_column(
            "current_model",
            "The model now in use, from the latest directions that name one: commissioners, "
            "ministerial_envoys or improvement_and_assurance_panel; blank if none.",
            intervention_selectors.current_model,
        ),
        Column(
            "models",
            "list",
            "The models of intervention used by directions: commissioners, ministerial_envoys, improvement_and_assurance_panel.",
            _models,
        ),
        Column(
            "legal_basis",
            "list",
            "Sections of the Local Government Act 1999 its directions rest on, where the sources say.",
            _legal_basis,
        ),
        columns.sources_column(_sources),
        columns.page_column(lambda i: intervention_url(i.reference)),
    ),
)


def _stage(appointee: Any) -> Any:
    return appointee.directions or appointee.non_statutory_stage


def _appointed_on(appointee: Any) -> tuple[Any, str]:
    if appointee.directions is not None:
        return appointee.directions.made_on, appointee.directions.made_on_approx
    stage = appointee.non_statutory_stage
    return stage.started_on, stage.started_on_approx


APPOINTEES = Dataset(
    name="appointees",
    title="Appointees",
    description="People appointed under directions (commissioners, envoys, panel members), and "
    "reviewers and members of non-statutory reviews and panels, with their daily fees and caps "
    "on days where published.",
    identifier="intervention_reference, step_position and position",
    rows=intervention_selectors.published_appointees,
    columns=(
        Column(
            "intervention_reference",
            "string",
            "The intervention's reference.",
            lambda a: _stage(a).intervention.reference,
        ),
        Column(
            "authority_gss",
            "string",
            "The authority's ONS GSS code.",
            lambda a: _stage(a).intervention.authority.gss_code,
        ),
        Column(
            "authority_name",
            "string",
            "The authority's official name.",
            lambda a: _stage(a).intervention.authority.official_name,
        ),
        Column(
            "appointed_under",
            "string",
            "directions, or review_or_panel for a non-statutory review or panel.",
            lambda a: "directions" if a.directions_id else "review_or_panel",
        ),
        Column(
            "step_position",
            "integer",
            "The step number, in the intervention, of the directions or review.",
            lambda a: _stage(a).position,
        ),
        Column(
            "position", "integer", "Their place in the list of appointees.", lambda a: a.position
        ),
        columns.exact_column(
            "appointed_on",
            "The day of the directions or the start of the review",
            lambda a: _appointed_on(a)[0],
        ),
        columns.approx_column(
            "appointed_on_approx",
            "The date of the directions or the start of the review",
            lambda a: _appointed_on(a)[1],
        ),
        columns.text_column(
            "name", "Their name; blank when the sources do not name them.", lambda a: a.name
        ),
        Column("role", "string", "Their role, as a code.", lambda a: a.role),
        Column("role_name", "string", "Their role, in words.", lambda a: a.get_role_display()),
        Column(
            "fee_per_day",
            "number",
            "Their fee per day in pounds, when published.",
            lambda a: a.fee_per_day,
            nullable=True,
        ),
        Column(
            "days_per_year",
            "integer",
            "The most days a year they may be paid for, when published.",
            lambda a: a.days_per_year,
            nullable=True,
        ),
        columns.text_column(
            "powers",
            "For a ministerial or assistant envoy: none, in_reserve or active; blank when not "
            "known or not an envoy.",
            lambda a: a.powers,
        ),
    ),
)
