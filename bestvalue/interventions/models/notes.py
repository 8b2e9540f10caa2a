"""Notes on an intervention: the department's own working record of a case (issue 17, point 2).
Private to the department: no public selector reads them, so no page, feed, export or API shows
them."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class InterventionNote(models.Model):
    """One dated, signed note. Notes are not edited: a later note corrects an earlier one."""

    intervention = models.ForeignKey(
        "interventions.Intervention", on_delete=models.CASCADE, related_name="notes"
    )
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["-written_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_text_not_blank",
                condition=~models.Q(text=""),
                violation_error_message="Enter the note",
            )
        ]

    def __str__(self) -> str:
        return f"Note on {self.intervention_id} at {self.written_at:%Y-%m-%d %H:%M}"
