"""What the improvement pages share: finding a record and checking who may see or change it
(bestvalue.improvement.permissions), and the one form page every create and edit page uses.
Shared page helpers come from staff/pages.py; nothing here is imported by another room."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from bestvalue.improvement import permissions, selectors
from bestvalue.improvement.errors import FieldRefused, ReadingsRefused, UploadRefused
from bestvalue.records.history import history, history_of_type
from bestvalue.staff.pages import (
    DOMAIN_ERRORS,
    OnceForm,
    create_once,
    error_text,
    offer_retry,
    status_for,
)

FORM_METHODS = ["GET", "HEAD", "POST"]


def found(record: Any) -> Any:
    if record is None:
        raise Http404("No such record")
    return record


def allowed(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied("This record belongs to another authority or board.")


def visible(allowed: bool) -> None:
    """A record of another authority or board answers as one that does not exist (404, not 403),
    so that record numbers tell nobody how many records others have."""
    if not allowed:
        raise Http404("No such record")


def authority_for(request: HttpRequest, gss_code: str, *, edit: bool = False) -> Any:
    check = permissions.can_edit_authority if edit else permissions.can_read_authority
    # Refuse by role first, so that those who may never see a workspace learn nothing from it.
    allowed(permissions.can_use_workspaces(request.user))
    authority = found(selectors.authority_for_improvement(gss_code))
    allowed(check(request.user, authority.pk))
    return authority


def owned(request: HttpRequest, record: Any, *, edit: bool = False) -> Any:
    """A record of an authority's plan, measures or evidence, if the user may see (or change) it."""
    allowed(permissions.can_use_workspaces(request.user))
    record = found(record)
    visible(permissions.can_read_authority(request.user, record.authority_id))
    if edit:
        allowed(permissions.can_edit_authority(request.user, record.authority_id))
    return record


def board_for(request: HttpRequest, board: Any, *, edit: bool = False) -> Any:
    board = found(board)
    allowed(
        (permissions.can_edit_board if edit else permissions.can_read_board)(request.user, board)
    )
    return board


def form_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    save: Callable[[dict[str, Any]], Any],
    success: str,
    to: Callable[[Any], str],
    landing: Callable[[str], str] | None = None,
    error_field: str | None = None,
) -> HttpResponse:
    """The one form page: show the form; on a valid POST call `save` with the form's data, then
    redirect to `to(result)`. A create form (OnceForm) makes its record once: sent again, it
    lands on `landing(id of the record made)` with a message and makes nothing. A refusal (bad
    input, a stale version, a role) is shown by its field or in the error summary, with the
    user's input kept."""
    form: Form = context["form"]
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "form_token"}
        try:
            if isinstance(form, OnceForm):
                result = create_once(
                    request,
                    form,
                    lambda: save(data),
                    landing=landing or (lambda object_id: request.path),
                )
                if isinstance(result, HttpResponse):
                    return result
            else:
                result = save(data)
        except (*DOMAIN_ERRORS, ReadingsRefused) as exc:
            problems = exc.problems if isinstance(exc, ReadingsRefused) else [error_text(exc)]
            field = _refused_field(exc, form, error_field)
            if isinstance(exc, ReadingsRefused):
                form.add_error(field, "Nothing was imported: correct the file and upload it again.")
            for problem in problems:
                form.add_error(field, problem)
            offer_retry(form, exc)
            return render(request, template, context, status=status_for(exc))
        messages.success(request, success)
        return redirect(to(result))
    return render(request, template, context, status=400 if form.errors else 200)


@dataclass(frozen=True)
class RecordPage:
    """The form page of a record shown on its own page, `shows` (a staff URL name taking the
    record's pk): after saving, and when a create form is sent again, the user lands there, at
    `anchor`."""

    template: str
    shows: str
    anchor: str = ""

    def page(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        *,
        save: Callable[[dict[str, Any]], Any],
        success: str,
        pk: int | None = None,
        **options: Any,
    ) -> HttpResponse:
        """form_page, landing on the record saved, or on `pk` where the page shows another (a
        reading is shown on its measure's page)."""

        def shown(saved_pk: Any) -> str:
            return url_for(self.shows, pk=int(saved_pk if pk is None else pk)) + self.anchor

        return form_page(
            request,
            self.template,
            context,
            save=save,
            success=success,
            to=lambda saved: shown(saved.pk),
            landing=shown,
            **options,
        )

    def new_in_plan(
        self,
        request: HttpRequest,
        gss_code: str,
        form_class: Callable[..., Form],
        add: Callable[..., Any],
        success: str,
        initial: dict[str, Any] | None = None,
    ) -> HttpResponse:
        """The page that adds to an authority's plan a record answering its notices'
        expectations (an action, a measure) with `add(authority, by=, **data)`; the page says so
        when there are no published expectations to answer yet."""
        authority = authority_for(request, gss_code, edit=True)
        expectations = selectors.expectation_choices(authority.pk)
        form = form_class(request.POST or None, initial=initial, expectations=expectations)
        return self.page(
            request,
            {"form": form, "authority": authority, "no_notice": not expectations},
            save=lambda data: add(authority, by=request.user, **data),
            success=success,
        )

    def on_record(
        self,
        request: HttpRequest,
        form: Form,
        name: str,
        record: Any,
        service: Callable[..., Any],
        success: str,
        **context: Any,
    ) -> HttpResponse:
        """The page that changes a record (shown as `name`), or adds to it (progress to an
        action, a reading to a measure), with `service(record, by=, **data)`, landing back on
        the record's page."""
        return self.page(
            request,
            {"form": form, name: record, **context},
            save=lambda data: service(record, by=request.user, **data),
            success=success,
            pk=record.pk,
        )


def import_page(
    request: HttpRequest,
    template: str,
    context: dict[str, Any],
    *,
    importer: Callable[..., Any],
    most: int,
    success: str,
    to: Callable[[Any], str],
) -> HttpResponse:
    """The form page of a file import: the upload (read up to `most` bytes and one more, so an
    oversized file is refused by the importer) is handed to `importer(by=, data=, filename=)`,
    whose refusal lists every problem by the file field."""

    def save(data: dict[str, Any]) -> Any:
        upload = data["file"]
        return importer(by=request.user, data=upload.read(most + 1), filename=upload.name)

    return form_page(
        request, template, context, save=save, success=success, to=to, error_field="file"
    )


def _refused_field(exc: Exception, form: Form, error_field: str | None) -> str | None:
    """The field a service's refusal is about, so the error is shown by it and the summary links
    to it; None (the form as a whole) when it is about no one field."""
    if isinstance(exc, FieldRefused) and exc.field in form.fields:
        return exc.field
    return error_field if isinstance(exc, (UploadRefused, ReadingsRefused)) else None


def posted(request: HttpRequest) -> tuple[Any, Any]:
    """A form's data and files: bound on any POST, even one with no fields but a file."""
    return (request.POST, request.FILES) if request.method == "POST" else (None, None)


def url_for(name: str, **kwargs: Any) -> str:
    return reverse(f"staff:{name}", kwargs=kwargs)


def detail_page(
    request: HttpRequest, template: str, name: str, record: Any, *parts: Any, **context: Any
) -> HttpResponse:
    """A record's own page: the record (as `name`), whether the user may change it, its history
    (with that of its `parts`) and whatever else the page shows."""
    context[name] = record
    context["can_edit"] = permissions.can_edit_authority(request.user, record.authority_id)
    context["history"] = history_of(record, *parts)
    return render(request, template, context)


def history_of(record: Any, *parts: Any) -> list[Any]:
    """The record's history in plain words (who did what and when, with before and after), from
    the audit log: its own events and those of its parts (a measure's readings), newest first."""
    entries = history(record)
    if parts:
        label = parts[0]._meta.label_lower
        entries += history_of_type(label, [p.pk for p in parts])
    return sorted(entries, key=lambda e: e.at, reverse=True)
