"""The public address of every issued letter, beside its notice on the register:
/notices/<reference>/letters/<kind>.<format>. Include it from bestvalue/urls.py."""

from django.urls import path

from bestvalue.letters import views

app_name = "letters"

urlpatterns = [
    path(
        "notices/<str:reference>/letters/<slug:kind>.<slug:fmt>",
        views.issued_letter,
        name="issued",
    ),
]
