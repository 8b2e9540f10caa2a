"""Administrators can read the audit log and its checkpoints here; nobody can add, change or
delete either."""

from __future__ import annotations

from django.contrib import admin

from bestvalue.audit.admin_records import ReadOnlyAdmin
from bestvalue.audit.hashing import HASHED_FIELDS
from bestvalue.audit.models import AuditCheckpoint, AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = (
        "sequence",
        "occurred_at",
        "actor_label",
        "action",
        "object_type",
        "object_label",
    )
    list_filter = ("action", "object_type")
    search_fields = ("object_label", "object_id", "actor_label", "action")
    ordering = ("-sequence",)
    # Counting every event for "n of N results" gets slower as the log grows; it never shrinks.
    show_full_result_count = False
    # Everything the hash covers, then the hash itself.
    fields = (*HASHED_FIELDS, "hash")
    readonly_fields = fields


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyAdmin):
    list_display = ("recorded_at", "sequence", "hash")
    ordering = ("-recorded_at", "-id")
    fields = ("recorded_at", "sequence", "hash")
    readonly_fields = fields
