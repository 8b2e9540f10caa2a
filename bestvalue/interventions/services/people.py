"""Correcting and removing the people recorded on an intervention (issue 17, point 3): its
inspectors and the appointees named in draft directions. What is public changes only through
the approval rules: a public inspector changed leaves the public record until an approver
publishes it again (publication.on_change); issued directions' appointees change by a change of
appointees, never in place."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from bestvalue.accounts import permissions
from bestvalue.audit.services import record_event, snapshot
from bestvalue.interventions import rules
from bestvalue.interventions.models import Appointee, Inspector
from bestvalue.interventions.services._common import check_version, update
from bestvalue.interventions.services.statutory import _draft_only, _note_editor
from bestvalue.records.errors import NotAllowed


def _caseworker(by: Any) -> None:
    if not permissions.can_draft(by):
        raise NotAllowed("Only caseworkers correct or remove the people recorded on a case.")


def update_inspector(
    inspector: Inspector, *, by: Any, version: int | None = None, **changes: Any
) -> Inspector:
    """Correct an inspector's name, role or note (a public one leaves the public record until
    it is approved again)."""
    _caseworker(by)
    return update(
        inspector,
        by=by,
        action="inspector.updated",
        changes=changes,
        allowed={"name", "role", "note"},
        version=version,
    )


def remove_inspector(inspector: Inspector, *, by: Any, version: int | None = None) -> None:
    """Remove an inspector not yet on the public record (rules.removal_refusal). The removal is
    recorded against the inspection, so the case's history shows it."""
    _caseworker(by)
    with transaction.atomic():
        current = Inspector.objects.select_for_update(no_key=True).get(pk=inspector.pk)
        check_version(current, version)
        refusal = rules.removal_refusal(what="inspector", publication=current.publication)
        if refusal:
            raise ValidationError(refusal)
        _removed(current, by=by, parent=current.inspection, action="inspector.removed")


def remove_appointee(appointee: Appointee, *, by: Any, version: int | None = None) -> None:
    """Remove an appointee from draft directions (issued directions change by a change of
    appointees), or from a review or panel not yet public. Recorded against its step."""
    _caseworker(by)
    with transaction.atomic():
        current = Appointee.objects.select_for_update(no_key=True).get(pk=appointee.pk)
        check_version(current, version)
        parent = current.directions or current.non_statutory_stage
        if current.directions is not None:
            _draft_only(current.directions)
            _note_editor(current.directions, by)
        elif current.non_statutory_stage is not None:  # public with its review or panel
            stage = current.non_statutory_stage
            refusal = rules.removal_refusal(what="appointee", publication=stage.publication)
            if refusal:
                raise ValidationError(refusal)
        _removed(current, by=by, parent=parent, action="appointee.removed")


def _removed(record: Any, *, by: Any, parent: Any, action: str) -> None:
    before = snapshot(record, ["name", "role", "note"])
    label = f"{record.name or 'Not named'} ({record.get_role_display() or 'role not known'})"
    record.delete()
    record_event(actor=by, action=action, obj=parent, object_label=label, before=before, after=None)
