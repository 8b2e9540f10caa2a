from django.contrib import admin

from bestvalue.improvement.models import ImprovementBoard


@admin.register(ImprovementBoard)
class ImprovementBoardAdmin(admin.ModelAdmin):
    list_display = ("name", "authority", "kind", "established_on", "stood_down_on")
    list_filter = ("kind",)
    list_select_related = ("authority",)
    search_fields = ("name", "authority__official_name")
    autocomplete_fields = ("authority",)
