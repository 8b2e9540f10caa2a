"""Measures of improvement: what is measured, from where to where by when, and dated readings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from bestvalue.core.modelling import both_or_neither
from bestvalue.improvement.models.publication import (
    Kept,
    PublishableQuerySet,
    publication_constraints,
)
from bestvalue.improvement.rules import DIRECTION_LABELS, Direction

USER = settings.AUTH_USER_MODEL
DIGITS, PLACES = 14, 4


class Measure(Kept):
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="improvement_measures"
    )
    name = models.CharField(max_length=200)
    definition = models.TextField(help_text="What is counted, how, and from which source.")
    unit = models.CharField(max_length=40, help_text="For example %, days or £ million.")
    direction = models.CharField(
        max_length=10, choices=[(d.value, label) for d, label in DIRECTION_LABELS.items()]
    )
    baseline_value = models.DecimalField(max_digits=DIGITS, decimal_places=PLACES)
    baseline_on = models.DateField()
    target_value = models.DecimalField(max_digits=DIGITS, decimal_places=PLACES)
    target_on = models.DateField()
    expectations: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "notices.Expectation", related_name="improvement_measures"
    )
    publication_kind = "measure"
    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="measure_name_unique"),
            models.CheckConstraint(
                name="measure_direction_valid",
                condition=Q(direction__in=[d.value for d in DIRECTION_LABELS]),
            ),
            models.CheckConstraint(
                name="measure_target_after_baseline", condition=Q(target_on__gt=F("baseline_on"))
            ),
            # A target is an improvement on the baseline, in the measure's direction.
            models.CheckConstraint(
                name="measure_target_improves_on_baseline",
                condition=Q(direction=Direction.HIGHER.value, target_value__gt=F("baseline_value"))
                | Q(direction=Direction.LOWER.value, target_value__lt=F("baseline_value")),
            ),
            *publication_constraints(),
        ]

    def __str__(self) -> str:
        return self.name


class CurrentReadings(models.Manager["Reading"]):
    """Readings in force: a withdrawn reading is kept (with its reason) but counts nowhere, so
    every chart, table, status and public content reads only these (a measure's `readings`)."""

    def get_queryset(self) -> models.QuerySet[Reading]:
        return super().get_queryset().filter(withdrawn_at__isnull=True)


class Reading(models.Model):
    """One value of a measure on a date, and where it came from. One reading in force per date;
    a wrong one is corrected or withdrawn with a reason, never deleted (issue 18.2)."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="readings")
    taken_on = models.DateField()
    value = models.DecimalField(max_digits=DIGITS, decimal_places=PLACES)
    source = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    with_withdrawn = models.Manager()
    objects = CurrentReadings()

    class Meta:
        ordering = ["taken_on"]
        # Readings in force, also for a measure's `readings` and their prefetches.
        default_manager_name = "objects"
        constraints = [
            models.UniqueConstraint(
                fields=["measure", "taken_on"],
                condition=Q(withdrawn_at__isnull=True),
                name="reading_once_per_date",
            ),
            both_or_neither("reading_withdrawn_with_reason", "withdrawn_at", "withdrawal_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.name} on {self.taken_on}: {self.value}"
