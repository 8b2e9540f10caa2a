"""Reports under directions: the schedule, each report, and the department's responses."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from bestvalue.interventions import rules, services
from bestvalue.staff.interventions.common import GET_POST, actor, find
from bestvalue.staff.interventions.forms import (
    ReportEditForm,
    ReportForm,
    ResponseForm,
    ScheduleForm,
)
from bestvalue.staff.interventions.recording import (
    Editing,
    Recording,
    editing_view,
    on_record,
    record_page,
    recording_view,
)

# --- Reports and the department's responses ----------------------------------------------------


def _issued_directions(intervention: Any, pk: int) -> Any:
    directions = find(intervention.directions.all(), pk)
    if directions.status != "issued" or directions.kind != "directions":
        raise Http404("Reports are recorded against issued directions")
    return directions


def _report(intervention: Any, pk: int) -> Any:
    reports = [r for d in intervention.directions.all() for r in d.reports.all()]
    return find(reports, pk)


@require_http_methods(GET_POST)
def report_schedule(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention, directions = on_record(request, reference, pk, _issued_directions)
    form = ScheduleForm(
        request.POST or None,
        initial={
            "first_after_months": directions.first_report_after_months
            or rules.DEFAULT_FIRST_REPORT_AFTER_MONTHS,
            "every_months": directions.report_every_months or rules.DEFAULT_REPORT_EVERY_MONTHS,
            "version": directions.version,
        },
    )
    return record_page(
        request,
        intervention,
        form,
        lambda: services.plan_reports(directions, by=actor(request), **form.cleaned_data),
        words=(
            "Report schedule set and the reports due under it listed.",
            "Set the report schedule",
        ),
        at=directions,
        once=False,
        intro="Reports usually fall due 3 months after the directions were made, then every 6 "
        "months. Each set of directions can set its own.",
    )


report_new = recording_view(
    Recording(
        ReportForm,
        services.record_report,
        "directions",
        _issued_directions,
        ("Report recorded.", "Record a report"),
        to_new=True,
    )
)

report_edit = editing_view(
    Editing(
        _report,
        ReportEditForm,
        services.update_report,
        ("Report updated.", "Record the report's receipt or publication"),
    )
)

response_new = recording_view(
    Recording(
        ResponseForm,
        services.record_department_response,
        "report",
        _report,
        ("The department's response recorded.", "Record the department's response"),
    )
)
