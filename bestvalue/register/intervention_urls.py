"""The public page of each inspection and intervention (names in the `register` namespace)."""

from django.urls import path

from bestvalue.register import intervention_views

urlpatterns = [
    path(
        "interventions/<slug:reference>/",
        intervention_views.intervention_detail,
        name="intervention",
    ),
]
