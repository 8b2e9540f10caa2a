"""The department's intervention pages, under /staff/ (names in the `staff` namespace)."""

from django.urls import path

from bestvalue.staff import intervention_views as views

_ONE = "interventions/<slug:reference>"

urlpatterns = [
    path("interventions/", views.intervention_list, name="interventions"),
    path("interventions/new/", views.intervention_new, name="intervention-new"),
    path(f"{_ONE}/", views.intervention_detail, name="intervention"),
    path(f"{_ONE}/edit/", views.intervention_edit, name="intervention-edit"),
    path(f"{_ONE}/inspections/new/", views.inspection_new, name="intervention-inspection-new"),
    path(
        f"{_ONE}/inspections/<int:pk>/edit/",
        views.inspection_edit,
        name="intervention-inspection-edit",
    ),
    path(
        f"{_ONE}/inspections/<int:pk>/inspectors/new/",
        views.inspector_new,
        name="intervention-inspector-new",
    ),
    path(
        f"{_ONE}/inspections/<int:pk>/extensions/new/",
        views.inspection_extend,
        name="intervention-inspection-extend",
    ),
    path(
        f"{_ONE}/inspections/<int:pk>/findings/",
        views.inspection_findings,
        name="intervention-inspection-findings",
    ),
    path(f"{_ONE}/minded-to/new/", views.minded_to_new, name="intervention-minded-to-new"),
    path(
        f"{_ONE}/minded-to/<int:pk>/edit/",
        views.minded_to_edit,
        name="intervention-minded-to-edit",
    ),
    path(
        f"{_ONE}/minded-to/<int:pk>/representations/new/",
        views.representation_new,
        name="intervention-representation-new",
    ),
    path(
        f"{_ONE}/directions/new/<slug:kind>/",
        views.directions_new,
        name="intervention-directions-new",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/edit/",
        views.directions_edit,
        name="intervention-directions-edit",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/appointees/new/",
        views.appointee_new,
        name="intervention-appointee-new",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/appointees/<int:appointee>/",
        views.appointee_edit,
        name="intervention-appointee-edit",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/schedule/",
        views.report_schedule,
        name="intervention-report-schedule",
    ),
    path(
        f"{_ONE}/directions/<int:pk>/reports/new/",
        views.report_new,
        name="intervention-report-new",
    ),
    path(f"{_ONE}/reports/<int:pk>/edit/", views.report_edit, name="intervention-report-edit"),
    path(
        f"{_ONE}/reports/<int:pk>/responses/new/",
        views.response_new,
        name="intervention-response-new",
    ),
    # Four eyes on minded-to letters and directions (stage is "minded-to" or "directions").
    path(
        f"{_ONE}/<slug:stage>/<int:pk>/submit/",
        views.stage_submit,
        name="intervention-stage-submit",
    ),
    path(
        f"{_ONE}/<slug:stage>/<int:pk>/return/",
        views.stage_return,
        name="intervention-stage-return",
    ),
    path(
        f"{_ONE}/<slug:stage>/<int:pk>/approve/",
        views.stage_approve,
        name="intervention-stage-approve",
    ),
    path(
        f"{_ONE}/publication/submit/",
        views.publication_submit,
        name="intervention-publication-submit",
    ),
    path(
        f"{_ONE}/publication/approve/",
        views.publication_approve,
        name="intervention-publication-approve",
    ),
    path(
        f"{_ONE}/publication/return/",
        views.publication_return,
        name="intervention-publication-return",
    ),
]
