"""Reads of the audit log, newest first, with the acting user already joined."""

from __future__ import annotations

from django.db import models

from bestvalue.audit.models import AuditEvent, AuditEventQuerySet


def events_for(obj: models.Model) -> AuditEventQuerySet:
    """The events recorded about one record, newest first."""
    return (
        AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-sequence")
    )


def recent_events(limit: int = 50) -> AuditEventQuerySet:
    """The latest `limit` events across the service, newest first."""
    return AuditEvent.objects.select_related("actor").order_by("-sequence")[:limit]
