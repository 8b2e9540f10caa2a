"""Reports made under directions (by commissioners, envoys or panels) and the department's
published responses to them."""

from __future__ import annotations

from django.db import models

from bestvalue.interventions.models.base import (
    Publishable,
    Sourced,
    Versioned,
    known_date,
    not_before,
    publication_constraints,
)


class Report(Sourced, Versioned, Publishable):
    """A report due or received under a set of directions. Scheduled reports have a due date;
    a report made outside the schedule may have none."""

    directions = models.ForeignKey(
        "interventions.Directions", on_delete=models.PROTECT, related_name="reports"
    )
    title = models.CharField(max_length=200, blank=True)
    due_on = known_date()
    received_on = known_date()
    published_on = known_date()
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["directions", "due_on", "received_on", "id"]
        constraints = [
            *publication_constraints(),
            models.UniqueConstraint(
                fields=["directions", "due_on"], name="%(app_label)s_%(class)s_due_once"
            ),
            not_before(
                "published_on",
                "received_on",
                "A report cannot be published before it was received",
                name="published_after_received",
            ),
        ]

    def __str__(self) -> str:
        return self.title or "Report"


class DepartmentResponse(Sourced, Publishable):
    """The department's published response to a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="responses")
    published_on = known_date()
    url = models.URLField(max_length=500, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["report", "published_on", "id"]
        constraints = publication_constraints()

    def __str__(self) -> str:
        return f"Department's response to {self.report}"
