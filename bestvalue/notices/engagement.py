"""Writes to engagement records and statutory data requests (DESIGN.md section 3.3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from bestvalue.accounts import permissions
from bestvalue.audit.services import record_event, snapshot
from bestvalue.notices.errors import NotAllowed
from bestvalue.notices.models import DataRequest, DataReturn, Engagement, Notice
from bestvalue.notices.rules import Status


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
    with transaction.atomic():
        engagement.full_clean()
        engagement.save()
        record_event(
            actor=by, action="engagement.recorded", obj=engagement, after=snapshot(engagement)
        )
    return engagement


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
) -> DataRequest:
    _check(by, notice)
    request = DataRequest(
        notice=notice,
        title=title.strip(),
        description=description.strip(),
        requested_on=requested_on,
        first_due_on=first_due_on,
        recurrence=recurrence,
        last_due_on=last_due_on,
        recorded_by=by,
    )
    with transaction.atomic():
        request.full_clean()
        request.save()
        record_event(actor=by, action="data_request.created", obj=request, after=snapshot(request))
    return request


def record_data_return(
    request: DataRequest, *, by: Any, due_on: dt.date, received_on: dt.date, note: str = ""
) -> DataReturn:
    """Record the return received for one due date of a request."""
    from bestvalue.notices.schedule import due_dates

    _check(by, request.notice)
    if due_on not in due_dates(
        request.first_due_on, request.recurrence, request.last_due_on, until=due_on
    ):
        raise ValueError(f"{due_on:%d %B %Y} is not a due date of this request.")
    data_return = DataReturn(
        request=request, due_on=due_on, received_on=received_on, note=note.strip(), recorded_by=by
    )
    with transaction.atomic():
        data_return.full_clean()
        data_return.save()
        record_event(
            actor=by, action="data_return.recorded", obj=data_return, after=snapshot(data_return)
        )
    return data_return
