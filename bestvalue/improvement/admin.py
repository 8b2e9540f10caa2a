"""Administration of boards and panels (reference data: which boards exist, for which authority,
and who sits on them). The plan, measures, evidence and the boards' records are kept through the
service's own pages, which check roles and write the audit log; they are not edited here.
Every change made here is an audit event with before and after (AuditedAdmin)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from bestvalue.audit.admin_records import AuditedAdmin
from bestvalue.authorities.selectors import current_authorities
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
    inlines = [BoardMembershipInline]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        """The authority as a plain list of current authorities by name (and the board's own, if
        it has since been abolished), so the form works without JavaScript: an autocomplete
        list is empty until its script runs."""
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields["authority"]
        chosen = current_authorities()
        if obj is not None:
            chosen = chosen | type(obj.authority).objects.filter(pk=obj.authority_id)
        field.queryset = chosen.distinct().order_by("official_name")  # type: ignore[attr-defined]
        return form
