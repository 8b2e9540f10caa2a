"""The department's notes on an intervention, newest first. Private: only the department's
pages read this; no public selector joins notes."""

from __future__ import annotations

from django.db.models import QuerySet

from bestvalue.interventions.models import Intervention, InterventionNote


def notes_of(intervention: Intervention) -> QuerySet[InterventionNote]:
    return (
        InterventionNote.objects.filter(intervention=intervention)
        .select_related("written_by")
        .order_by("-written_at", "-id")
    )
