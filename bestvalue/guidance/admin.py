from django.contrib import admin

from bestvalue.guidance.models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ("position", "name", "key")
    readonly_fields = ("key",)
