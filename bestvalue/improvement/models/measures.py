"""Measures of improvement: what is measured, from where to where by when, and dated readings."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from bestvalue.improvement.models.publication import (
    Publishable,
    PublishableQuerySet,
    publication_constraints,
)
from bestvalue.improvement.rules import DIRECTION_LABELS, Direction

USER = settings.AUTH_USER_MODEL
DIGITS, PLACES = 14, 4


class Measure(Publishable):
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
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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


class Reading(models.Model):
    """One value of a measure on a date, and where it came from. One reading per date."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="readings")
    taken_on = models.DateField()
    value = models.DecimalField(max_digits=DIGITS, decimal_places=PLACES)
    source = models.CharField(max_length=300)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["taken_on"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "taken_on"], name="reading_once_per_date"),
        ]

    def __str__(self) -> str:
        return f"{self.measure.name} on {self.taken_on}: {self.value}"
