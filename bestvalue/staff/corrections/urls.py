"""The corrections room's addresses (included from bestvalue/staff/urls.py)."""

from django.urls import path

from bestvalue.core.routing import record_pages
from bestvalue.staff.corrections import views

urlpatterns = [
    path("notices/<int:pk>/correct/", views.correction_new, name="correction-new"),
    path("notices/<int:pk>/withdraw-in-error/", views.withdraw_in_error, name="withdraw-in-error"),
    *record_pages(
        "corrections/<int:pk>/",
        views.correction_detail,
        views.correction_approve,
        views.correction_return,
    ),
]
