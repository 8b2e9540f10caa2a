"""Improvement boards and panels: the independent bodies that give assurance on an authority."""

from django.db import models
from django.db.models import Q


class BoardKind(models.TextChoices):
    NON_STATUTORY = "non_statutory", "Non-statutory improvement board"
    STATUTORY = "statutory", "Statutory improvement and assurance panel"


class ImprovementBoard(models.Model):
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="boards"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=BoardKind.choices)
    established_on = models.DateField(null=True, blank=True)
    stood_down_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["authority__short_name", "name"]
        constraints = [
            models.CheckConstraint(name="board_kind_valid", condition=Q(kind__in=BoardKind.values)),
            models.CheckConstraint(
                name="board_stood_down_after_established",
                condition=Q(established_on__isnull=True)
                | Q(stood_down_on__isnull=True)
                | Q(stood_down_on__gte=models.F("established_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.authority.short_name})"
