"""The public address of every issued letter, beside its notice or intervention on the register:
/notices/<reference>/letters/<kind>.<format> (its latest version; <kind>-v<n>.<format> for each
version, a corrected letter superseding, never replacing, the earlier one) and
/interventions/<reference>/letters/<kind>-<position>.<format> (a minded-to, directions or exit
letter, by the step's position). Include it from
bestvalue/urls.py."""

from django.urls import path

from bestvalue.letters import views

app_name = "letters"

urlpatterns = [
    path(
        "notices/<str:reference>/letters/<slug:kind>-v<int:version>.<slug:fmt>",
        views.issued_letter,
        name="issued-version",
    ),
    path(
        "notices/<str:reference>/letters/<slug:kind>.<slug:fmt>",
        views.issued_letter,
        name="issued",
    ),
    path(
        "interventions/<slug:reference>/letters/<slug:kind>-<int:position>.<slug:fmt>",
        views.issued_step_letter,
        name="issued-step",
    ),
]
