"""The per-item publish step: what the public may see is what the authority or board published."""

from __future__ import annotations

from typing import Any, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q

M = TypeVar("M", bound=models.Model)


class PublishableQuerySet(models.QuerySet[M]):
    def published(self) -> PublishableQuerySet[M]:
        """The publication rule, in one place: published by the authority or board, and not since
        withdrawn from publication."""
        return self.filter(published_at__isnull=False)


class Publishable(models.Model):
    """An item its owner publishes one at a time. `published_at` is when it was (last) published;
    withdrawing it clears both fields. Each step is an audit event."""

    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


def publication_constraints() -> list[Any]:
    return [
        models.CheckConstraint(
            name="%(app_label)s_%(class)s_published_by_someone",
            condition=Q(published_at__isnull=True, published_by__isnull=True)
            | Q(published_at__isnull=False, published_by__isnull=False),
        )
    ]
