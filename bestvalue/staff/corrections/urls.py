"""The corrections room's addresses (included from bestvalue/staff/urls.py)."""

from django.urls import path

from bestvalue.staff.corrections import views

urlpatterns = [
    path("notices/<int:pk>/correct/", views.correction_new, name="correction-new"),
    path("notices/<int:pk>/withdraw-in-error/", views.withdraw_in_error, name="withdraw-in-error"),
    path("corrections/<int:pk>/", views.correction_detail, name="correction"),
    path("corrections/<int:pk>/approve/", views.correction_approve, name="correction-approve"),
    path("corrections/<int:pk>/return/", views.correction_return, name="correction-return"),
]
