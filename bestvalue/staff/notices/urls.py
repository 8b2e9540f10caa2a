"""URLs of the notices room: notices, their items, reviews, engagement and data requests. Names
and paths are those the pages have always had (under staff:)."""

import re

from django.urls import path, register_converter

from bestvalue.staff.notices import case_list, casework, reviews, views


class RecordedKind:
    """Only the kinds of recorded item (engagements, data requests, returns)."""

    regex = "|".join(re.escape(kind) for kind in casework.RECORDS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RecordedKind, "recorded")

urlpatterns = [
    # Only the recorded kinds match <record>, so a notice item's <kind>/<position>/remove/ is never
    # taken for one of these.
    path(
        "notices/<int:pk>/<recorded:record>/<int:item>/change/",
        casework.record_change,
        name="record-change",
    ),
    path(
        "notices/<int:pk>/<recorded:record>/<int:item>/remove/",
        casework.record_remove,
        name="record-remove",
    ),
    path("notices/", case_list.notice_list, name="notice-list"),
    path(
        "notices/download.<slug:fmt>", case_list.notice_list_download, name="notice-list-download"
    ),
    path("notices/new/", views.notice_new, name="notice-new"),
    path("notices/<int:pk>/", views.notice_detail, name="notice"),
    path("notices/<int:pk>/edit/", views.notice_edit, name="notice-edit"),
    path("notices/<int:pk>/<slug:kind>/add/", views.item_edit, name="item-add"),
    path("notices/<int:pk>/<slug:kind>/<int:position>/", views.item_edit, name="item-edit"),
    path(
        "notices/<int:pk>/<slug:kind>/<int:position>/remove/",
        views.item_remove,
        name="item-remove",
    ),
    path("notices/<int:pk>/submit/", views.notice_submit, name="notice-submit"),
    path("notices/<int:pk>/return/", views.notice_return, name="notice-return"),
    path("notices/<int:pk>/approve/", views.notice_approve, name="notice-approve"),
    path("notices/<int:pk>/reissue/", views.notice_reissue, name="notice-reissue"),
    path("notices/<int:pk>/changes/", views.notice_changes, name="notice-changes"),
    path("notices/<int:pk>/review/", reviews.review_edit, name="review-edit"),
    path("notices/<int:pk>/engagements/new/", casework.engagement_new, name="engagement-new"),
    path("notices/<int:pk>/data-requests/new/", casework.data_request_new, name="data-request-new"),
    path("notices/<int:pk>/notes/new/", casework.note_new, name="note-new"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review"),
    path("reviews/<int:pk>/submit/", reviews.review_submit, name="review-submit"),
    path("reviews/<int:pk>/approve/", reviews.review_approve, name="review-approve"),
    path("reviews/<int:pk>/return/", reviews.review_return, name="review-return"),
    path("data-requests/<int:pk>/returns/new/", casework.data_return_new, name="data-return-new"),
]
