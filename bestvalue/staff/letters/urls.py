"""The department's letter pages, included into the staff URLs (no app_name, so the names stay
in the `staff` namespace): draft letters (of notices and minded-to letters) to preview and
download, and the letter import."""

from django.urls import path

from bestvalue.staff.letters import views

urlpatterns = [
    path("letters/import/", views.letter_import, name="letter-import"),
    path("letters/import/create/", views.letter_import_create, name="letter-import-create"),
    path(
        "notices/<int:pk>/letters/<slug:kind>/",
        views.letter_preview,
        name="letter-preview",
    ),
    path(
        "notices/<int:pk>/letters/<slug:kind>.<slug:fmt>",
        views.letter_draft_download,
        name="letter-draft-download",
    ),
    path(
        "interventions/<slug:reference>/minded-to/<int:pk>/letter/",
        views.minded_to_preview,
        name="minded-to-letter-preview",
    ),
    path(
        "interventions/<slug:reference>/minded-to/<int:pk>/letter.<slug:fmt>",
        views.minded_to_draft_download,
        name="minded-to-letter-download",
    ),
]
