"""The authority's improvement plan: actions answering the notice's expectations, and their dated
progress updates (the plan's history, with the audit log)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from bestvalue.improvement.models.publication import (
    Kept,
    PublishableQuerySet,
    publication_constraints,
)
from bestvalue.improvement.rules import ACTION_STATUS_LABELS, ActionStatus

USER = settings.AUTH_USER_MODEL
STATUS_VALUES = [s.value for s in ACTION_STATUS_LABELS]
STATUS_CHOICES = [(s.value, label) for s, label in ACTION_STATUS_LABELS.items()]


class PlanAction(Kept):
    """One action of an authority's improvement plan, numbered within the authority's plan."""

    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="improvement_actions"
    )
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    owner = models.CharField(max_length=200, help_text="The person or role responsible.")
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=STATUS_CHOICES, default=ActionStatus.NOT_STARTED.value
    )
    expectations: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "notices.Expectation", related_name="improvement_actions"
    )
    themes: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "guidance.Theme", blank=True, related_name="+"
    )
    publication_kind = "action"
    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number"], name="plan_action_number_unique"
            ),
            models.CheckConstraint(
                name="plan_action_status_valid", condition=Q(status__in=STATUS_VALUES)
            ),
            *publication_constraints(),
        ]

    def __str__(self) -> str:
        return f"Action {self.number}: {self.title}"


class ProgressUpdate(models.Model):
    """Progress on an action as at a date, with the status it was given then. Never changed."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField()
    status = models.CharField(max_length=20, choices=STATUS_CHOICES)
    text = models.TextField()
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-written_on", "-id"]
        constraints = [
            models.CheckConstraint(
                name="progress_update_status_valid",
                condition=Q(status__in=STATUS_VALUES),
            ),
        ]

    def __str__(self) -> str:
        return f"Progress on action {self.action.number} at {self.written_on}"
