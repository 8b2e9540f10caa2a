"""The department's intervention pages, under /staff/ (names in the `staff` namespace)."""

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

_ONE = "interventions/<slug:reference>"

urlpatterns = [
    path("interventions/", case_list.intervention_list, name="interventions"),
    path(
        "interventions/list.<slug:fmt>",
        case_list.intervention_list_download,
        name="interventions-download",
    ),
    path("interventions/new/", cases.intervention_new, name="intervention-new"),
    path(f"{_ONE}/", cases.intervention_detail, name="intervention"),
    path(f"{_ONE}/edit/", cases.intervention_edit, name="intervention-edit"),
    path(f"{_ONE}/notes/new/", notes.note_new, name="intervention-note-new"),
    path(f"{_ONE}/<slug:step>/<int:pk>/people/", people.people, name="intervention-people"),
    path(
        f"{_ONE}/inspections/<int:pk>/inspectors/<int:person>/edit/",
        people.inspector_edit,
        name="intervention-inspector-edit",
    ),
    path(
        f"{_ONE}/<slug:step>/<int:pk>/people/<int:person>/remove/",
        people.person_remove,
        name="intervention-person-remove",
    ),
    path(
        f"{_ONE}/inspections/new/", inspections.inspection_new, name="intervention-inspection-new"
    ),
    path(
        f"{_ONE}/inspections/<int:pk>/edit/",
        inspections.inspection_edit,
        name="intervention-inspection-edit",
    ),
    path(
        f"{_ONE}/inspections/<int:pk>/inspectors/new/",
        inspections.inspector_new,
        name="intervention-inspector-new",
    ),
    path(
        f"{_ONE}/inspections/<int:pk>/extensions/new/",
        inspections.inspection_extend,
        name="intervention-inspection-extend",
    ),
    path(
        f"{_ONE}/inspections/<int:pk>/findings/",
        inspections.inspection_findings,
        name="intervention-inspection-findings",
    ),
    path(f"{_ONE}/minded-to/new/", statutory.minded_to_new, name="intervention-minded-to-new"),
    path(
        f"{_ONE}/minded-to/<int:pk>/edit/",
        statutory.minded_to_edit,
        name="intervention-minded-to-edit",
    ),
    path(
        f"{_ONE}/minded-to/<int:pk>/representations/new/",
        statutory.representation_new,
        name="intervention-representation-new",
    ),
    path(
        f"{_ONE}/directions/new/<slug:kind>/",
        statutory.directions_new,
        name="intervention-directions-new",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/edit/",
        statutory.directions_edit,
        name="intervention-directions-edit",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/appointees/new/",
        statutory.appointee_new,
        name="intervention-appointee-new",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/appointees/<int:appointee>/",
        statutory.appointee_edit,
        name="intervention-appointee-edit",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/schedule/",
        reports.report_schedule,
        name="intervention-report-schedule",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/reports/new/",
        reports.report_new,
        name="intervention-report-new",
    ),
    path(f"{_ONE}/reports/<int:pk>/edit/", reports.report_edit, name="intervention-report-edit"),
    path(
        f"{_ONE}/reports/<int:pk>/responses/new/",
        reports.response_new,
        name="intervention-response-new",
    ),
    # Four eyes on minded-to letters and directions (stage is "minded-to" or "directions").
    path(
        f"{_ONE}/<slug:stage>/<int:pk>/submit/",
        approval.stage_submit,
        name="intervention-stage-submit",
    ),
    path(
        f"{_ONE}/<slug:stage>/<int:pk>/return/",
        approval.stage_return,
        name="intervention-stage-return",
    ),
    path(
        f"{_ONE}/<slug:stage>/<int:pk>/approve/",
        approval.stage_approve,
        name="intervention-stage-approve",
    ),
    path(
        f"{_ONE}/publication/submit/",
        approval.publication_submit,
        name="intervention-publication-submit",
    ),
    path(
        f"{_ONE}/publication/approve/",
        approval.publication_approve,
        name="intervention-publication-approve",
    ),
    path(
        f"{_ONE}/publication/return/",
        approval.publication_return,
        name="intervention-publication-return",
    ),
]
