"""When a record last changed, as the audit log says: every change goes through a service that
records an event, so the latest event about a record is when it last changed."""

from __future__ import annotations

from django.db import models
from django.db.models.functions import Cast

from bestvalue.audit.models import AuditEvent


def last_changed_at(model: type[models.Model]) -> models.Subquery:
    """A subquery for annotating a queryset of `model`: when each row's latest event occurred
    (None for a record no service has changed, such as one loaded before the log began)."""
    return models.Subquery(
        AuditEvent.objects.filter(
            object_type=model._meta.label_lower,
            object_id=Cast(models.OuterRef("pk"), models.CharField()),
        )
        .order_by("-sequence")
        .values("occurred_at")[:1]
    )
