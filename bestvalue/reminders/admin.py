"""The record of reminders, read-only, for answering "was I told?"; nothing is changed here."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bestvalue.reminders.models import Reminder


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("user", "title", "due_on", "lead_days", "status", "sent_at", "attempts")
    list_filter = ("status", "kind", "channel")
    list_select_related = ("user",)
    search_fields = ("user__username", "user__email", "title", "item_key")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
