"""The seven themes, as rows so that grounds, expectations, findings and actions can be tagged."""

from django.db import models
from django.db.models import Q

from bestvalue.guidance.themes import THEME_KEYS


class Theme(models.Model):
    key = models.CharField(max_length=60, unique=True)
    name = models.CharField(max_length=100)
    summary = models.TextField()
    position = models.PositiveSmallIntegerField(unique=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(name="theme_key_known", condition=Q(key__in=THEME_KEYS)),
        ]

    def __str__(self) -> str:
        return self.name
