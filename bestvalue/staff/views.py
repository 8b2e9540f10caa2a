"""Pages for signed-in users."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bestvalue.accounts import permissions


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Each role's starting point: who you are, what you can do, and where."""
    if not permissions.can_use_staff_pages(request.user):
        raise PermissionDenied("This account has no role.")
    return render(
        request,
        "staff/home.html",
        {
            "is_department": permissions.is_department(request.user),
            "can_use_admin": permissions.can_use_admin(request.user),
        },
    )
