"""Administrators manage users and their roles here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from bestvalue.accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "role",
        "authority",
        "board",
        "is_active",
    )
    list_filter = ("role", "is_active")
    list_select_related = ("authority", "board")
    autocomplete_fields = ("authority",)
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        ("Role", {"fields": ("role", "authority", "board")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("Role", {"fields": ("email", "first_name", "last_name", "role", "authority", "board")}),
    )
