"""Load the real public record of inspections and interventions from register.yaml.

All or nothing, and idempotent: records are matched by the register id and stage number, only
what differs is written, and each write records an audit event by the system in the same
transaction, so a second run with the same data changes nothing and records nothing. Facts the
register does not know stay blank, to be shown as "not known". Loaded minded-to letters and
directions are the public record: issued, with no drafting or approving user.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import ProtectedError

from bestvalue.audit.services import audited, record_event, snapshot
from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.core.loading import LoadReport
from bestvalue.guidance.models import Theme
from bestvalue.interventions import register_notes as notes
from bestvalue.interventions import rules
from bestvalue.interventions.models import (
    Appointee,
    ApprovalStatus,
    Directions,
    Finding,
    Inspection,
    InspectionExtension,
    Inspector,
    InspectorRole,
    Intervention,
    MindedTo,
    NonStatutoryStage,
)
from bestvalue.interventions.register import (
    INSPECTION,
    MINDED_TO,
    PANEL,
    REVIEW,
    InterventionRecord,
    RegisterDataError,
    StageRecord,
    read_interventions,
)
from bestvalue.interventions.rules import DIRECTIONS, EXTENSION

STAGE_MODELS: tuple[type[models.Model], ...] = (NonStatutoryStage, Inspection, MindedTo, Directions)
# How each model is named in audit actions ("minded_to.loaded_from_register").
ACTION_NAMES: dict[type[models.Model], str] = {
    Intervention: "intervention",
    NonStatutoryStage: "non_statutory_stage",
    Inspection: "inspection",
    Inspector: "inspector",
    InspectionExtension: "inspection_extension",
    MindedTo: "minded_to",
    Directions: "directions",
    Appointee: "appointee",
    Finding: "finding",
}


@dataclass
class StagePlan:
    """One stage as the model it becomes and the values it holds, with its children."""

    number: int
    model: type[models.Model]
    values: dict[str, Any]
    amends: int | None = None  # the stage number of the directions a later record acts on
    appointees: list[dict[str, Any]] = field(default_factory=list)
    inspectors: list[dict[str, Any]] = field(default_factory=list)
    extensions: list[dict[str, Any]] = field(default_factory=list)
    failing_themes: tuple[str, ...] = ()


def load_interventions(records: Sequence[Any], *, source_name: str = "register.yaml") -> LoadReport:
    """Bring the interventions in line with the register's `interventions:` list.

    Raises RegisterDataError, naming the record and field, before or instead of writing
    anything. Interventions no longer in the list are kept, never deleted.
    """
    try:
        parsed = read_interventions(records)
        plans = [(record, _plan(record)) for record in parsed]
    except RegisterDataError as exc:
        raise RegisterDataError(f"{source_name}: {exc}") from None
    report = LoadReport()
    try:
        with transaction.atomic():
            authorities = _authorities(parsed)
            themes = dict(Theme.objects.values_list("key", "pk"))
            for record, stages in plans:
                _sync_intervention(
                    record, stages, authorities[record.authority_gss], themes, report
                )
    except RegisterDataError as exc:
        raise RegisterDataError(f"{source_name}: {exc}") from None
    return report


# --- Planning: register records to model values (pure) ----------------------------------------


def _plan(record: InterventionRecord) -> list[StagePlan]:
    plans = []
    last_directions: int | None = None
    for stage in record.stages:
        where = f"{record.where} stage {stage.number}"
        facts = _facts(record, stage, where)
        if stage.kind in (REVIEW, PANEL):
            plan = _non_statutory(stage, where)
        elif stage.kind == INSPECTION:
            plan = _inspection(stage, facts, where)
        elif stage.kind == MINDED_TO:
            plan = _minded_to(stage, where)
        else:
            plan = _directions(stage, facts, last_directions)
            if stage.kind in (DIRECTIONS, EXTENSION):
                last_directions = stage.number
        plan.failing_themes = stage.failing_themes
        plans.append(plan)
    return plans


def _facts(record: InterventionRecord, stage: StageRecord, where: str) -> notes.NoteFacts:
    facts = notes.NOTE_FACTS.get((record.id, stage.number))
    if facts is None:
        return notes.NoteFacts(kind=stage.kind, quote="")
    if facts.kind != stage.kind or facts.quote not in stage.note:
        raise RegisterDataError(
            f"{where}: the note no longer says {facts.quote!r} in a {facts.kind} stage; bring "
            "NOTE_FACTS in bestvalue/interventions/register_notes.py up to date"
        )
    return facts


def _common(stage: StageRecord, date_field: str) -> dict[str, Any]:
    """What every stage holds: its number, note and sources, and its date (exact or rough)
    under the name its model gives it (`started_on`, `announced_on`, `letter_on`, `made_on`)."""
    return {
        "position": stage.number,
        "note": stage.note,
        "sources": list(stage.sources),
        date_field: stage.on,
        f"{date_field}_approx": stage.on_approx,
    }


def _same_names(source: Any, *names: str) -> dict[str, Any]:
    """The values the register (or its notes) gives under the names the model uses."""
    return {name: getattr(source, name) for name in names}


def _refuse(where: str, stage: StageRecord, *names: str) -> None:
    present = {
        "legal_basis": stage.legal_basis is not None,
        "model": bool(stage.model),
        "ends_on": stage.ends_on is not None or bool(stage.ends_on_approx),
    }
    for name in names:
        if present[name]:
            raise RegisterDataError(f"{where}: a {stage.kind} stage cannot have {name}")


def _appointee_values(stage: StageRecord) -> list[dict[str, Any]]:
    return [
        {
            "position": n,
            "name": a.name,
            "role": a.role,
            "fee_per_day": a.fee_per_day,
            "days_per_year": a.days_per_year,
            "note": a.note,
            "powers": a.powers,
        }
        for n, a in enumerate(stage.appointees, start=1)
    ]


def _non_statutory(stage: StageRecord, where: str) -> StagePlan:
    _refuse(where, stage, "legal_basis")
    values = {
        **_common(stage, "started_on"),
        **_same_names(stage, "kind", "ends_on", "ends_on_approx", "model"),
    }
    return StagePlan(stage.number, NonStatutoryStage, values, appointees=_appointee_values(stage))


def _inspector_role(note: str) -> str:
    """Lead or assistant, as the appointee's note says (README: "marked in note")."""
    text = note.casefold()
    if "lead inspector" in text:
        return InspectorRole.LEAD
    if "assistant inspector" in text:
        return InspectorRole.ASSISTANT
    return ""


def _inspection(stage: StageRecord, facts: notes.NoteFacts, where: str) -> StagePlan:
    _refuse(where, stage, "model")
    values: dict[str, Any] = {
        **_common(stage, "announced_on"),
        "started_on": facts.started_on,
        "report_due_on": facts.report_due_on,
        "report_published_on": facts.report_published_on,
    }
    extensions = list(facts.extensions)
    if facts.ends_on_is == notes.EXTENDED_DEADLINE:
        if stage.ends_on is None:
            raise RegisterDataError(f"{where}: an extended deadline needs an exact ends_on")
        extensions.append((None, stage.ends_on))
    elif stage.ends_on is not None or stage.ends_on_approx:
        values[facts.ends_on_is] = stage.ends_on
        values[f"{facts.ends_on_is}_approx"] = stage.ends_on_approx
    # The same date rules as the department's pages (rules.py), in the same words.
    for fault in (
        rules.report_due_before_start(
            started_on=values.get("started_on"), due_on=values.get("report_due_on")
        ),
        rules.submitted_in_future(
            submitted_on=values.get("report_submitted_on"), today=clock.today()
        ),
    ):
        if fault:
            raise RegisterDataError(f"{where}: {fault}")
    deadline = values.get("report_due_on")
    extension_values = []
    for n, (made_on, new_deadline_on) in enumerate(extensions, start=1):
        extension_values.append(
            {
                "position": n,
                "made_on": made_on,
                "extends_deadline_on": deadline,
                "new_deadline_on": new_deadline_on,
            }
        )
        deadline = new_deadline_on
    inspectors = [
        {"position": n, "name": a.name, "role": _inspector_role(a.note), "note": a.note}
        for n, a in enumerate(stage.appointees, start=1)
    ]
    return StagePlan(
        stage.number, Inspection, values, inspectors=inspectors, extensions=extension_values
    )


def _minded_to(stage: StageRecord, where: str) -> StagePlan:
    _refuse(where, stage, "ends_on")
    values = {
        **_common(stage, "letter_on"),
        "status": ApprovalStatus.ISSUED,
        "proposed_model": stage.model,
        "proposed_legal_basis": stage.legal_basis,
        "representations_by": stage.representations_by,
        "representations_count": stage.representations_received,
    }
    return StagePlan(stage.number, MindedTo, values)


def _directions(stage: StageRecord, facts: notes.NoteFacts, last: int | None) -> StagePlan:
    values = {
        **_common(stage, "made_on"),
        "status": ApprovalStatus.ISSUED,
        **_same_names(stage, "kind", "legal_basis", "model", "ends_on", "ends_on_approx"),
        **_same_names(
            facts,
            "representations_foregone_reason",
            "first_report_after_months",
            "report_every_months",
        ),
    }
    # A later record acts on the most recent directions before it (the register links them by
    # order only); the first directions of an intervention amend nothing.
    amends = None if stage.kind == DIRECTIONS else last
    return StagePlan(
        stage.number, Directions, values, amends=amends, appointees=_appointee_values(stage)
    )


# --- Writing ---------------------------------------------------------------------------------


def _authorities(records: Iterable[InterventionRecord]) -> dict[str, Authority]:
    wanted = {r.authority_gss for r in records}
    found = {a.gss_code: a for a in Authority.objects.filter(gss_code__in=wanted)}
    for authority in Authority.objects.filter(former_codes__gss_code__in=wanted - set(found)):
        for code in authority.former_codes.values_list("gss_code", flat=True):
            found.setdefault(code, authority)
    for record in records:
        if record.authority_gss not in found:
            raise RegisterDataError(
                f"{record.where}: authority_gss {record.authority_gss} is not a known authority "
                "(load the authorities first)"
            )
    return found


class _Writer:
    """Writes one intervention's records, each with its audit event, and notes any change."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.changed = False

    def save(
        self, model: type[models.Model], current: Any, key: dict[str, Any], values: dict[str, Any]
    ) -> Any:
        name = ACTION_NAMES[model]
        if any(f.name == "publication" for f in model._meta.get_fields()):
            # The register is the public record already: what it holds is published.
            values = {**values, "publication": ApprovalStatus.ISSUED}
        if current is None:
            obj = model(**key, **values)
            self._clean(obj)
            obj.save()
            record_event(
                actor=None, action=f"{name}.loaded_from_register", obj=obj, after=snapshot(obj)
            )
            self.changed = True
            return obj
        differing = [f for f, v in values.items() if getattr(current, f) != v]
        if differing:
            with audited(current, None, actor=None, action=f"{name}.updated_from_register"):
                for f in differing:
                    setattr(current, f, values[f])
                self._clean(current)
                current.save()
            self.changed = True
        return current

    def delete(self, obj: models.Model) -> None:
        before = snapshot(obj)
        try:
            obj.delete()
        except ProtectedError:
            raise RegisterDataError(
                f"{self.where}: {obj} is no longer in the register but other records depend on it"
            ) from None
        # The event names the record by its old id, which the deletion has cleared.
        record_event(
            actor=None,
            action=f"{ACTION_NAMES[type(obj)]}.removed_from_register",
            object_type=obj._meta.label_lower,
            object_id=str(before["id"]),
            object_label=str(obj),
            before=before,
        )
        self.changed = True

    def _clean(self, obj: models.Model) -> None:
        try:
            obj.full_clean()
        except ValidationError as exc:
            raise RegisterDataError(f"{self.where}: {'; '.join(exc.messages)}") from None

    def sync_children(
        self,
        model: type[models.Model],
        parent: dict[str, Any],
        wanted: list[dict[str, Any]],
        key: str = "position",
    ) -> None:
        existing = {getattr(o, key): o for o in model.objects.filter(**parent)}  # type: ignore[attr-defined]
        for values in wanted:
            values = dict(values)
            k = values.pop(key)
            self.save(model, existing.pop(k, None), {**parent, key: k}, values)
        for stale in existing.values():
            self.delete(stale)


def _sync_intervention(
    record: InterventionRecord,
    stages: list[StagePlan],
    authority: Authority,
    themes: dict[str, int],
    report: LoadReport,
) -> None:
    writer = _Writer(record.where)
    current = Intervention.objects.filter(reference=record.id).first()
    created = current is None
    values = {
        "authority_id": authority.pk,
        "trigger": record.trigger,
        "status": record.status,
        "status_note": record.status_note,
        "status_approx": record.status_approx,
    }
    intervention = writer.save(Intervention, current, {"reference": record.id}, values)
    # Only the steps the loader wrote: those the department recorded through the services are
    # not the register's to change or remove.
    existing = {
        (model, obj.position): obj
        for model in STAGE_MODELS
        for obj in model.objects.filter(intervention=intervention, from_register=True)  # type: ignore[attr-defined]
    }
    saved: dict[int, Any] = {}
    for plan in stages:
        writer.where = f"{record.where} stage {plan.number}"
        values = {**plan.values, "from_register": True}
        position = values.pop("position")
        if plan.model is Directions:
            values["amends_id"] = None if plan.amends is None else saved[plan.amends].pk
        obj = writer.save(
            plan.model,
            existing.pop((plan.model, position), None),
            {"intervention": intervention, "position": position},
            values,
        )
        saved[plan.number] = obj
        _sync_stage_children(writer, plan, obj, themes)
    for stale in sorted(existing.values(), key=lambda o: -o.position):
        writer.where = f"{record.where} stage {stale.position}"
        empty = StagePlan(stale.position, type(stale), {})
        _sync_stage_children(writer, empty, stale, themes)
        writer.delete(stale)
    if created:
        report.created.append(record.id)
    elif writer.changed:
        report.updated.append(record.id)
    else:
        report.unchanged += 1


def _sync_stage_children(
    writer: _Writer, plan: StagePlan, obj: models.Model, themes: dict[str, int]
) -> None:
    if plan.model in (Directions, NonStatutoryStage):
        parent = "directions" if plan.model is Directions else "non_statutory_stage"
        writer.sync_children(Appointee, {parent: obj}, plan.appointees)
    if plan.model is Inspection:
        writer.sync_children(Inspector, {"inspection": obj}, plan.inspectors)
        writer.sync_children(InspectionExtension, {"inspection": obj}, plan.extensions)
    if plan.model in (Inspection, MindedTo, Directions):
        finding_parent: dict[type[models.Model], str] = {
            Inspection: "inspection",
            MindedTo: "minded_to",
            Directions: "directions",
        }
        findings = [{"theme_id": themes[key], "meets_duty": False} for key in plan.failing_themes]
        writer.sync_children(Finding, {finding_parent[plan.model]: obj}, findings, key="theme_id")
