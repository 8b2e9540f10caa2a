"""Administration of boards and panels (reference data: which boards exist, for which authority,
and who sits on them). The plan, measures, evidence and the boards' records are kept through the
service's own pages, which check roles and write the audit log; they are not edited here.
Every change made here is an audit event with before and after (AuditedAdmin)."""

from django.contrib import admin

from bestvalue.audit.admin_records import AuditedAdmin
from bestvalue.improvement.models import BoardMembership, ImprovementBoard


class BoardMembershipInline(admin.TabularInline):
    model = BoardMembership
    extra = 0
    fields = ("name", "role", "description", "started_on", "ended_on")


@admin.register(ImprovementBoard)
class ImprovementBoardAdmin(AuditedAdmin):
    list_display = ("name", "authority", "kind", "established_on", "stood_down_on")
    list_filter = ("kind",)
    list_select_related = ("authority",)
    search_fields = ("name", "authority__official_name")
    autocomplete_fields = ("authority",)
    inlines = [BoardMembershipInline]
