"""Correcting and removing the people recorded on a case (issue 17, point 3): an inspection's
inspectors, and the appointees of directions or of a review or panel. The people page says who
recorded each and who last changed them (from the audit log); the services decide what may
change and keep the public record to the approval rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.interventions import selectors, services
from bestvalue.records import history as record_history
from bestvalue.staff.forms import VersionedForm
from bestvalue.staff.interventions.common import (
    GET_POST,
    Can,
    actor,
    caseworker_only,
    edit_page,
    find,
    form_page,
    intervention_of,
)
from bestvalue.staff.interventions.forms import InspectorForm

# The steps whose people this page lists, and the related name of those people.
_PEOPLE = {"inspections": "inspectors", "directions": "appointees", "stages": "appointees"}
_STEPS = {
    "inspections": "inspections",
    "directions": "directions",
    "stages": "non_statutory_stages",
}


class InspectorEditForm(InspectorForm, VersionedForm):
    form_token = None  # type: ignore[assignment]  # it changes a record and makes none


class RemoveForm(VersionedForm):
    pass


def _step_and_people(request: HttpRequest, reference: str, step: str, pk: int) -> Any:
    if step not in _STEPS:
        raise Http404("No such step")
    intervention = intervention_of(request, reference)
    record = find(getattr(intervention, _STEPS[step]).all(), pk)
    return intervention, record, list(getattr(record, _PEOPLE[step]).all())


def who(person: Any) -> dict[str, Any]:
    """Who recorded the person and when, and who last changed them, from the audit log."""
    entries = record_history.history(person)
    first, last = (entries[-1], entries[0]) if entries else (None, None)
    return {"recorded": first, "changed": last if len(entries) > 1 else None}


@require_safe
def people(request: HttpRequest, reference: str, step: str, pk: int) -> HttpResponse:
    intervention, record, found = _step_and_people(request, reference, step, pk)
    return render(
        request,
        "interventions/people.html",
        {
            "intervention": intervention,
            "record": record,
            "step": step,
            "people": [(person, who(person)) for person in found],
            "step_name": selectors.anchor(record),
            "can": Can(request.user),
            "history": record_history.history(record, *found),
        },
    )


@require_http_methods(GET_POST)
def inspector_edit(request: HttpRequest, reference: str, pk: int, person: int) -> HttpResponse:
    caseworker_only(request)
    intervention, _inspection, found = _step_and_people(request, reference, "inspections", pk)
    inspector = find(found, person)
    return edit_page(
        request,
        intervention,
        inspector,
        InspectorEditForm,
        services.update_inspector,
        success="Inspector corrected.",
        title="Correct the inspector",
        to=_people_url(intervention, "inspections", pk),
        intro="A change to an inspector on the public record takes them off it until an "
        "approver publishes the change.",
    )


@require_http_methods(GET_POST)
def person_remove(
    request: HttpRequest, reference: str, step: str, pk: int, person: int
) -> HttpResponse:
    caseworker_only(request)
    intervention, _record, found = _step_and_people(request, reference, step, pk)
    removed = find(found, person)
    remove = services.remove_inspector if step == "inspections" else services.remove_appointee
    form: forms.Form = RemoveForm(request.POST or None, initial={"version": removed.version})
    return form_page(
        request,
        form,
        lambda: remove(removed, by=actor(request), **form.cleaned_data),
        success=f"{removed.name or 'The person'} removed.",
        to=_people_url(intervention, step, pk),
        title=f"Remove {removed.name or 'this person'}",
        button="Remove",
        intervention=intervention,
        intro="The removal is recorded in the case's history.",
    )


def _people_url(intervention: Any, step: str, pk: int) -> str:
    return reverse(
        "staff:intervention-people",
        kwargs={"reference": intervention.reference, "step": step, "pk": pk},
    )
