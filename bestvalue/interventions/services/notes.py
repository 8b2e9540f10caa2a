"""Notes on an intervention: written by department staff, dated and signed, audited, never
public (models.notes)."""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import transaction

from bestvalue.accounts import permissions
from bestvalue.audit.services import record_event, snapshot
from bestvalue.core import clock
from bestvalue.interventions.models import Intervention, InterventionNote
from bestvalue.records.errors import NotAllowed

NOTE_ADDED = "intervention.note_added"


def add_note(intervention: Intervention, *, by: AbstractBaseUser, text: str) -> InterventionNote:
    """Add a note, signed by `by` and dated now. Only department staff (caseworkers and
    approvers) write notes: they are the department's own record of the case."""
    if not permissions.is_department(by):
        raise NotAllowed("Only department staff write notes on a case.")
    note = InterventionNote(
        intervention=intervention,
        text=text.strip(),
        written_by=by,  # type: ignore[misc]
        written_at=clock.now(),
    )
    with transaction.atomic():
        note.full_clean()
        note.save()
        record_event(actor=by, action=NOTE_ADDED, obj=note, after=snapshot(note))
    return note
