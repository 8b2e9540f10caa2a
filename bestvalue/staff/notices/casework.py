"""The department's records kept on a notice: engagement, data requests and their returns, and
notes. Each form page is staff/record_form.html with the fields the form has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from bestvalue.accounts import permissions
from bestvalue.core import clock
from bestvalue.notices import engagement, notes
from bestvalue.notices.schedule import due_dates
from bestvalue.notices.selectors import data_request_for_staff
from bestvalue.staff.forms import VersionedForm
from bestvalue.staff.notices.forms import (
    DataRequestChangeForm,
    DataRequestForm,
    DataReturnChangeForm,
    DataReturnForm,
    EngagementChangeForm,
    EngagementForm,
    NoteForm,
)
from bestvalue.staff.notices.views import department_notice
from bestvalue.staff.pages import DOMAIN_ERRORS, create_once, form_page, refuse, status_for


def _record(
    request: HttpRequest,
    pk: int,
    form: forms.Form,
    *,
    heading: str,
    save: Callable[..., Any],
    success: str,
    may: Callable[[Any], bool] = permissions.can_draft,
    anchor: str = "",
) -> HttpResponse:
    """Record something on a notice, once per form (back button then Save lands on the notice,
    with a message)."""
    notice = department_notice(request, pk)
    if not may(request.user):
        raise PermissionDenied("Only caseworkers record this.")
    context = {"form": form, "notice": notice, "heading": heading}
    status = 400 if form.errors else 200
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        landing = f"/staff/notices/{notice.pk}/{anchor}"
        try:
            made = create_once(
                request,
                form,
                lambda: save(notice, by=request.user, **values),
                landing=lambda _: landing,
            )
        except DOMAIN_ERRORS as exc:
            refuse(form, exc)
            status = status_for(exc)
        else:
            if isinstance(made, HttpResponse):
                return made
            messages.success(request, success)
            return redirect(landing)
    return render(request, "staff/record_form.html", context, status=status)


@dataclass(frozen=True)
class _NewRecord:
    """One kind of record made on a notice: its form and first values, the page's heading, the
    service that makes it, what it says when made, where the notice's page shows it, and who
    may make it."""

    form: type[forms.Form]
    heading: str
    save: Callable[..., Any]
    success: str
    anchor: str
    initial: Callable[[], dict[str, Any]] = dict
    may: Callable[[Any], bool] = permissions.can_draft


# By the path part of each page ("notices/<pk>/engagements/new/"). Notes are the department's
# own: caseworkers and approvers alike.
NEW_RECORDS = {
    "engagements": _NewRecord(
        EngagementForm,
        "Record engagement",
        engagement.record_engagement,
        "Engagement recorded.",
        "#engagements",
        initial=lambda: {"occurred_on": clock.today()},
    ),
    "data-requests": _NewRecord(
        DataRequestForm,
        "Record a data request",
        engagement.create_data_request,
        "Data request recorded.",
        "#data-requests",
        initial=lambda: {"requested_on": clock.today(), "recurrence": "once"},
    ),
    "notes": _NewRecord(
        NoteForm,
        "Add a note",
        notes.add_note,
        "Note added.",
        "#notes",
        may=permissions.is_department,
    ),
}


@require_http_methods(["GET", "HEAD", "POST"])
def record_new(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    new = NEW_RECORDS[kind]
    return _record(
        request,
        pk,
        new.form(request.POST or None, initial=new.initial()),
        heading=new.heading,
        save=new.save,
        success=new.success,
        may=new.may,
        anchor=new.anchor,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def data_return_new(request: HttpRequest, pk: int) -> HttpResponse:
    if not permissions.is_department(request.user):
        raise PermissionDenied("Data requests are for the department.")
    data_request = data_request_for_staff(pk)
    if data_request is None:
        raise Http404("No such data request")
    received = {r.due_on for r in data_request.returns.all()}
    horizon = clock.today() + dt.timedelta(days=31)
    dates = [
        d
        for d in due_dates(
            data_request.first_due_on,
            data_request.recurrence,
            data_request.last_due_on,
            until=horizon,
        )
        if d not in received
    ]
    form = DataReturnForm(
        request.POST or None, due_dates=dates, initial={"received_on": clock.today()}
    )
    context = {"form": form, "data_request": data_request, "notice": data_request.notice}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            engagement.record_data_return(
                data_request,
                by=request.user,
                due_on=dt.date.fromisoformat(data["due_on"]),
                received_on=data["received_on"],
                note=data["note"],
            )
        except DOMAIN_ERRORS as exc:
            refuse(form, exc)
            return render(request, "staff/data_return_form.html", context, status=status_for(exc))
        messages.success(request, "Return recorded.")
        return redirect("staff:notice", pk=data_request.notice_id)
    return render(
        request, "staff/data_return_form.html", context, status=400 if form.errors else 200
    )


# --- Correcting and removing what was recorded ---------------------------------------------------

RECORDS: dict[str, tuple[str, Any]] = {
    "engagements": ("engagement", EngagementChangeForm),
    "data-requests": ("data request", DataRequestChangeForm),
    "data-returns": ("return", DataReturnChangeForm),
}


def _recorded(request: HttpRequest, pk: int, record: str, item: int) -> tuple[Any, Any]:
    """The notice and its recorded engagement, data request or return `item`, for department
    staff; 404 for anything else."""
    if record not in RECORDS:
        raise Http404("No such kind of record")
    notice = department_notice(request, pk)
    if record == "engagements":
        found = list(notice.engagements.all())
    elif record == "data-requests":
        found = list(notice.data_requests.all())
    else:
        found = [r for d in notice.data_requests.all() for r in d.returns.all()]
    for candidate in found:
        if candidate.pk == item:
            return notice, candidate
    raise Http404("No such record on this notice")


@require_http_methods(["GET", "HEAD", "POST"])
def record_change(request: HttpRequest, pk: int, record: str, item: int) -> HttpResponse:
    """Correct an engagement, a data request or a return as recorded."""
    notice, found = _recorded(request, pk, record, item)
    noun, form_class = RECORDS[record]
    initial = {
        name: getattr(found, name) for name in form_class.base_fields if name != "form_token"
    }
    return form_page(
        request,
        form_class(request.POST or None, initial=initial),
        lambda values: engagement.correct_record(
            found,
            by=request.user,
            version=values["version"],
            values={k: v for k, v in values.items() if k not in ("form_token", "version")},
        ),
        page=("staff/record_form.html", {"notice": notice, "heading": f"Correct the {noun}"}),
        done=f"The {noun} was corrected.",
        then=lambda _: redirect(f"/staff/notices/{notice.pk}/#{record}"),
    )


@require_http_methods(["GET", "HEAD", "POST"])
def record_remove(request: HttpRequest, pk: int, record: str, item: int) -> HttpResponse:
    notice, found = _recorded(request, pk, record, item)
    noun = RECORDS[record][0]
    context = {
        "notice": notice,
        "heading": f"Remove the {noun}",
        "intro": f"Remove “{found}” from this notice's record? The removal is kept in its history.",
        "button": f"Remove the {noun}",
    }
    return form_page(
        request,
        VersionedForm(request.POST or None, initial={"version": found.version}),
        lambda values: engagement.remove_record(found, by=request.user, version=values["version"]),
        page=("staff/record_form.html", context),
        done=f"The {noun} was removed.",
        then=lambda _: redirect(f"/staff/notices/{notice.pk}/#{record}"),
    )
