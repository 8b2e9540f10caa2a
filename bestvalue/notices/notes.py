"""The department's notes on a notice (issue 17.2): dated, signed, audited, private. Notes are
read only through notes_of, which no public channel calls."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bestvalue.accounts import permissions
from bestvalue.audit.services import record_event, snapshot
from bestvalue.core import clock
from bestvalue.notices.errors import NotAllowed
from bestvalue.notices.models import CaseNote, Notice

NOTE_LIMIT = 5000


def add_note(notice: Notice, *, by: Any, text: str) -> CaseNote:
    """Keep a note on the notice, signed by `by` and dated now. Department staff only."""
    if not permissions.is_department(by):
        raise NotAllowed("Only the department keeps notes on a notice.")
    text = text.strip()
    if not text:
        raise ValueError("Enter the note")
    if len(text) > NOTE_LIMIT:
        raise ValueError(f"The note must be {NOTE_LIMIT:,} characters or fewer")
    note = CaseNote(notice=notice, text=text, written_by=by, written_at=clock.now())
    with transaction.atomic():
        note.full_clean()
        note.save()
        record_event(actor=by, action="case_note.added", obj=note, after=snapshot(note))
    return note


def notes_of(notice: Notice) -> list[CaseNote]:
    """The notice's notes, newest first, with their writers: for department pages only."""
    return list(notice.case_notes.select_related("written_by"))
