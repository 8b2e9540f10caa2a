"""Writes to engagement records and statutory data requests (DESIGN.md section 3.3), and the rule
of what happens to open data requests when their notice is reissued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import transaction

from bestvalue.accounts import permissions
from bestvalue.audit.services import audited, record_event, snapshot
from bestvalue.core import clock
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.notices.models import DataRequest, DataReturn, Engagement, Notice
from bestvalue.notices.rules import Status
from bestvalue.notices.schedule import due_dates


def _check(by: Any, notice: Notice) -> None:
    if not permissions.can_draft(by):
        raise NotAllowed("Only department caseworkers can record this.")
    if notice.status in (Status.DRAFT, Status.AWAITING_APPROVAL):
        raise NotAllowed("Record engagement once the notice has been issued.")


def record_engagement(
    notice: Notice, *, by: Any, kind: str, occurred_on: dt.date, summary: str, attendees: str = ""
) -> Engagement:
    """A meeting, call, letter or email between the department, at official level, and the
    authority (the notices' usual expectation "engage with the Department at official level")."""
    _check(by, notice)
    engagement = Engagement(
        notice=notice,
        kind=kind,
        occurred_on=occurred_on,
        summary=summary.strip(),
        attendees=attendees.strip(),
        recorded_by=by,
    )
    return _create(engagement, by=by, action="engagement.recorded")


_R = TypeVar("_R", Engagement, DataRequest, DataReturn)


def _create(record: _R, *, by: Any, action: str) -> _R:
    with transaction.atomic():
        record.full_clean()
        record.save()
        record_event(actor=by, action=action, obj=record, after=snapshot(record))
    return record


def create_data_request(
    notice: Notice,
    *,
    by: Any,
    title: str,
    requested_on: dt.date,
    first_due_on: dt.date,
    recurrence: str,
    last_due_on: dt.date | None = None,
    description: str = "",
    statutory_basis: str = "",
) -> DataRequest:
    _check(by, notice)
    request = DataRequest(
        notice=notice,
        title=title.strip(),
        description=description.strip(),
        statutory_basis=statutory_basis.strip(),
        requested_on=requested_on,
        first_due_on=first_due_on,
        recurrence=recurrence,
        last_due_on=last_due_on,
        recorded_by=by,
    )
    return _create(request, by=by, action="data_request.created")


def record_data_return(
    request: DataRequest, *, by: Any, due_on: dt.date, received_on: dt.date, note: str = ""
) -> DataReturn:
    """Record the return received for one due date of a request."""
    _check(by, request.notice)
    if due_on not in due_dates(
        request.first_due_on, request.recurrence, request.last_due_on, until=due_on
    ):
        raise ValueError(f"{due_on:%d %B %Y} is not a due date of this request.")
    data_return = DataReturn(
        request=request, due_on=due_on, received_on=received_on, note=note.strip(), recorded_by=by
    )
    return _create(data_return, by=by, action="data_return.recorded")


# --- Corrections and removals ------------------------------------------------------------------

Record = Engagement | DataRequest | DataReturn
# What each kind of record may be corrected in, and its name in the audit log and in words.
CORRECTABLE: dict[type[Record], tuple[str, str, tuple[str, ...]]] = {
    Engagement: ("engagement", "engagement", ("kind", "occurred_on", "summary", "attendees")),
    DataRequest: (
        "data_request",
        "data request",
        (
            "title",
            "description",
            "statutory_basis",
            "requested_on",
            "first_due_on",
            "recurrence",
            "last_due_on",
        ),
    ),
    DataReturn: ("data_return", "return", ("received_on", "note")),
}


def _notice_of(record: Record) -> Notice:
    return record.request.notice if isinstance(record, DataReturn) else record.notice


def _may_change(by: Any, record: Record, version: int) -> None:
    if not permissions.is_department(by):
        raise NotAllowed("Only department staff can correct or remove what was recorded.")
    if record.version != version:
        raise StaleEdit(CORRECTABLE[type(record)][1])


def correct_record(record: Record, *, by: Any, version: int, values: dict[str, Any]) -> Record:
    """Correct an engagement, a data request or a return as recorded: the change, with who made
    it, is kept in the audit log and shown in the notice's history."""
    action, _, fields = CORRECTABLE[type(record)]
    with transaction.atomic():
        locked = type(record).objects.select_for_update(no_key=True).get(pk=record.pk)
        _may_change(by, locked, version)
        with audited(locked, None, actor=by, action=f"{action}.corrected"):
            for name in fields:
                if name in values:
                    value = values[name]
                    setattr(locked, name, value.strip() if isinstance(value, str) else value)
            locked.changed_by, locked.changed_at = by, clock.now()
            locked.version += 1
            locked.full_clean()
            locked.save()
    return locked


def remove_record(record: Record, *, by: Any, version: int) -> None:
    """Remove an engagement, a data request (once it has no returns) or a return recorded in
    error. The removal is logged against the notice, with what was removed."""
    action, words, _ = CORRECTABLE[type(record)]
    with transaction.atomic():
        locked = type(record).objects.select_for_update(no_key=True).get(pk=record.pk)
        _may_change(by, locked, version)
        if isinstance(locked, DataRequest) and locked.returns.exists():
            raise ValueError("Remove the returns recorded for this request first.")
        before = {**snapshot(locked), "removed": f"{words} {locked}"}
        notice = _notice_of(locked)
        locked.delete()
        record_event(actor=by, action=f"{action}.removed", obj=notice, before=before, after={})


# --- Open obligations on reissue ----------------------------------------------------------------

# Far enough ahead to find the next due date of any recurrence (a yearly one at most).
_LOOKAHEAD = dt.timedelta(days=400)


def carries_over(
    *,
    first_due_on: dt.date,
    recurrence: str,
    last_due_on: dt.date | None,
    received: Iterable[dt.date],
    replaced_on: dt.date,
) -> bool:
    """Whether a data request carries to the revised notice when its notice is reissued.

    The rule: a request still open on the day the revised notice replaces the old one carries to
    the revised notice, with its returns, so the returns still owed stay due (on the dashboard,
    the due pages, in reminders and calendars) and are recorded there. Open means a return due
    by that day has not come in, or a return is still to fall due after it. A settled request
    (every return in, none to come) stays with the old notice as its history. A carried request
    remembers the notice it was made under (`made_under`), whose page still lists it; carried
    again on a later reissue, it keeps that first notice.
    """
    received_set = set(received)
    owed = due_dates(first_due_on, recurrence, last_due_on, until=replaced_on)
    if any(d not in received_set for d in owed):
        return True
    to_come = due_dates(first_due_on, recurrence, last_due_on, until=replaced_on + _LOOKAHEAD)
    return len(to_come) > len(owed)


def carry_open_requests(old: Notice, *, to: Notice, by: Any, on: dt.date) -> list[DataRequest]:
    """Carry the old notice's open data requests to the revised notice replacing it on `on`
    (carries_over), each with an audit event. Called by the notice service, inside the
    transaction that issues the revised notice."""
    carried = []
    for request in old.data_requests.prefetch_related("returns").order_by("pk"):
        if not carries_over(
            first_due_on=request.first_due_on,
            recurrence=request.recurrence,
            last_due_on=request.last_due_on,
            received=[r.due_on for r in request.returns.all()],
            replaced_on=on,
        ):
            continue
        with audited(request, None, actor=by, action="data_request.carried"):
            request.made_under_id = request.made_under_id or old.pk
            request.notice = to
            request.full_clean()
            request.save(update_fields=["notice", "made_under"])
        carried.append(request)
    return carried
