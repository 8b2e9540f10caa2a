"""URLs of the improvement and assurance pages, in the staff namespace (included from
bestvalue.staff.urls; no app_name here). Who may use each: bestvalue/improvement/README.md.

One row a page: its path, its view and its name (the names the pages have always had)."""

from collections.abc import Callable

from django.http.response import HttpResponseBase
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

_AUTHORITY = "improvement/<str:gss_code>/"

ROUTES: tuple[tuple[str, Callable[..., HttpResponseBase], str], ...] = (
    ("improvement/", workspace.improvement_index, "improvement-index"),
    (_AUTHORITY, workspace.workspace, "improvement"),
    (_AUTHORITY + "actions/new/", actions.action_new, "improvement-action-new"),
    (_AUTHORITY + "actions/import/", imports.actions_import, "improvement-actions-import"),
    (_AUTHORITY + "measures/new/", measures.measure_new, "improvement-measure-new"),
    (_AUTHORITY + "evidence/new/", evidence.evidence_new, "improvement-evidence-new"),
    (_AUTHORITY + "progress/", workspace.progress_report, "improvement-progress"),
    (_AUTHORITY + "progress.pdf", exports.progress_pdf, "improvement-progress-pdf"),
    (_AUTHORITY + "progress.docx", exports.progress_docx, "improvement-progress-docx"),
    (_AUTHORITY + "export.xlsx", exports.export_xlsx, "improvement-export-xlsx"),
    (_AUTHORITY + "export/<slug:part>.csv", exports.export_csv, "improvement-export-csv"),
    # The overview (issue 18.3).
    (_AUTHORITY + "overview/", overview.overview, "improvement-overview"),
    ("actions/<int:pk>/", actions.action_detail, "improvement-action"),
    ("actions/<int:pk>/edit/", actions.action_edit, "improvement-action-edit"),
    ("actions/<int:pk>/progress/", actions.action_progress, "improvement-action-progress"),
    ("measures/<int:pk>/", measures.measure_detail, "improvement-measure"),
    ("measures/<int:pk>/edit/", measures.measure_edit, "improvement-measure-edit"),
    ("measures/<int:pk>/readings/new/", measures.reading_new, "improvement-reading-new"),
    ("measures/<int:pk>/readings/import/", measures.reading_import, "improvement-reading-import"),
    ("evidence/<int:pk>/", evidence.evidence_detail, "improvement-evidence"),
    ("evidence/<int:pk>/download/", evidence.evidence_download, "improvement-evidence-download"),
    ("publish/<slug:kind>/<int:pk>/", publishing.publish, "improvement-publish"),
    # Corrections in the open (issue 18.2).
    ("readings/<int:pk>/correct/", corrections.reading_correct, "improvement-reading-correct"),
    ("readings/<int:pk>/withdraw/", corrections.reading_withdraw, "improvement-reading-withdraw"),
    ("evidence/<int:pk>/correct/", corrections.evidence_correct, "improvement-evidence-correct"),
    ("evidence/<int:pk>/withdraw/", corrections.evidence_withdraw, "improvement-evidence-withdraw"),
    # Boards and assurance.
    ("boards/<int:pk>/", boards.board_detail, "board"),
    ("boards/<int:pk>/members/new/", boards.board_member_new, "board-member-new"),
    ("boards/<int:pk>/meetings/new/", boards.meeting_new, "board-meeting-new"),
    ("meetings/<int:pk>/", boards.meeting_detail, "board-meeting"),
    # Recommendations as things to act on (issue 18.6).
    (
        "meetings/<int:pk>/recommendations/new/",
        recommendations.recommendation_new,
        "board-recommendation-new",
    ),
    ("recommendations/<int:pk>/", recommendations.recommendation_detail, "recommendation"),
    ("recommendations/<int:pk>/edit/", recommendations.recommendation_edit, "recommendation-edit"),
    (
        "recommendations/<int:pk>/respond/",
        recommendations.recommendation_respond,
        "board-recommendation-respond",
    ),
    (
        "recommendations/<int:pk>/close/",
        recommendations.recommendation_close,
        "recommendation-close",
    ),
)

urlpatterns = [path(route, view, name=name) for route, view, name in ROUTES]
