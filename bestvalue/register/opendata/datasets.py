"""The open datasets: for each, its columns (name, type, meaning) and the selector its rows come
from. The CSV files, the JSON files, their JSON Schemas and the column dictionaries are all made
from these definitions, so they cannot disagree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse

from bestvalue.authorities import selectors as authority_selectors
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.notices import selectors as notice_selectors
from bestvalue.register.listing import intervention_title, intervention_url, span_text

# Column types: how a value is written in JSON (and described in the JSON Schema). In CSV every
# value is text; lists are joined with "; " and a blank cell is a value not known.
TYPES = ("string", "text", "integer", "number", "boolean", "date", "list", "url")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    description: str
    get: Callable[[Any], Any]
    nullable: bool = False


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    identifier: str
    columns: tuple[Column, ...]
    rows: Callable[[], QuerySet[Any]]

    def count(self) -> int:
        return self.rows().count()


def _authority(path: str) -> tuple[Column, ...]:
    """The GSS code and name of the authority at `path` (an attribute chain) on each row."""

    def follow(obj: Any) -> Any:
        for part in path.split("."):
            obj = getattr(obj, part)
        return obj

    return (
        Column(
            "authority_gss", "string", "The authority's ONS GSS code.", lambda o: follow(o).gss_code
        ),
        Column(
            "authority_name",
            "string",
            "The authority's official name.",
            lambda o: follow(o).official_name,
        ),
    )


def _exact(name: str, what: str, get: Callable[[Any], Any]) -> Column:
    return Column(name, "date", f"{what}, when known to the day.", get, nullable=True)


def _approx(name: str, what: str, get: Callable[[Any], Any]) -> Column:
    return Column(
        name,
        "string",
        f"{what}, when known only roughly: a year (2018), a month (2018-03) or a range "
        "(2018-01/2018-03). Blank when the exact date is known or nothing is.",
        lambda o: get(o) or None,
        nullable=True,
    )


def _text(name: str, description: str, get: Callable[[Any], Any]) -> Column:
    """Free text that may be empty: blank (null in JSON) when there is none."""
    return Column(name, "text", description, lambda o: get(o) or None, nullable=True)


def _themes(item: Any) -> list[str]:
    return [t.key for t in item.themes.all()]


def _published_reference(notice: Any) -> str | None:
    return notice.reference if notice is not None and notice.is_published else None


def _replaced_by(notice: Any) -> Any:
    try:
        return notice.replaced_by
    except notice.__class__.replaced_by.RelatedObjectDoesNotExist:
        return None


def _outcome(notice: Any) -> Any:
    try:
        return notice.outcome
    except notice.__class__.outcome.RelatedObjectDoesNotExist:
        return None


AUTHORITIES = Dataset(
    name="authorities",
    title="Local authorities",
    description="Every local authority in England the service knows, current and abolished: "
    "councils of every tier, combined authorities and combined county authorities.",
    identifier="gss_code",
    rows=authority_selectors.authorities_for_export,
    columns=(
        Column(
            "gss_code",
            "string",
            "The ONS GSS code: the authority's identifier.",
            lambda a: a.gss_code,
        ),
        Column("name", "string", "The official name.", lambda a: a.official_name),
        Column("short_name", "string", "The name in short.", lambda a: a.short_name),
        Column("type", "string", "The type of authority, as a code.", lambda a: a.kind),
        Column(
            "type_name",
            "string",
            "The type of authority, in words.",
            lambda a: a.get_kind_display(),
        ),
        _text(
            "region",
            "The English region; blank when not known or when a combined authority's area spans regions.",
            lambda a: a.region,
        ),
        Column(
            "is_current", "boolean", "Whether the authority exists today.", lambda a: a.is_current
        ),
        _exact("start_on", "The day the authority was created", lambda a: a.start_on),
        _exact("end_on", "The day the authority was abolished", lambda a: a.end_on),
        _text("mysociety_code", "mySociety's local-authority-code.", lambda a: a.code),
        Column(
            "former_gss_codes",
            "list",
            "GSS codes the authority had before.",
            lambda a: [c.gss_code for c in a.former_codes.all()],
        ),
        Column(
            "names",
            "list",
            "Every name the authority is known by.",
            lambda a: [n.name for n in a.names.all()],
        ),
        Column(
            "replaced_by",
            "list",
            "GSS codes of the authorities that replaced it.",
            lambda a: [s.gss_code for s in a.successors.all()],
        ),
        Column(
            "url",
            "url",
            "Its page on this service.",
            lambda a: reverse("register:authority", kwargs={"gss_code": a.gss_code}),
        ),
    ),
)

NOTICES = Dataset(
    name="notices",
    title="Best value notices",
    description="Every published best value notice: to whom, when, for how long, and how it "
    "ended. Drafts and notices awaiting approval are never included.",
    identifier="reference",
    rows=notice_selectors.published_notices_for_export,
    columns=(
        Column(
            "reference",
            "string",
            "The notice's reference on this service (BVN-YEAR-NUMBER): its identifier.",
            lambda n: n.reference,
        ),
        _text(
            "register_id",
            "The record's id in the public record the service was loaded from, for notices issued before the service.",
            lambda n: n.register_id,
        ),
        *_authority("authority"),
        Column(
            "kind",
            "string",
            "notice, or revised_notice for one that replaced an earlier notice.",
            lambda n: "revised_notice" if n.replaces_id else "notice",
        ),
        Column(
            "status",
            "string",
            "Its status on the day of the download: issued (in force), period_ended (its "
            "period has ended and no outcome is recorded yet: not in force), not_yet_in_force, "
            "reissued, lapsed, withdrawn or escalated.",
            lambda n: n.standing,
        ),
        Column("status_name", "string", "The status in words.", lambda n: n.standing_label),
        Column(
            "department",
            "string",
            "The department that issued it: DLUHC or MHCLG.",
            lambda n: n.department,
        ),
        _exact("issued_on", "The day it was issued", lambda n: n.issued_on),
        Column(
            "period_months",
            "integer",
            "How many months it runs for.",
            lambda n: n.period_months,
            nullable=True,
        ),
        Column(
            "period_approx",
            "boolean",
            "True when the period is assumed, not quoted from the letter.",
            lambda n: n.period_approx,
        ),
        _exact(
            "expires_on", "The end of its period (issue date plus period)", lambda n: n.expires_on
        ),
        _exact("ended_on", "The first day it was no longer in force", lambda n: n.ended_on),
        Column(
            "replaces",
            "string",
            "The reference of the notice it replaced.",
            lambda n: _published_reference(n.replaces),
            nullable=True,
        ),
        Column(
            "replaced_by",
            "string",
            "The reference of the revised notice that replaced it.",
            lambda n: _published_reference(_replaced_by(n)),
            nullable=True,
        ),
        _text("addressee_name", "Who it was addressed to.", lambda n: n.addressee_name),
        _text("addressee_role", "Their role.", lambda n: n.addressee_role),
        _text("signatory_name", "Who signed it.", lambda n: n.signatory_name),
        _text("signatory_role", "Their role.", lambda n: n.signatory_role),
        Column(
            "sources",
            "list",
            "Web addresses of the public documents the record rests on.",
            lambda n: [s.url for s in n.sources.all()],
        ),
        Column(
            "url",
            "url",
            "Its page on this service.",
            lambda n: reverse("register:notice", kwargs={"reference": n.reference}),
        ),
    ),
)

GROUNDS = Dataset(
    name="grounds",
    title="Grounds of best value notices",
    description="The department's concerns that each published notice sets out.",
    identifier="notice_reference and position",
    rows=notice_selectors.published_grounds,
    columns=(
        Column(
            "notice_reference", "string", "The notice's reference.", lambda g: g.notice.reference
        ),
        *_authority("notice.authority"),
        Column("position", "integer", "Its number in the notice.", lambda g: g.position),
        Column("text", "string", "The ground.", lambda g: g.text),
        Column(
            "themes", "list", "The themes of the statutory guidance it concerns, as keys.", _themes
        ),
        _text("source_document", "The report or review it rests on.", lambda g: g.source_document),
    ),
)

EXPECTATIONS = Dataset(
    name="expectations",
    title="Expectations of best value notices",
    description="What each published notice asks of the authority, numbered as in the notice.",
    identifier="notice_reference and position",
    rows=notice_selectors.published_expectations,
    columns=(
        Column(
            "notice_reference", "string", "The notice's reference.", lambda e: e.notice.reference
        ),
        *_authority("notice.authority"),
        Column("position", "integer", "Its number in the notice.", lambda e: e.position),
        Column("text", "string", "The expectation.", lambda e: e.text),
        Column(
            "is_verbatim",
            "boolean",
            "False where the wording is a paraphrase from a council's statement or press report.",
            lambda e: e.is_verbatim,
        ),
        Column(
            "themes", "list", "The themes of the statutory guidance it concerns, as keys.", _themes
        ),
        Column(
            "carried_from",
            "string",
            "For a revised notice: the earlier expectation it carries forward, as REFERENCE/POSITION.",
            lambda e: (
                f"{e.carried_from.notice.reference}/{e.carried_from.position}"
                if e.carried_from
                else None
            ),
            nullable=True,
        ),
    ),
)

OUTCOMES = Dataset(
    name="outcomes",
    title="Outcomes of best value notices",
    description="How each notice that has ended ended, and the letter or decision that recorded it.",
    identifier="notice_reference",
    rows=notice_selectors.published_outcomes,
    columns=(
        Column(
            "notice_reference", "string", "The notice's reference.", lambda o: o.notice.reference
        ),
        *_authority("notice.authority"),
        Column(
            "outcome",
            "string",
            "reissued, lapsed, withdrawn or escalated.",
            lambda o: o.notice.status,
        ),
        _exact(
            "ended_on",
            "The first day the notice was no longer in force",
            lambda o: o.notice.ended_on,
        ),
        _exact("decided_on", "The day of the decision or its letter", lambda o: o.decided_on),
        _approx("decided_on_approx", "The decision or letter date", lambda o: o.decided_on_approx),
        _text("letter_from_name", "Who wrote the outcome letter.", lambda o: o.letter_from_name),
        _text("letter_from_role", "Their role.", lambda o: o.letter_from_role),
        _text("letter_to_name", "Who it was written to.", lambda o: o.letter_to_name),
        _text("letter_to_role", "Their role.", lambda o: o.letter_to_role),
        _text("note", "What the decision or letter said, in short.", lambda o: o.note),
    ),
)


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
        *_authority("intervention.authority"),
        Column(
            "position",
            "integer",
            "The inspection's step number in the intervention.",
            lambda i: i.position,
        ),
        _exact("announced_on", "The day it was announced", lambda i: i.announced_on),
        _approx("announced_on_approx", "When it was announced", lambda i: i.announced_on_approx),
        _exact("started_on", "The day it started", lambda i: i.started_on),
        _exact("report_due_on", "The report's original deadline", lambda i: i.report_due_on),
        _exact("deadline", "The report's deadline after any extensions", lambda i: i.deadline),
        _exact(
            "report_submitted_on",
            "The day the report was submitted",
            lambda i: i.report_submitted_on,
        ),
        _approx(
            "report_submitted_on_approx",
            "When the report was submitted",
            lambda i: i.report_submitted_on_approx,
        ),
        _exact(
            "report_published_on",
            "The day the report was published",
            lambda i: i.report_published_on,
        ),
        _approx(
            "report_published_on_approx",
            "When the report was published",
            lambda i: i.report_published_on_approx,
        ),
        _text("report_url", "Where the report is published.", lambda i: i.report_url),
        Column("inspectors", "list", "Who inspected, with their role when known.", _inspectors),
        Column(
            "sources",
            "list",
            "Web addresses of the public documents the record rests on.",
            lambda i: list(i.sources),
        ),
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
    rows=intervention_selectors.published_interventions,
    columns=(
        Column(
            "reference",
            "string",
            "The intervention's reference (authority and year of the first step): its identifier.",
            lambda i: i.reference,
        ),
        *_authority("authority"),
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
        _text("status_note", "What the sources say of its status.", lambda i: i.status_note),
        Column("trigger", "string", "What led to it.", lambda i: i.trigger),
        _exact(
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
        Column(
            "sources",
            "list",
            "Web addresses of the public documents the record rests on.",
            _sources,
        ),
        Column(
            "url",
            "url",
            "Its page on this service.",
            lambda i: intervention_url(i.reference),
        ),
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
        _exact(
            "appointed_on",
            "The day of the directions or the start of the review",
            lambda a: _appointed_on(a)[0],
        ),
        _approx(
            "appointed_on_approx",
            "The date of the directions or the start of the review",
            lambda a: _appointed_on(a)[1],
        ),
        _text("name", "Their name; blank when the sources do not name them.", lambda a: a.name),
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
    ),
)

DATASETS: dict[str, Dataset] = {
    d.name: d
    for d in (
        AUTHORITIES,
        NOTICES,
        GROUNDS,
        EXPECTATIONS,
        OUTCOMES,
        INSPECTIONS,
        INTERVENTIONS,
        APPOINTEES,
    )
}
