"""Recording best value inspections (s.10): the inspection, inspectors, extensions and findings."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from bestvalue.interventions import rules, selectors, services
from bestvalue.staff.interventions.common import (
    GET_POST,
    actor,
    caseworker_only,
    edit_page,
    find,
    form_page,
    intervention_of,
    page_url,
)
from bestvalue.staff.interventions.forms import (
    ExtensionForm,
    FindingsForm,
    InspectionEditForm,
    InspectionForm,
    InspectorForm,
)

# --- Inspections -------------------------------------------------------------------------------


@require_http_methods(GET_POST)
def inspection_new(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    form = InspectionForm(request.POST or None)

    def save() -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if "inspector" not in k}
        return services.record_inspection(
            by=actor(request), intervention=intervention, inspectors=form.inspectors(), **data
        )

    return form_page(
        request,
        form,
        save,
        success="Inspection recorded.",
        to=lambda i: page_url(intervention, selectors.anchor(i)),
        title="Record a best value inspection",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )


@require_http_methods(GET_POST)
def inspection_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    inspection = find(intervention.inspections.all(), pk)
    return edit_page(
        request,
        intervention,
        inspection,
        InspectionEditForm,
        services.update_inspection,
        success="Inspection updated.",
        title="Change the inspection",
    )


@require_http_methods(GET_POST)
def inspector_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    inspection = find(intervention.inspections.all(), pk)
    form = InspectorForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.add_inspector(
            by=actor(request), inspection=inspection, **form.cleaned_data
        ),
        success="Inspector added.",
        to=page_url(intervention, selectors.anchor(inspection)),
        title="Add an inspector",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )


@require_http_methods(GET_POST)
def inspection_extend(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    inspection = find(intervention.inspections.all(), pk)
    form = ExtensionForm(request.POST or None)
    deadline = inspection.deadline
    return form_page(
        request,
        form,
        lambda: services.extend_inspection_deadline(
            by=actor(request), inspection=inspection, **form.cleaned_data
        ),
        success="Deadline extended.",
        to=page_url(intervention, selectors.anchor(inspection)),
        title="Extend the report deadline",
        intro=f"The deadline in force is {rules.date_text(deadline)}." if deadline else "",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )


@require_http_methods(GET_POST)
def inspection_findings(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    inspection = find(intervention.inspections.all(), pk)
    words = {True: "meets", False: "fails"}
    initial: dict[str, Any] = {}
    for f in inspection.findings.all():
        initial[f"verdict_{f.theme.key}"] = words[f.meets_duty]
        initial[f"summary_{f.theme.key}"] = f.summary
    form = FindingsForm(request.POST or None, initial=initial)
    return form_page(
        request,
        form,
        lambda: services.record_findings(
            by=actor(request),
            record=inspection,
            verdicts=form.verdicts(),
            summaries=form.summaries(),
        ),
        success="Findings recorded.",
        to=page_url(intervention, selectors.anchor(inspection)),
        title="Findings on each theme",
        intro="Whether the inspectors found the authority meets the best value duty on each "
        "theme of the statutory guidance.",
        intervention=intervention,
    )
