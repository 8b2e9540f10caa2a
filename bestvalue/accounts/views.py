"""Sign in (password, then a one-time code for those enrolled), two-factor enrolment, your account
page, sign out and sign out of every device, on GOV.UK pages."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token

from bestvalue.accounts import permissions, services, twofactor
from bestvalue.accounts.forms import CodeForm, SignInForm


def two_factor_exempt(view: Any) -> Any:
    """Reachable signed in before the code is given (bestvalue.accounts.middleware)."""
    view.two_factor_exempt = True
    return view


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse(settings.LOGIN_REDIRECT_URL)


def _with_next(name: str, next_url: str) -> str:
    return reverse(name) + "?" + urlencode({"next": next_url})


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def get_success_url(self) -> str:
        url = super().get_success_url()
        user = self.request.user
        if twofactor.is_enrolled(user):
            return _with_next("accounts:two-factor-code", url)
        if permissions.must_use_two_factor(user):
            return _with_next("accounts:two-factor-setup", url)
        return url


@method_decorator(two_factor_exempt, name="dispatch")
class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@login_not_required
def locked_out(
    request: HttpRequest, credentials: Any = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """Shown instead of the sign-in page after too many failed attempts (django-axes), for any
    username, known or not."""
    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


@two_factor_exempt
def two_factor_code(request: HttpRequest) -> HttpResponse:
    """The second step of signing in: a code from the authenticator app, or a recovery code."""
    user = request.user
    next_url = _next(request)
    if twofactor.is_verified(user) or not twofactor.is_enrolled(user):
        return redirect(next_url)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            request.session.cycle_key()
            otp_login(request, device)
            return redirect(next_url)
        form.add_error(
            "code",
            "Enter the 6-digit code your authenticator app shows now, or one of your recovery codes",
        )
    status = 400 if form.errors else 200
    return render(
        request, "accounts/two_factor_code.html", {"form": form, "next": next_url}, status=status
    )


@two_factor_exempt
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the QR code (or type the key), enter the code it shows.
    Approvers and administrators are sent here before anything else until they have enrolled."""
    user = request.user
    if not permissions.may_use_two_factor(user):
        return redirect("staff:home")
    if twofactor.is_enrolled(user) and not twofactor.is_verified(user):
        return redirect(_with_next("accounts:two-factor-code", request.get_full_path()))
    next_url = _next(request)
    device = services.start_two_factor_enrolment(user=user)  # type: ignore[arg-type]
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_two_factor_enrolment(
            user=user,  # type: ignore[arg-type]
            device=device,
            token=form.cleaned_data["code"],
        )
        if codes is not None:
            request.session.cycle_key()
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": next_url, "enrolled": True},
            )
        form.add_error("code", "Enter the 6-digit code your authenticator app shows now")
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "next": next_url,
            "qr_svg": twofactor.qr_code_svg(twofactor.provisioning_uri(device)),
            "secret": twofactor.secret_text(device),
            "required": permissions.must_use_two_factor(user),
            "replacing": twofactor.is_enrolled(user),
        },
        status=400 if form.errors else 200,
    )


def account(request: HttpRequest) -> HttpResponse:
    """Your account: your role, two-factor sign-in, and signing out of every device."""
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "enrolled": twofactor.is_enrolled(user),
            "required": permissions.must_use_two_factor(user),
            "offered": permissions.may_use_two_factor(user),
            "recovery_codes_left": twofactor.recovery_codes_left(user),
        },
    )


@require_POST
def recovery_codes(request: HttpRequest) -> HttpResponse:
    """Replace the recovery codes (for an enrolled user) and show the new ones once."""
    if not twofactor.is_enrolled(request.user):
        return redirect("accounts:account")
    codes = services.replace_recovery_codes(user=request.user)  # type: ignore[arg-type]
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:account"), "enrolled": False},
    )


@two_factor_exempt
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of this user, on every device, this one included."""
    services.sign_out_everywhere(user=request.user)  # type: ignore[arg-type]
    logout(request)
    return redirect(settings.LOGIN_URL)
