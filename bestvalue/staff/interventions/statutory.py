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
    edit_page,
    find,
    page_url,
)
from bestvalue.staff.interventions.recording import (
    Recording,
    caseworker_intervention,
    on_record,
    record_page,
    recording_view,
    related,
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

_LETTER = related("minded_to_letters")
_DIRECTIONS = related("directions")

# --- Minded-to letters -----------------------------------------------------------------------


def _letter_initial(letter: Any) -> dict[str, Any]:
    names = [n for n in MindedToForm.base_fields if n not in ("window", "form_token")]
    initial = {n: getattr(letter, n) for n in names}
    initial["window"] = "foregone" if letter.window_foregone else "invited"
    initial["version"] = letter.version
    return initial


@require_http_methods(GET_POST)
def minded_to_new(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = caseworker_intervention(request, reference)
    form = MindedToForm(request.POST or None, initial={"window": "invited"})
    return record_page(
        request,
        intervention,
        form,
        lambda: services.draft_minded_to(
            by=actor(request), intervention=intervention, **form.letter_fields()
        ),
        words=(
            "Minded-to letter drafted. Send it for approval when it is ready.",
            "Draft a minded-to letter",
        ),
    )


@require_http_methods(GET_POST)
def minded_to_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention, letter = on_record(request, reference, pk, _LETTER, drafts_only=True)
    form = MindedToEditForm(request.POST or None, initial=_letter_initial(letter))
    return _draft_page(
        request,
        intervention,
        letter,
        form,
        services.update_minded_to,
        form.letter_fields,
        words=("Draft letter saved.", "Change the draft minded-to letter"),
    )


def _draft_page(
    request: HttpRequest,
    intervention: Any,
    draft: Any,
    form: Any,
    update: Any,
    fields: Any,
    *,
    words: tuple[str, str],
) -> HttpResponse:
    """A draft letter or directions changed by `update(draft, by=, version=, **fields())`."""
    return record_page(
        request,
        intervention,
        form,
        lambda: update(draft, by=actor(request), version=form.cleaned_data["version"], **fields()),
        words=words,
        at=draft,
        once=False,
    )


representation_new = recording_view(
    Recording(
        RepresentationForm,
        services.record_representation,
        "minded_to",
        _LETTER,
        ("Representations recorded.", "Record representations"),
    )
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
    intervention = caseworker_intervention(request, reference)
    if kind not in DIRECTIONS_KINDS:
        raise Http404("No such kind of record")
    amendable = _amendable(intervention)
    initial = {"first_report_after_months": 3, "report_every_months": 6, "partial": "complete"}
    if amendable:
        initial["amends"] = amendable[-1][0]
    form = DirectionsForm(request.POST or None, initial=initial, kind=kind, amendable=amendable)
    return record_page(
        request,
        intervention,
        form,
        lambda: services.draft_directions(
            by=actor(request),
            intervention=intervention,
            kind=kind,
            **_directions_fields(intervention, form),
        ),
        words=(
            f"Draft of {KIND_NOUNS[kind]} saved. Send it for approval when it is ready.",
            f"Draft {KIND_NOUNS[kind]}",
        ),
    )


@require_http_methods(GET_POST)
def directions_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention, directions = on_record(request, reference, pk, _DIRECTIONS, drafts_only=True)
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
    return _draft_page(
        request,
        intervention,
        directions,
        form,
        services.update_directions,
        lambda: _directions_fields(intervention, form),
        words=("Draft saved.", f"Change the draft: {KIND_NOUNS[directions.kind]}"),
    )


appointee_new = recording_view(
    Recording(
        AppointeeForm,
        services.add_appointee,
        "directions",
        _DIRECTIONS,
        ("Appointee added.", "Add an appointee"),
        drafts_only=True,
    )
)


@require_http_methods(GET_POST)
def appointee_edit(request: HttpRequest, reference: str, pk: int, appointee: int) -> HttpResponse:
    intervention, directions = on_record(request, reference, pk, _DIRECTIONS, drafts_only=True)
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
