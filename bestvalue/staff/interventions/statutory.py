"""Drafting minded-to letters and directions (s.15), representations and appointees."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from bestvalue.interventions import rules, selectors, services
from bestvalue.staff.interventions.common import (
    GET_POST,
    KIND_NOUNS,
    actor,
    caseworker_only,
    draft_only,
    edit_page,
    find,
    form_page,
    intervention_of,
    page_url,
)
from bestvalue.staff.interventions.statutory_forms import (
    DIRECTIONS_KINDS,
    AppointeeEditForm,
    AppointeeForm,
    DirectionsEditForm,
    DirectionsForm,
    MindedToEditForm,
    MindedToForm,
    RepresentationForm,
)

# --- Minded-to letters -----------------------------------------------------------------------


def _letter_initial(letter: Any) -> dict[str, Any]:
    names = [n for n in MindedToForm.base_fields if n not in ("window", "form_token")]
    initial = {n: getattr(letter, n) for n in names}
    initial["window"] = "foregone" if letter.window_foregone else "invited"
    initial["version"] = letter.version
    return initial


@require_http_methods(GET_POST)
def minded_to_new(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    form = MindedToForm(request.POST or None, initial={"window": "invited"})
    return form_page(
        request,
        form,
        lambda: services.draft_minded_to(
            by=actor(request), intervention=intervention, **form.letter_fields()
        ),
        success="Minded-to letter drafted. Send it for approval when it is ready.",
        to=lambda letter: page_url(intervention, selectors.anchor(letter)),
        title="Draft a minded-to letter",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )


@require_http_methods(GET_POST)
def minded_to_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    letter = draft_only(request, find(intervention.minded_to_letters.all(), pk))
    form = MindedToEditForm(request.POST or None, initial=_letter_initial(letter))
    return form_page(
        request,
        form,
        lambda: services.update_minded_to(
            letter,
            by=actor(request),
            version=form.cleaned_data["version"],
            **form.letter_fields(),
        ),
        success="Draft letter saved.",
        to=page_url(intervention, selectors.anchor(letter)),
        title="Change the draft minded-to letter",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def representation_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    letter = find(intervention.minded_to_letters.all(), pk)
    form = RepresentationForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.record_representation(
            by=actor(request), minded_to=letter, **form.cleaned_data
        ),
        success="Representations recorded.",
        to=page_url(intervention, selectors.anchor(letter)),
        title="Record representations",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )


# --- Directions, later records and appointees -----------------------------------------------


def _amendable(intervention: Any) -> list[tuple[int, str]]:
    return [
        (d.pk, f"Directions made {rules.date_text(d.made_on, d.made_on_approx)}")
        for d in selectors.amendable_directions(intervention)
    ]


def _directions_fields(intervention: Any, form: DirectionsForm) -> dict[str, Any]:
    """The form's data as the services take it, with the directions it acts on found."""
    data = form.directions_fields()
    if "amends" in data:
        pk = data["amends"]
        data["amends"] = None if pk is None else find(intervention.directions.all(), pk)
    return data


@require_http_methods(GET_POST)
def directions_new(request: HttpRequest, reference: str, kind: str) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    if kind not in DIRECTIONS_KINDS:
        raise Http404("No such kind of record")
    amendable = _amendable(intervention)
    initial = {"first_report_after_months": 3, "report_every_months": 6, "partial": "complete"}
    if amendable:
        initial["amends"] = amendable[-1][0]
    form = DirectionsForm(request.POST or None, initial=initial, kind=kind, amendable=amendable)
    return form_page(
        request,
        form,
        lambda: services.draft_directions(
            by=actor(request),
            intervention=intervention,
            kind=kind,
            **_directions_fields(intervention, form),
        ),
        success=f"Draft of {KIND_NOUNS[kind]} saved. Send it for approval when it is ready.",
        to=lambda d: page_url(intervention, selectors.anchor(d)),
        title=f"Draft {KIND_NOUNS[kind]}",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )


@require_http_methods(GET_POST)
def directions_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    directions = draft_only(request, find(intervention.directions.all(), pk))
    names = [n for n in DirectionsForm.base_fields if n not in ("amends", "partial", "form_token")]
    initial = {n: getattr(directions, n, None) for n in names}
    initial.update(
        amends=directions.amends_id,
        partial="partial" if directions.partial else "complete",
        first_report_after_months=directions.first_report_after_months or 3,
        report_every_months=directions.report_every_months or 6,
        version=directions.version,
    )
    form = DirectionsEditForm(
        request.POST or None,
        initial=initial,
        kind=directions.kind,
        amendable=[a for a in _amendable(intervention) if a[0] != directions.pk],
    )

    return form_page(
        request,
        form,
        lambda: services.update_directions(
            directions,
            by=actor(request),
            version=form.cleaned_data["version"],
            **_directions_fields(intervention, form),
        ),
        success="Draft saved.",
        to=page_url(intervention, selectors.anchor(directions)),
        title=f"Change the draft: {KIND_NOUNS[directions.kind]}",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def appointee_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    directions = draft_only(request, find(intervention.directions.all(), pk))
    form = AppointeeForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.add_appointee(
            by=actor(request), directions=directions, **form.cleaned_data
        ),
        success="Appointee added.",
        to=page_url(intervention, selectors.anchor(directions)),
        title="Add an appointee",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )


@require_http_methods(GET_POST)
def appointee_edit(request: HttpRequest, reference: str, pk: int, appointee: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    directions = draft_only(request, find(intervention.directions.all(), pk))
    person = find(directions.appointees.all(), appointee)
    return edit_page(
        request,
        intervention,
        person,
        AppointeeEditForm,
        services.update_appointee,
        success="Appointee updated.",
        title="Change the appointee",
        to=page_url(intervention, selectors.anchor(directions)),
    )
