"""Two-factor sign-in, enforced: a user enrolled in two-factor sign-in reaches nothing that needs
signing in (the admin included) until they have entered a code in this session; an approver or
administrator who has not enrolled is sent to enrol before anything else. Public pages stay
public. Sits after django-otp's OTPMiddleware, which tells whether the session is verified."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from bestvalue.accounts import permissions, twofactor


class TwoFactorRequired:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated or getattr(view_func, "two_factor_exempt", False):
            return None
        is_admin = request.path_info.startswith("/admin/")
        if getattr(view_func, "login_required", True) is False and not is_admin:
            return None  # a public page
        if twofactor.is_verified(user):
            return None
        wanted = urlencode({"next": request.get_full_path()})
        if twofactor.is_enrolled(user):
            return redirect(reverse("accounts:two-factor-code") + "?" + wanted)
        if permissions.must_use_two_factor(user):
            return redirect(reverse("accounts:two-factor-setup") + "?" + wanted)
        return None
