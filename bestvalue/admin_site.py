"""The Django admin, open to administrators only (the role, not Django's is_staff flag)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest


class BestValueAdminSite(admin.AdminSite):
    site_header = "Best value oversight: administration"
    site_title = "Best value oversight administration"
    index_title = "Users, roles and reference data"

    def has_permission(self, request: HttpRequest) -> bool:
        from bestvalue.accounts.permissions import can_use_admin
        from bestvalue.accounts.twofactor import is_verified

        # Administrators must have signed in with a one-time code (two-factor) in this session.
        return can_use_admin(request.user) and is_verified(request.user)


class BestValueAdminConfig(AdminConfig):
    default_site = "bestvalue.admin_site.BestValueAdminSite"
