"""Administrators can correct the themes' names; every change is audited (AuditedAdmin)."""

from django.contrib import admin

from bestvalue.audit.admin_records import AuditedAdmin
from bestvalue.guidance.models import Theme


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin):
    list_display = ("position", "name", "key")
    readonly_fields = ("key",)
