"""Writes to best value inspections (s.10 of the Local Government Act 1999): the inspection,
its inspectors, extensions of the report deadline, and findings per theme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from bestvalue.accounts.models import User
from bestvalue.audit.services import record_event, snapshot
from bestvalue.core import clock
from bestvalue.guidance.models import Theme
from bestvalue.interventions import rules
from bestvalue.interventions.models import (
    Directions,
    Finding,
    Inspection,
    InspectionExtension,
    Inspector,
    Intervention,
    MindedTo,
)
from bestvalue.interventions.services import publication
from bestvalue.interventions.services._common import (
    add_child,
    create,
    delete,
    lock,
    next_position,
    refuse,
    update,
)


def _check_inspection(inspection: Inspection) -> None:
    """The inspection's date rules (rules.py), the same on every channel."""
    refuse(
        {
            "report_due_on": rules.report_due_before_start(
                started_on=inspection.started_on, due_on=inspection.report_due_on
            ),
            "report_submitted_on": rules.submitted_in_future(
                submitted_on=inspection.report_submitted_on, today=clock.today()
            ),
        }
    )


def record_inspection(
    *,
    by: User,
    intervention: Intervention,
    announced_on: dt.date,
    report_due_on: dt.date | None = None,
    started_on: dt.date | None = None,
    report_url: str = "",
    note: str = "",
    sources: Sequence[str] = (),
    inspectors: Sequence[tuple[str, str]] = (),
) -> Inspection:
    """Record the appointment of inspectors under s.10 and the date their report is due.
    `inspectors` are (name, role) pairs, role "lead", "assistant" or "" when not known."""
    with transaction.atomic():
        lock(intervention)
        inspection = Inspection(
            intervention=intervention,
            position=next_position(intervention),
            announced_on=announced_on,
            report_due_on=report_due_on,
            started_on=started_on,
            report_url=report_url,
            note=note,
            sources=list(sources),
        )
        create(inspection, by=by, action="inspection.recorded", check=_check_inspection)
        for name, role in inspectors:
            add_inspector(by=by, inspection=inspection, name=name, role=role)
        return inspection


def update_inspection(
    inspection: Inspection, *, by: User, version: int | None = None, **changes: Any
) -> Inspection:
    """Correct the inspection's dates, or record the report's submission and publication.
    The deadline is changed by extending it, not here, once it is set."""
    return update(
        inspection,
        by=by,
        action="inspection.updated",
        version=version,
        check=_check_inspection,
        changes=changes,
        allowed={
            "announced_on",
            "announced_on_approx",
            "started_on",
            "report_due_on",
            "report_due_on_approx",
            "report_submitted_on",
            "report_submitted_on_approx",
            "report_published_on",
            "report_published_on_approx",
            "report_url",
            "note",
            "sources",
        },
    )


def add_inspector(
    *, by: User, inspection: Inspection, name: str, role: str = "", note: str = ""
) -> Inspector:
    """Add a lead or assistant inspector (role blank when not known)."""
    inspector = Inspector(inspection=inspection, name=name, role=role, note=note)
    return add_child(inspector, inspection.inspectors.all(), by=by, action="inspector.added")


def extend_inspection_deadline(
    *,
    by: User,
    inspection: Inspection,
    new_deadline_on: dt.date,
    made_on: dt.date | None = None,
    note: str = "",
    sources: Sequence[str] = (),
) -> InspectionExtension:
    """Extend the report deadline. The new deadline must be later than the one in force, which
    the extension keeps as `extends_deadline_on`."""
    with transaction.atomic():
        current = Inspection.objects.select_for_update(no_key=True).get(pk=inspection.pk)
        extends = current.deadline
        errors = {}
        if extends is not None and new_deadline_on <= extends:
            errors["new_deadline_on"] = (
                "The new deadline must be after the deadline it extends "
                f"({extends.day} {extends:%B %Y})"
            )
        if made_on is not None and current.announced_on and made_on < current.announced_on:
            errors["made_on"] = "An extension cannot be granted before the inspection was announced"
        refuse(errors)
        extension = InspectionExtension(
            inspection=current,
            made_on=made_on,
            extends_deadline_on=extends,
            new_deadline_on=new_deadline_on,
            note=note,
            sources=list(sources),
        )
        return add_child(
            extension, current.extensions.all(), by=by, action="inspection.deadline_extended"
        )


_FINDING_PARENTS: dict[type, str] = {
    Inspection: "inspection",
    MindedTo: "minded_to",
    Directions: "directions",
}


def record_finding(
    *,
    by: User,
    record: Inspection | MindedTo | Directions,
    theme: Theme,
    meets_duty: bool,
    summary: str = "",
) -> Finding:
    """Record whether the authority meets the duty on one theme, as the inspection report,
    minded-to letter or directions state it. A second finding on the same theme replaces the
    first."""
    parent = _FINDING_PARENTS[type(record)]
    with transaction.atomic():
        finding = (
            Finding.objects.select_for_update(no_key=True)
            .filter(**{parent: record}, theme=theme)
            .first()
        )
        if finding is None:
            finding = Finding(theme=theme, meets_duty=meets_duty, summary=summary)
            setattr(finding, parent, record)
            return create(finding, by=by, action="finding.recorded")
        before = snapshot(finding)
        finding.meets_duty, finding.summary = meets_duty, summary
        word = publication.on_change(finding, by=by)
        finding.full_clean()
        finding.save()
        publication.note_editor(finding, by=by)
        record_event(
            actor=by, action=f"finding.{word}", obj=finding, before=before, after=snapshot(finding)
        )
        return finding


def record_findings(
    *,
    by: User,
    record: Inspection | MindedTo | Directions,
    verdicts: Mapping[str, bool | None],
    summaries: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Record the findings on several themes at once (keyed by theme key): True meets the duty,
    False does not, None means the record does not say, which removes an earlier finding. All
    or nothing, each change with its audit event."""
    summaries = summaries or {}
    themes = {t.key: t for t in Theme.objects.filter(key__in=list(verdicts))}
    unknown = sorted(set(verdicts) - set(themes))
    if unknown:
        raise ValidationError(f"Unknown themes: {', '.join(unknown)}")
    parent = _FINDING_PARENTS[type(record)]
    saved = []
    with transaction.atomic():
        for key, meets in verdicts.items():
            summary = summaries.get(key, "")
            if meets is not None:
                saved.append(
                    record_finding(
                        by=by, record=record, theme=themes[key], meets_duty=meets, summary=summary
                    )
                )
                continue
            for finding in Finding.objects.filter(**{parent: record}, theme=themes[key]):
                if finding.is_public:
                    raise ValidationError(
                        {
                            f"verdict_{key}": f"The finding on {finding.theme} is on the public "
                            "record: record what the report says instead of removing it"
                        }
                    )
                delete(finding, by=by, action="finding.removed")
    return saved
