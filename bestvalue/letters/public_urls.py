"""The public address of every issued letter, beside its notice or intervention on the register:
/notices/<reference>/letters/<kind>.<format> (its latest version; <kind>-v<n>.<format> for each
version, a corrected letter superseding, never replacing, the earlier one) and
/interventions/<reference>/letters/minded-to-<position>.<format>. Include it from
bestvalue/urls.py."""

from django.urls import path

from bestvalue.letters import views

app_name = "letters"

urlpatterns = [
    path(
        "notices/<str:reference>/letters/<slug:kind>-v<int:version>.<slug:fmt>",
        views.issued_letter_version,
        name="issued-version",
    ),
    path(
        "notices/<str:reference>/letters/<slug:kind>.<slug:fmt>",
        views.issued_letter,
        name="issued",
    ),
    path(
        "interventions/<slug:reference>/letters/minded-to-<int:position>.<slug:fmt>",
        views.issued_minded_to_letter,
        name="issued-minded-to",
    ),
]
