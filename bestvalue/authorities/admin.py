"""Administrators can look up and correct reference data; the loader remains the normal route.
Every change made here is an audit event with before and after (AuditedAdmin)."""

from django.contrib import admin

from bestvalue.audit.admin_records import AuditedAdmin
from bestvalue.authorities.models import Authority, AuthorityName, FormerCode, Membership


class NameInline(admin.TabularInline):
    model = AuthorityName
    extra = 0
    fields = ("name", "normalised")


class FormerCodeInline(admin.TabularInline):
    model = FormerCode
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "combined_authority"
    extra = 0
    autocomplete_fields = ("member",)


@admin.register(Authority)
class AuthorityAdmin(AuditedAdmin):
    list_display = ("official_name", "gss_code", "kind", "region", "is_current")
    list_filter = ("kind", "region", "is_current")
    search_fields = ("official_name", "short_name", "gss_code", "names__name")
    filter_horizontal = ("successors",)
    inlines = (NameInline, FormerCodeInline, MembershipInline)
