"""Best value inspections (s.10), their inspectors and extensions, and findings per theme."""

from __future__ import annotations

import datetime as dt

from django.db import models

from bestvalue.interventions import rules
from bestvalue.interventions.models.base import (
    Publishable,
    Sourced,
    Stage,
    Versioned,
    after,
    approx,
    exactly_one,
    known_date,
    not_before,
    one_of,
    part_of,
    position_unique,
    publication_constraints,
    stage_constraints,
)
from bestvalue.interventions.models.choices import InspectorRole


class Inspection(Stage, Publishable):
    """A best value inspection under s.10 of the Local Government Act 1999.

    Each date can be known exactly (`*_on`) or only roughly (`*_on_approx`, such as "2018-03");
    when neither is recorded the fact is not known.
    """

    intervention = models.ForeignKey(
        "interventions.Intervention", on_delete=models.CASCADE, related_name="inspections"
    )
    announced_on = known_date()
    announced_on_approx = approx()
    started_on = known_date()
    report_due_on = known_date("The original deadline; extensions are recorded apart.")
    report_due_on_approx = approx()
    report_submitted_on = known_date()
    report_submitted_on_approx = approx()
    report_published_on = known_date()
    report_published_on_approx = approx()
    report_url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["intervention", "position"]
        constraints = [
            *stage_constraints(),
            *publication_constraints(),
            after(
                "report_due_on",
                "announced_on",
                "The report deadline must be after the inspection was announced",
                name="due_after_announced",
            ),
            not_before(
                "started_on",
                "announced_on",
                "The inspection cannot start before it was announced",
                name="started_after_announced",
            ),
            not_before(
                "report_submitted_on",
                "announced_on",
                "The report cannot be submitted before the inspection was announced",
                name="submitted_after_announced",
            ),
            not_before(
                "report_published_on",
                "report_submitted_on",
                "The report cannot be published before it was submitted",
                name="published_after_submitted",
            ),
        ]

    def __str__(self) -> str:
        return f"Best value inspection ({self.intervention_id})"

    @property
    def deadline(self) -> dt.date | None:
        """The deadline in force after any extensions (reads the prefetched extensions)."""
        return rules.inspection_deadline(
            self.report_due_on, [e.new_deadline_on for e in self.extensions.all()]
        )


class Inspector(Versioned, Publishable):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="inspectors")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200, help_text="A person or a firm, as the sources give it.")
    role = models.CharField(
        max_length=10,
        blank=True,
        choices=InspectorRole.choices,
        help_text="Blank when the sources do not say whether they lead or assist.",
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["inspection", "position"]
        constraints = [
            *publication_constraints(),
            position_unique("inspection"),
            one_of("role", InspectorRole.values, blank=True),
        ]

    def __str__(self) -> str:
        return self.name


class InspectionExtension(Sourced, Publishable):
    """A later deadline for the inspection report. `extends_deadline_on` is the deadline it
    replaced, kept on the row so that the database can check the new one is later."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="extensions")
    position = models.PositiveSmallIntegerField()
    made_on = known_date("When the extension was granted.")
    extends_deadline_on = known_date()
    new_deadline_on = models.DateField()

    class Meta:
        ordering = ["inspection", "position"]
        constraints = [
            *publication_constraints(),
            position_unique("inspection"),
            after(
                "new_deadline_on",
                "extends_deadline_on",
                "The new deadline must be after the deadline it extends",
                name="later_than_extended",
            ),
        ]

    def __str__(self) -> str:
        return f"Deadline extended to {self.new_deadline_on:%d %B %Y}"


class Finding(Publishable):
    """Whether the authority meets the best value duty on one of the seven themes, as stated in
    an inspection report, a minded-to letter or directions (exactly one of them)."""

    inspection = part_of(Inspection, "findings")
    minded_to = part_of("interventions.MindedTo", "findings")
    directions = part_of("interventions.Directions", "findings")
    theme = models.ForeignKey(
        "guidance.Theme", on_delete=models.PROTECT, related_name="intervention_findings"
    )
    meets_duty = models.BooleanField()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["theme__position"]
        constraints = [
            *publication_constraints(),
            exactly_one(
                "inspection",
                "minded_to",
                "directions",
                message="A finding belongs to one inspection, minded-to letter or set of directions",
            ),
            models.UniqueConstraint(
                fields=["inspection", "theme"], name="%(app_label)s_%(class)s_inspection_theme"
            ),
            models.UniqueConstraint(
                fields=["minded_to", "theme"], name="%(app_label)s_%(class)s_minded_to_theme"
            ),
            models.UniqueConstraint(
                fields=["directions", "theme"], name="%(app_label)s_%(class)s_directions_theme"
            ),
        ]

    def __str__(self) -> str:
        verdict = "meets" if self.meets_duty else "does not meet"
        return f"{verdict} the duty on {self.theme}"
