"""The department's intervention pages, under /staff/ (names in the `staff` namespace).

The pages are tables of (path, view, URL name): the list's under /staff/interventions/, and one
intervention's under /staff/interventions/<reference>/, named "intervention-" and the name given
("intervention" alone for the intervention's own page)."""

from collections.abc import Callable

from django.http import HttpResponseBase
from django.urls import path

from bestvalue.staff.interventions import (
    approval,
    case_list,
    cases,
    inspections,
    notes,
    people,
    reports,
    statutory,
)

_REFERENCE = "interventions/<slug:reference>"
# (path, view, URL name)
Pages = list[tuple[str, Callable[..., HttpResponseBase], str]]

_ONE: Pages = [
    ("", cases.intervention_detail, ""),
    ("edit/", cases.intervention_edit, "edit"),
    ("notes/new/", notes.note_new, "note-new"),
    ("<slug:step>/<int:pk>/people/", people.people, "people"),
    ("inspections/<int:pk>/inspectors/<int:person>/edit/", people.inspector_edit, "inspector-edit"),
    ("<slug:step>/<int:pk>/people/<int:person>/remove/", people.person_remove, "person-remove"),
    ("inspections/new/", inspections.inspection_new, "inspection-new"),
    ("inspections/<int:pk>/edit/", inspections.inspection_edit, "inspection-edit"),
    ("inspections/<int:pk>/inspectors/new/", inspections.inspector_new, "inspector-new"),
    ("inspections/<int:pk>/extensions/new/", inspections.inspection_extend, "inspection-extend"),
    ("inspections/<int:pk>/findings/", inspections.inspection_findings, "inspection-findings"),
    ("minded-to/new/", statutory.minded_to_new, "minded-to-new"),
    ("minded-to/<int:pk>/edit/", statutory.minded_to_edit, "minded-to-edit"),
    ("minded-to/<int:pk>/representations/new/", statutory.representation_new, "representation-new"),
    ("directions/new/<slug:kind>/", statutory.directions_new, "directions-new"),
    ("directions/<int:pk>/edit/", statutory.directions_edit, "directions-edit"),
    ("directions/<int:pk>/appointees/new/", statutory.appointee_new, "appointee-new"),
    ("directions/<int:pk>/appointees/<int:appointee>/", statutory.appointee_edit, "appointee-edit"),
    ("directions/<int:pk>/schedule/", reports.report_schedule, "report-schedule"),
    ("directions/<int:pk>/reports/new/", reports.report_new, "report-new"),
    ("reports/<int:pk>/edit/", reports.report_edit, "report-edit"),
    ("reports/<int:pk>/responses/new/", reports.response_new, "response-new"),
    # Four eyes on minded-to letters and directions (stage is "minded-to" or "directions").
    ("<slug:stage>/<int:pk>/submit/", approval.stage_submit, "stage-submit"),
    ("<slug:stage>/<int:pk>/return/", approval.stage_return, "stage-return"),
    ("<slug:stage>/<int:pk>/approve/", approval.stage_approve, "stage-approve"),
    ("publication/submit/", approval.publication_submit, "publication-submit"),
    ("publication/approve/", approval.publication_approve, "publication-approve"),
    ("publication/return/", approval.publication_return, "publication-return"),
]

_LIST: Pages = [
    ("", case_list.intervention_list, "interventions"),
    ("list.<slug:fmt>", case_list.intervention_list_download, "interventions-download"),
    ("new/", cases.intervention_new, "intervention-new"),
]

urlpatterns = [
    *(path(f"interventions/{suffix}", view, name=name) for suffix, view, name in _LIST),
    *(
        path(
            f"{_REFERENCE}/{suffix}", view, name=f"intervention-{name}" if name else "intervention"
        )
        for suffix, view, name in _ONE
    ),
]
