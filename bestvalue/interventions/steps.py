"""What an intervention step is, said once: each kind of step declares its model, its label, the
fields it puts on the public record (the content an approver reads, and so its digest), where it
hangs in the intervention, and how it is approved. Selectors, the timeline, publication and the
staff pages read this registry instead of naming each model, so a new kind of step touches its
model, its rules, its form and one entry here.

Two ways to approval: minded-to letters and directions (with exits and the other records that
act on directions) are approved one by one, each issuing a letter or a legal act
(services.statutory); every other fact the department records is published together with the
intervention's other unpublished facts, once an approver reads them all (services.publication).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from bestvalue.core.dates import uk_date
from bestvalue.interventions.models import (
    Appointee,
    DepartmentResponse,
    Directions,
    Finding,
    Inspection,
    InspectionExtension,
    Inspector,
    Intervention,
    MindedTo,
    NonStatutoryStage,
    Report,
    Representation,
)

# Audit actions that never change what the public sees: drafting and sending for approval.
# The public validators (ETag, Last-Modified, cached pages) skip them (register.caching),
# so a caseworker's draft changes no public ETag.
PRIVATE_ACTIONS = frozenset(
    {
        "intervention.opened",
        "intervention.publication_submitted",
        "intervention.publication_returned",
        "records.submitted",
        "non_statutory_stage.recorded",
        "inspection.recorded",
        "inspector.added",
        "inspection.deadline_extended",
        "finding.recorded",
        "representation.recorded",
        "report.scheduled",
        "report.recorded",
        "department_response.recorded",
        "minded_to.drafted",
        "minded_to.updated",
        "minded_to.submitted_for_approval",
        "minded_to.returned_to_draft",
        "directions.drafted",
        "directions.updated",
        "directions.submitted_for_approval",
        "directions.returned_to_draft",
        "appointee.added",
        "appointee.updated",
    }
    # A change to a fact not yet public (a change to a public one takes it off the record
    # until it is approved again, and is recorded as ".reopened").
    | {f"{name}.updated" for name in ("intervention", "non_statutory_stage", "inspection")}
    | {"finding.updated", "finding.removed", "report.updated"}
    # Notes are the department's own and never public (models.notes).
    | {"intervention.note_added"}
    # Removing a person not yet public (services.people refuses the rest).
    | {"inspector.updated", "inspector.removed", "appointee.removed"}
)

# How a kind of step is approved.
PUBLICATION = "publication"  # with the intervention's other unpublished facts
OWN_APPROVAL = "own"  # one by one, issuing a letter or directions


@dataclass(frozen=True)
class StepKind:
    """One kind of step. `fields` are (attribute, label) pairs of what it publishes;
    `intervention` is the lookup from the step to its intervention; `children` are related
    managers whose records are published as part of it (a set of directions' appointees)."""

    key: str
    model: type[models.Model]
    label: str
    fields: tuple[tuple[str, str], ...]
    intervention: str
    approval: str = PUBLICATION
    anchor: str = ""
    children: tuple[tuple[str, str], ...] = ()
    parent: str = ""  # the attribute naming the step this one belongs to, if any
    describe: Callable[[Any], str] | None = field(default=None, compare=False)

    def name(self, record: Any) -> str:
        return self.describe(record) if self.describe is not None else self.label


_SOURCED = (("note", "Note"), ("sources", "Sources"))

KINDS: tuple[StepKind, ...] = (
    StepKind(
        "intervention",
        Intervention,
        "Intervention",
        (
            ("reference", "Reference"),
            ("authority", "Authority"),
            ("trigger", "What led to it"),
            ("status", "Status"),
            ("status_note", "About the status"),
            ("escalated_from", "Escalated from the notice"),
        ),
        intervention="pk",
    ),
    StepKind(
        "stage",
        NonStatutoryStage,
        "Review or panel",
        (
            ("kind", "Kind"),
            ("started_on", "Started"),
            ("started_on_approx", "Started (roughly)"),
            ("ends_on", "Ends"),
            ("ends_on_approx", "Ends (roughly)"),
            ("model", "Model"),
            *_SOURCED,
        ),
        intervention="intervention_id",
        anchor="stage",
        children=(("appointees", "Appointee"),),
        describe=lambda r: r.get_kind_display(),
    ),
    StepKind(
        "inspection",
        Inspection,
        "Best value inspection",
        (
            ("announced_on", "Announced"),
            ("announced_on_approx", "Announced (roughly)"),
            ("started_on", "Started"),
            ("report_due_on", "Report due"),
            ("report_due_on_approx", "Report due (roughly)"),
            ("report_submitted_on", "Report submitted"),
            ("report_submitted_on_approx", "Report submitted (roughly)"),
            ("report_published_on", "Report published"),
            ("report_published_on_approx", "Report published (roughly)"),
            ("report_url", "Report's web address"),
            *_SOURCED,
        ),
        intervention="intervention_id",
        anchor="inspection",
    ),
    StepKind(
        "inspector",
        Inspector,
        "Inspector",
        (("name", "Name"), ("role", "Role"), ("note", "Note")),
        intervention="inspection__intervention_id",
        parent="inspection",
        describe=lambda r: f"Inspector: {r.name}",
    ),
    StepKind(
        "extension",
        InspectionExtension,
        "Extension of the report deadline",
        (
            ("made_on", "Granted"),
            ("extends_deadline_on", "Deadline it extends"),
            ("new_deadline_on", "New deadline"),
            *_SOURCED,
        ),
        intervention="inspection__intervention_id",
        parent="inspection",
    ),
    StepKind(
        "finding",
        Finding,
        "Finding",
        (("theme", "Theme"), ("meets_duty", "Meets the best value duty"), ("summary", "Summary")),
        # Findings of an inspection are published with the intervention's other facts; those
        # of a letter or directions are part of it and issued with it.
        intervention="inspection__intervention_id",
        describe=lambda r: f"Finding on {r.theme}",
    ),
    StepKind(
        "minded-to",
        MindedTo,
        "Minded-to letter",
        (
            ("letter_on", "Date of the letter"),
            ("proposed_model", "Proposed model"),
            ("proposed_legal_basis", "Proposed legal basis"),
            ("proposed_powers", "Proposed powers"),
            ("representations_by", "Representations by"),
            ("window_foregone", "Representation window foregone"),
            ("window_foregone_reason", "Why the window is foregone"),
            ("addressee_name", "Addressee"),
            ("addressee_role", "Addressee's role"),
            ("signatory_name", "Signatory"),
            ("signatory_role", "Signatory's role"),
            *_SOURCED,
        ),
        intervention="intervention_id",
        approval=OWN_APPROVAL,
        anchor="minded-to",
        children=(("findings", "Finding"),),
    ),
    StepKind(
        "representation",
        Representation,
        "Representations",
        (
            ("made_by", "Made by"),
            ("received_on", "Received"),
            ("summary", "Summary"),
            *_SOURCED,
        ),
        intervention="minded_to__intervention_id",
        parent="minded_to",
        describe=lambda r: f"Representations from {r.made_by}",
    ),
    StepKind(
        "directions",
        Directions,
        "Directions",
        (
            ("kind", "Kind"),
            ("made_on", "Made"),
            ("legal_basis", "Legal basis"),
            ("model", "Model"),
            ("functions", "Functions"),
            ("ends_on", "Ends"),
            ("amends", "Acts on"),
            ("partial", "Partial revocation"),
            ("representations_foregone_reason", "Why representations were not invited"),
            ("board_afterwards", "Board or support afterwards"),
            ("first_report_after_months", "First report after (months)"),
            ("report_every_months", "Reports every (months)"),
            *_SOURCED,
        ),
        intervention="intervention_id",
        approval=OWN_APPROVAL,
        anchor="directions",
        children=(("appointees", "Appointee"), ("findings", "Finding")),
        describe=lambda r: r.get_kind_display(),
    ),
    StepKind(
        "report",
        Report,
        "Report under directions",
        (
            ("title", "Title"),
            ("due_on", "Due"),
            ("received_on", "Received"),
            ("published_on", "Published"),
            ("url", "Web address"),
            *_SOURCED,
        ),
        intervention="directions__intervention_id",
        anchor="report",
        parent="directions",
        describe=lambda r: r.title or "Report under directions",
    ),
    StepKind(
        "response",
        DepartmentResponse,
        "The department's response",
        (
            ("published_on", "Published"),
            ("url", "Web address"),
            ("summary", "Summary"),
            *_SOURCED,
        ),
        intervention="report__directions__intervention_id",
        anchor="response",
        parent="report",
    ),
)

BY_KEY = {kind.key: kind for kind in KINDS}
BY_MODEL: dict[type[models.Model], StepKind] = {kind.model: kind for kind in KINDS}
# The kinds published together, in the order an approver reads them.
PUBLISHED_TOGETHER = tuple(kind for kind in KINDS if kind.approval == PUBLICATION)
_CHILD_FIELDS: dict[type[models.Model], tuple[tuple[str, str], ...]] = {
    Appointee: (
        ("name", "Name"),
        ("role", "Role"),
        ("fee_per_day", "Fee per day (GBP)"),
        ("days_per_year", "Days a year"),
        ("note", "Note"),
    ),
    Finding: BY_KEY["finding"].fields,
}


def kind_of(record: Any) -> StepKind:
    return BY_MODEL[type(record)]


def anchor(record: Any) -> str:
    """The id of a step's section on its intervention's page ("directions-12"), or its parent's
    section for the facts shown inside a step."""
    kind = kind_of(record)
    if kind.anchor:
        return f"{kind.anchor}-{record.pk}"
    if kind.parent:
        return anchor(getattr(record, kind.parent))
    # A finding is shown in the section of the record it belongs to.
    return anchor(record.inspection or record.minded_to or record.directions)


def value_text(record: Any, name: str) -> Any:
    """A field's value as a person reads it: dates spelt out, choices by their label, a related
    record by its name; lists and plain values as they are."""
    value = getattr(record, name)
    display = getattr(record, f"get_{name}_display", None)
    if display is not None and value not in ("", None):
        return str(display())
    if isinstance(value, dt.date):
        return uk_date(value)
    if isinstance(value, bool) or value is None:
        return {True: "Yes", False: "No", None: ""}[value]
    if isinstance(value, models.Model):
        return str(value)
    return value if isinstance(value, list | int | str) else str(value)


def _content(record: Any, fields: Iterable[tuple[str, str]]) -> dict[str, Any]:
    return {label: value_text(record, name) for name, label in fields}


def approval_content(record: Any) -> dict[str, Any]:
    """What the approver reads and approves of one step: each published field by its label,
    and the records published as part of it (appointees, findings), in order."""
    kind = kind_of(record)
    content: dict[str, Any] = {"What": kind.name(record), **_content(record, kind.fields)}
    for related, label in kind.children:
        items = list(getattr(record, related).all())
        content[f"{label}s"] = [_content(item, _CHILD_FIELDS[type(item)]) for item in items]
    return content


def publication_content(records: Iterable[Any]) -> dict[str, Any]:
    """What an approver reads when publishing several facts together: each one's content under
    a heading naming it, in the order given."""
    return {
        f"{number}. {kind_of(r).name(r)}": approval_content(r)
        for number, r in enumerate(records, start=1)
    }
