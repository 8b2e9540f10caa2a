"""URLs of the improvement and assurance pages, in the staff namespace (included from
bestvalue.staff.urls; no app_name here). Who may use each: bestvalue/improvement/README.md."""

from django.urls import path

from bestvalue.staff import improvement_views as views

urlpatterns = [
    path("improvement/", views.improvement_index, name="improvement-index"),
    path("improvement/<str:gss_code>/", views.workspace, name="improvement"),
    path(
        "improvement/<str:gss_code>/actions/new/", views.action_new, name="improvement-action-new"
    ),
    path(
        "improvement/<str:gss_code>/measures/new/",
        views.measure_new,
        name="improvement-measure-new",
    ),
    path(
        "improvement/<str:gss_code>/evidence/new/",
        views.evidence_new,
        name="improvement-evidence-new",
    ),
    path(
        "improvement/<str:gss_code>/progress/", views.progress_report, name="improvement-progress"
    ),
    path("actions/<int:pk>/", views.action_detail, name="improvement-action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="improvement-action-edit"),
    path("actions/<int:pk>/progress/", views.action_progress, name="improvement-action-progress"),
    path("measures/<int:pk>/", views.measure_detail, name="improvement-measure"),
    path("measures/<int:pk>/edit/", views.measure_edit, name="improvement-measure-edit"),
    path("measures/<int:pk>/readings/new/", views.reading_new, name="improvement-reading-new"),
    path(
        "measures/<int:pk>/readings/import/",
        views.reading_import,
        name="improvement-reading-import",
    ),
    path("evidence/<int:pk>/", views.evidence_detail, name="improvement-evidence"),
    path(
        "evidence/<int:pk>/download/",
        views.evidence_download,
        name="improvement-evidence-download",
    ),
    path("publish/<slug:kind>/<int:pk>/", views.publish, name="improvement-publish"),
    path("boards/<int:pk>/", views.board_detail, name="board"),
    path("boards/<int:pk>/members/new/", views.board_member_new, name="board-member-new"),
    path("boards/<int:pk>/meetings/new/", views.meeting_new, name="board-meeting-new"),
    path("meetings/<int:pk>/", views.meeting_detail, name="board-meeting"),
    path(
        "meetings/<int:pk>/recommendations/new/",
        views.recommendation_new,
        name="board-recommendation-new",
    ),
    path(
        "recommendations/<int:pk>/respond/",
        views.recommendation_respond,
        name="board-recommendation-respond",
    ),
]
