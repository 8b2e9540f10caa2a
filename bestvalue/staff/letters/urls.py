"""The department's letter pages, included into the staff URLs (no app_name, so the names stay
in the `staff` namespace): draft letters (of notices and minded-to letters) to preview and
download, and the letter import."""

from django.urls import path

from bestvalue.staff.letters import views

# A notice's draft letter of one kind (its page, and its download in a format).
_DRAFT = "notices/<int:pk>/letters/<slug:kind>"

urlpatterns = [
    path("letters/import/", views.letter_import, name="letter-import"),
    path("letters/import/create/", views.letter_import_create, name="letter-import-create"),
    path(f"{_DRAFT}/", views.letter_preview, name="letter-preview"),
    path(f"{_DRAFT}.<slug:fmt>", views.letter_draft_download, name="letter-draft-download"),
    *(
        path(
            f"interventions/<slug:reference>/{stage}/<int:pk>/{route}",
            view,
            {"stage": stage},
            name=f"{stage}-{name}",
        )
        for stage in ("minded-to", "directions")
        for route, view, name in (
            ("letter/", views.step_letter_preview, "letter-preview"),
            ("letter.<slug:fmt>", views.step_letter_download, "letter-download"),
        )
    ),
]
