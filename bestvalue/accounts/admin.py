"""Administrators manage users and their roles here; every change, a role change above all, is
an audit event with before and after (AuditedAdmin); a password change is recorded, its hash
never."""

from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from bestvalue.accounts.models import User
from bestvalue.audit.admin_records import AuditedAdmin
from bestvalue.audit.services import record_event


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
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

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                record_event(
                    actor=request.user,  # type: ignore[arg-type]
                    action="admin.accounts.user.password_changed",
                    obj=self.get_object(request, unquote(id)),
                )
        return response


# Django's groups, and django-axes' records of failed sign-ins (deleting one unlocks a user), are
# registered by their own apps; changes to them are audited like the users'.
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(AuditedAdmin, BaseGroupAdmin):
    pass


class AccessAttemptAdmin(AuditedAdmin, axes_admin.AccessAttemptAdmin):
    pass


class AccessLogAdmin(AuditedAdmin, axes_admin.AccessLogAdmin):
    pass


class AccessFailureLogAdmin(AuditedAdmin, axes_admin.AccessFailureLogAdmin):
    pass


for _model, _admin in (
    (AccessAttempt, AccessAttemptAdmin),
    (AccessLog, AccessLogAdmin),
    (AccessFailureLog, AccessFailureLogAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
        admin.site.register(_model, _admin)

# Two-factor devices hold their users' secrets: they are managed by their owners on /account/
# (enrol, move to a new phone, new recovery codes), never shown or changed in the admin.
for _app_label, _model_name in (
    ("otp_totp", "totpdevice"),
    ("otp_static", "staticdevice"),
):
    for _registered in list(admin.site._registry):
        if (_registered._meta.app_label, _registered._meta.model_name) == (_app_label, _model_name):
            admin.site.unregister(_registered)
