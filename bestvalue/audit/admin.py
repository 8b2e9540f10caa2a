"""Administrators can read the audit log here; nobody can add, change or delete an event."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bestvalue.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
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
    fields = (
        "sequence",
        "occurred_at",
        "actor",
        "actor_label",
        "action",
        "object_type",
        "object_id",
        "object_label",
        "before",
        "after",
        "previous_hash",
        "hash",
    )
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
