"""URLs of the improvement and assurance pages, in the staff namespace (included from
bestvalue.staff.urls; no app_name here). Who may use each: bestvalue/improvement/README.md."""

from django.urls import path

from bestvalue.staff.improvement import (
    actions,
    boards,
    corrections,
    evidence,
    exports,
    imports,
    measures,
    overview,
    publishing,
    recommendations,
    workspace,
)

urlpatterns = [
    path("improvement/", workspace.improvement_index, name="improvement-index"),
    path("improvement/<str:gss_code>/", workspace.workspace, name="improvement"),
    path(
        "improvement/<str:gss_code>/actions/new/", actions.action_new, name="improvement-action-new"
    ),
    path(
        "improvement/<str:gss_code>/actions/import/",
        imports.actions_import,
        name="improvement-actions-import",
    ),
    path(
        "improvement/<str:gss_code>/measures/new/",
        measures.measure_new,
        name="improvement-measure-new",
    ),
    path(
        "improvement/<str:gss_code>/evidence/new/",
        evidence.evidence_new,
        name="improvement-evidence-new",
    ),
    path(
        "improvement/<str:gss_code>/progress/",
        workspace.progress_report,
        name="improvement-progress",
    ),
    path(
        "improvement/<str:gss_code>/progress.pdf",
        exports.progress_pdf,
        name="improvement-progress-pdf",
    ),
    path(
        "improvement/<str:gss_code>/progress.docx",
        exports.progress_docx,
        name="improvement-progress-docx",
    ),
    path(
        "improvement/<str:gss_code>/export.xlsx",
        exports.export_xlsx,
        name="improvement-export-xlsx",
    ),
    path(
        "improvement/<str:gss_code>/export/<slug:part>.csv",
        exports.export_csv,
        name="improvement-export-csv",
    ),
    path("actions/<int:pk>/", actions.action_detail, name="improvement-action"),
    path("actions/<int:pk>/edit/", actions.action_edit, name="improvement-action-edit"),
    path("actions/<int:pk>/progress/", actions.action_progress, name="improvement-action-progress"),
    path("measures/<int:pk>/", measures.measure_detail, name="improvement-measure"),
    path("measures/<int:pk>/edit/", measures.measure_edit, name="improvement-measure-edit"),
    path("measures/<int:pk>/readings/new/", measures.reading_new, name="improvement-reading-new"),
    path(
        "measures/<int:pk>/readings/import/",
        measures.reading_import,
        name="improvement-reading-import",
    ),
    path("evidence/<int:pk>/", evidence.evidence_detail, name="improvement-evidence"),
    path(
        "evidence/<int:pk>/download/",
        evidence.evidence_download,
        name="improvement-evidence-download",
    ),
    path("publish/<slug:kind>/<int:pk>/", publishing.publish, name="improvement-publish"),
    path("boards/<int:pk>/", boards.board_detail, name="board"),
    path("boards/<int:pk>/members/new/", boards.board_member_new, name="board-member-new"),
    path("boards/<int:pk>/meetings/new/", boards.meeting_new, name="board-meeting-new"),
    path("meetings/<int:pk>/", boards.meeting_detail, name="board-meeting"),
    # Recommendations as things to act on (issue 18.6).
    path(
        "meetings/<int:pk>/recommendations/new/",
        recommendations.recommendation_new,
        name="board-recommendation-new",
    ),
    path("recommendations/<int:pk>/", recommendations.recommendation_detail, name="recommendation"),
    path(
        "recommendations/<int:pk>/edit/",
        recommendations.recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        "recommendations/<int:pk>/respond/",
        recommendations.recommendation_respond,
        name="board-recommendation-respond",
    ),
    path(
        "recommendations/<int:pk>/close/",
        recommendations.recommendation_close,
        name="recommendation-close",
    ),
    # Corrections in the open (issue 18.2).
    path(
        "readings/<int:pk>/correct/",
        corrections.reading_correct,
        name="improvement-reading-correct",
    ),
    path(
        "readings/<int:pk>/withdraw/",
        corrections.reading_withdraw,
        name="improvement-reading-withdraw",
    ),
    path(
        "evidence/<int:pk>/correct/",
        corrections.evidence_correct,
        name="improvement-evidence-correct",
    ),
    path(
        "evidence/<int:pk>/withdraw/",
        corrections.evidence_withdraw,
        name="improvement-evidence-withdraw",
    ),
    # The overview (issue 18.3).
    path("improvement/<str:gss_code>/overview/", overview.overview, name="improvement-overview"),
]
