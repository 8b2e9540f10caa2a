"""Reports under directions: the schedule, each report, and the department's responses."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
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
    ReportEditForm,
    ReportForm,
    ResponseForm,
    ScheduleForm,
)

# --- Reports and the department's responses ----------------------------------------------------


def _issued_directions(intervention: Any, pk: int) -> Any:
    directions = find(intervention.directions.all(), pk)
    if directions.status != "issued" or directions.kind != "directions":
        raise Http404("Reports are recorded against issued directions")
    return directions


@require_http_methods(GET_POST)
def report_schedule(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    directions = _issued_directions(intervention, pk)
    form = ScheduleForm(
        request.POST or None,
        initial={
            "first_after_months": directions.first_report_after_months
            or rules.DEFAULT_FIRST_REPORT_AFTER_MONTHS,
            "every_months": directions.report_every_months or rules.DEFAULT_REPORT_EVERY_MONTHS,
            "version": directions.version,
        },
    )
    return form_page(
        request,
        form,
        lambda: services.plan_reports(directions, by=actor(request), **form.cleaned_data),
        success="Report schedule set and the reports due under it listed.",
        to=page_url(intervention, selectors.anchor(directions)),
        title="Set the report schedule",
        intro="Reports usually fall due 3 months after the directions were made, then every 6 "
        "months. Each set of directions can set its own.",
        intervention=intervention,
    )


@require_http_methods(GET_POST)
def report_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    directions = _issued_directions(intervention, pk)
    form = ReportForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.record_report(
            by=actor(request), directions=directions, **form.cleaned_data
        ),
        success="Report recorded.",
        to=lambda r: page_url(intervention, selectors.anchor(r)),
        title="Record a report",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )


def _report(intervention: Any, pk: int) -> Any:
    reports = [r for d in intervention.directions.all() for r in d.reports.all()]
    return find(reports, pk)


@require_http_methods(GET_POST)
def report_edit(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    report = _report(intervention, pk)
    return edit_page(
        request,
        intervention,
        report,
        ReportEditForm,
        services.update_report,
        success="Report updated.",
        title="Record the report's receipt or publication",
    )


@require_http_methods(GET_POST)
def response_new(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    intervention = intervention_of(request, reference)
    caseworker_only(request)
    report = _report(intervention, pk)
    form = ResponseForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: services.record_department_response(
            by=actor(request), report=report, **form.cleaned_data
        ),
        success="The department's response recorded.",
        to=page_url(intervention, selectors.anchor(report)),
        title="Record the department's response",
        intervention=intervention,
        once=lambda _pk: page_url(intervention),
    )
