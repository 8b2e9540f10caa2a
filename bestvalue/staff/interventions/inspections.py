"""Recording best value inspections (s.10): the inspection, inspectors, extensions and findings."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from bestvalue.interventions import rules, services
from bestvalue.staff.interventions.common import GET_POST, actor
from bestvalue.staff.interventions.forms import (
    ExtensionForm,
    FindingsForm,
    InspectionEditForm,
    InspectionForm,
    InspectorForm,
)
from bestvalue.staff.interventions.recording import (
    Editing,
    Recording,
    caseworker_intervention,
    editing_view,
    on_record,
    record_page,
    recording_view,
    related,
)

_INSPECTION = related("inspections")


@require_http_methods(GET_POST)
def inspection_new(request: HttpRequest, reference: str) -> HttpResponse:
    intervention = caseworker_intervention(request, reference)
    form = InspectionForm(request.POST or None)

    def save() -> Any:
        data = {k: v for k, v in form.cleaned_data.items() if "inspector" not in k}
        return services.record_inspection(
            by=actor(request), intervention=intervention, inspectors=form.inspectors(), **data
        )

    return record_page(
        request,
        intervention,
        form,
        save,
        words=("Inspection recorded.", "Record a best value inspection"),
    )


inspection_edit = editing_view(
    Editing(
        _INSPECTION,
        InspectionEditForm,
        services.update_inspection,
        ("Inspection updated.", "Change the inspection"),
    )
)

inspector_new = recording_view(
    Recording(
        InspectorForm,
        services.add_inspector,
        "inspection",
        _INSPECTION,
        ("Inspector added.", "Add an inspector"),
    )
)


@require_http_methods(GET_POST)
def inspection_extend(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention, inspection = on_record(request, reference, pk, _INSPECTION)
    form = ExtensionForm(request.POST or None)
    deadline = inspection.deadline
    return record_page(
        request,
        intervention,
        form,
        lambda: services.extend_inspection_deadline(
            by=actor(request), inspection=inspection, **form.cleaned_data
        ),
        words=("Deadline extended.", "Extend the report deadline"),
        at=inspection,
        intro=f"The deadline in force is {rules.date_text(deadline)}." if deadline else "",
    )


@require_http_methods(GET_POST)
def inspection_findings(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention, inspection = on_record(request, reference, pk, _INSPECTION)
    words = {True: "meets", False: "fails"}
    initial: dict[str, Any] = {}
    for f in inspection.findings.all():
        initial[f"verdict_{f.theme.key}"] = words[f.meets_duty]
        initial[f"summary_{f.theme.key}"] = f.summary
    form = FindingsForm(request.POST or None, initial=initial)
    return record_page(
        request,
        intervention,
        form,
        lambda: services.record_findings(
            by=actor(request),
            record=inspection,
            verdicts=form.verdicts(),
            summaries=form.summaries(),
        ),
        words=("Findings recorded.", "Findings on each theme"),
        at=inspection,
        once=False,
        intro="Whether the inspectors found the authority meets the best value duty on each "
        "theme of the statutory guidance.",
    )
