"""What the department's intervention pages share: the intervention looked up for the signed-in
department user, the role checks, what the user may do (`Can`), the one form page (show a form,
call a service, show its refusal at the field), and the intervention page's context. Who may use
each page is in bestvalue/interventions/README.md and tests/access.py."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from bestvalue.accounts import permissions
from bestvalue.core import clock
from bestvalue.interventions import rules, selectors, services
from bestvalue.interventions.services import publication
from bestvalue.letters.selectors import step_letter_files
from bestvalue.records import history as record_history
from bestvalue.records import selectors as record_selectors
from bestvalue.staff.pages import DOMAIN_ERRORS, create_once, error_text, offer_retry, status_for

FORM = "interventions/form.html"
GET_POST = ["GET", "HEAD", "POST"]
# The words for each kind of directions-family record, in headings and messages.
KIND_NOUNS = {
    "directions": "directions",
    "extension": "an extension of the directions",
    "revocation": "a revocation of the directions",
    "expiry": "the expiry of the directions",
    "exit": "the exit",
    "appointment": "a change of appointees",
}


@dataclass(frozen=True)
class Can:
    """What the signed-in user may do to each record, from the same predicates the views check,
    so that a button is shown exactly when its action would be allowed."""

    user: Any

    @property
    def record(self) -> bool:
        return permissions.can_draft(self.user)

    def edit(self, record: Any) -> bool:
        return permissions.can_edit_draft(self.user, record)

    def return_(self, record: Any) -> bool:
        return permissions.is_department(self.user) and record.status == "awaiting_approval"

    def refusal(self, record: Any) -> str | None:
        return services.approval_refusal(self.user, record)

    def publish(self, intervention: Any) -> bool:
        return publication.refusal(self.user, intervention) is None

    def approve(self, record: Any) -> bool:
        return self.refusal(record) is None


def add_errors(form: forms.BaseForm, exc: Exception) -> None:
    """A refusal from a service, shown at the field it names (or above the form); a stale edit
    shown again ready to save over the current version (staff.pages.offer_retry)."""
    offer_retry(form, exc)
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
    else:
        form.add_error(None, error_text(exc))


def actor(request: HttpRequest) -> Any:
    """The signed-in user, who does what the services record (checked by the role helpers)."""
    return request.user


def department_only(request: HttpRequest) -> None:
    if not permissions.is_department(request.user):
        raise PermissionDenied("Interventions in the case workspace are for the department.")


def caseworker_only(request: HttpRequest) -> None:
    if not permissions.can_draft(request.user):
        raise PermissionDenied("Only caseworkers record inspections and interventions.")


def intervention_of(request: HttpRequest, reference: str) -> Any:
    department_only(request)
    intervention = selectors.intervention_by_reference(reference, public=False)
    if intervention is None:
        raise Http404("No such intervention")
    return intervention


def find(records: Iterable[Any], pk: int) -> Any:
    found = next((r for r in records if r.pk == pk), None)
    if found is None:
        raise Http404("No such record in this intervention")
    return found


def draft_only(request: HttpRequest, record: Any) -> Any:
    if not permissions.can_edit_draft(request.user, record):
        raise PermissionDenied("Only a caseworker can change a draft.")
    return record


def page_url(intervention: Any, anchor: str = "") -> str:
    url = reverse("staff:intervention", kwargs={"reference": intervention.reference})
    return f"{url}#{anchor}" if anchor else url


def _without_token(form: forms.Form, save: Callable[[], Any]) -> Callable[[], Any]:
    """`save` with the one-time token (read by create_once first) left out of the form's data,
    which the views hand to the services as it is."""

    def make() -> Any:
        form.cleaned_data.pop("form_token", None)
        return save()

    return make


def form_page(
    request: HttpRequest,
    form: forms.Form,
    save: Callable[[], Any],
    *,
    success: str,
    to: str | Callable[[Any], str],
    once: Callable[[str], str] | None = None,
    **context: Any,
) -> HttpResponse:
    """The one form page: show the form; on a valid POST call `save` and go to `to`, or show
    the service's refusal at the field it names. A create form (`once`, the landing page for a
    record already made) makes its record at most once (staff.pages.create_once)."""
    context = {"form": form, **context}
    if request.method == "POST" and form.is_valid():
        try:
            saved = (
                create_once(request, form, _without_token(form, save), landing=once)
                if once
                else _without_token(form, save)()
            )
        except DOMAIN_ERRORS as exc:
            add_errors(form, exc)
            return render(request, FORM, context, status=status_for(exc))
        if isinstance(saved, HttpResponse):
            return saved  # the same form sent again: the record the first one made
        messages.success(request, success)
        return redirect(to(saved) if callable(to) else to)
    return render(request, FORM, context, status=400 if form.errors else 200)


def edit_page(
    request: HttpRequest,
    intervention: Any,
    record: Any,
    form_class: type[forms.Form],
    update: Callable[..., Any],
    *,
    success: str,
    title: str,
    to: str | None = None,
    **context: Any,
) -> HttpResponse:
    """The one page that changes a recorded item: the form opened on the record's values and
    version, `update(record, by=..., **cleaned_data)` on a valid POST (a stale version is
    refused by the service), then back to the item on the intervention's page, or `to`."""
    names = [n for n in form_class.base_fields if n != "version"]
    initial = {n: getattr(record, n) for n in names} | {"version": record.version}
    form = form_class(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda: update(record, by=actor(request), **form.cleaned_data),
        success=success,
        to=to or page_url(intervention, selectors.anchor(record)),
        title=title,
        intervention=intervention,
        **context,
    )


def page_context(request: HttpRequest, intervention: Any, **extra: Any) -> dict[str, Any]:
    return {
        "intervention": intervention,
        "steps": selectors.steps(intervention),
        "periods": selectors.in_force_text(intervention),
        "amendable": selectors.amendable_directions(intervention),
        "when": rules.date_text,
        "legal_basis_labels": dict(selectors.legal_basis_choices()),
        "annual_cost": selectors.estimated_annual_cost,
        "letter_files": step_letter_files(intervention.pk),
        "can": Can(request.user),
        "approval_of": record_selectors.approval_of,
        "last_return": record_selectors.last_return,
        "unpublished": publication.unpublished(intervention),
        "awaiting": publication.awaiting(intervention),
        "history": record_history.history(
            intervention,
            *(step.record for step in selectors.steps(intervention)),
            *publication.unpublished(intervention),
            *publication.awaiting(intervention),
        ),
        "notes": selectors.notes_of(intervention),
        "staff": True,
        "today": clock.today(),
        **extra,
    }


def show_intervention(
    request: HttpRequest,
    reference: str,
    *,
    error: str = "",
    status: int = 200,
    error_at: str = "steps",
) -> HttpResponse:
    """The intervention's page, with a refusal in its error summary linking to `error_at`."""
    intervention = intervention_of(request, reference)
    return render(
        request,
        "interventions/staff_detail.html",
        page_context(request, intervention, error=error, error_at=error_at),
        status=status,
    )
