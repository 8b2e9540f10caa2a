"""URLs of the notices room: notices, their items, reviews, engagement and data requests. Names
and paths are those the pages have always had (under staff:)."""

import re

from django.urls import path, register_converter

from bestvalue.core.routing import record_pages
from bestvalue.staff.notices import case_list, casework, reviews, views


class RecordedKind:
    """Only the kinds of recorded item (engagements, data requests, returns)."""

    regex = "|".join(re.escape(kind) for kind in casework.RECORDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RecordedKind, "recorded")

# A notice's grounds, acknowledgements or expectations.
_ITEMS = "notices/<int:pk>/<slug:kind>/"

urlpatterns = [
    # Only the recorded kinds match <record>, so a notice item's <kind>/<position>/remove/ is never
    # taken for one of these.
    *record_pages(
        "notices/<int:pk>/<recorded:record>/<int:item>/",
        casework.record_change,
        casework.record_remove,
    ),
    path("notices/", case_list.notice_list, name="notice-list"),
    path(
        "notices/download.<slug:fmt>", case_list.notice_list_download, name="notice-list-download"
    ),
    path("notices/new/", views.notice_new, name="notice-new"),
    *record_pages(
        "notices/<int:pk>/",
        views.notice_detail,
        views.notice_edit,
        views.notice_submit,
        views.notice_return,
        views.notice_approve,
        views.notice_reissue,
        views.notice_changes,
    ),
    path(f"{_ITEMS}add/", views.item_edit, name="item-add"),
    path(f"{_ITEMS}<int:position>/", views.item_edit, name="item-edit"),
    path(f"{_ITEMS}<int:position>/remove/", views.item_remove, name="item-remove"),
    path("notices/<int:pk>/review/", reviews.review_edit, name="review-edit"),
    # engagement-new, data-request-new, note-new.
    *(
        path(f"notices/<int:pk>/{kind}/new/", casework.record_new, {"kind": kind}, name=name)
        for kind, name in (
            ("engagements", "engagement-new"),
            ("data-requests", "data-request-new"),
            ("notes", "note-new"),
        )
    ),
    *record_pages(
        "reviews/<int:pk>/",
        reviews.review_detail,
        reviews.review_submit,
        reviews.review_approve,
        reviews.review_return,
    ),
    path("data-requests/<int:pk>/returns/new/", casework.data_return_new, name="data-return-new"),
]
