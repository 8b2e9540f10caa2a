from django.urls import include, path

from bestvalue.staff import notice_views, review_views, views

app_name = "staff"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("bestvalue.staff.reminder_urls")),
    path("", include("bestvalue.staff.letter_urls")),
    path("", include("bestvalue.staff.improvement_urls")),
    path("", include("bestvalue.staff.interventions.urls")),
    path("notices/new/", notice_views.notice_new, name="notice-new"),
    path("notices/<int:pk>/", notice_views.notice_detail, name="notice"),
    path("notices/<int:pk>/edit/", notice_views.notice_edit, name="notice-edit"),
    path("notices/<int:pk>/<slug:kind>/add/", notice_views.item_edit, name="item-add"),
    path("notices/<int:pk>/<slug:kind>/<int:position>/", notice_views.item_edit, name="item-edit"),
    path(
        "notices/<int:pk>/<slug:kind>/<int:position>/remove/",
        notice_views.item_remove,
        name="item-remove",
    ),
    path("notices/<int:pk>/submit/", notice_views.notice_submit, name="notice-submit"),
    path("notices/<int:pk>/return/", notice_views.notice_return, name="notice-return"),
    path("notices/<int:pk>/approve/", notice_views.notice_approve, name="notice-approve"),
    path("notices/<int:pk>/reissue/", notice_views.notice_reissue, name="notice-reissue"),
    path("notices/<int:pk>/changes/", notice_views.notice_changes, name="notice-changes"),
    path("notices/<int:pk>/review/", review_views.review_edit, name="review-edit"),
    path("notices/<int:pk>/engagements/new/", review_views.engagement_new, name="engagement-new"),
    path(
        "notices/<int:pk>/data-requests/new/",
        review_views.data_request_new,
        name="data-request-new",
    ),
    path("reviews/<int:pk>/", review_views.review_detail, name="review"),
    path("reviews/<int:pk>/submit/", review_views.review_submit, name="review-submit"),
    path("reviews/<int:pk>/approve/", review_views.review_approve, name="review-approve"),
    path("reviews/<int:pk>/return/", review_views.review_return, name="review-return"),
    path(
        "data-requests/<int:pk>/returns/new/", review_views.data_return_new, name="data-return-new"
    ),
]
