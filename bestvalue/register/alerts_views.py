"""Email alerts on the public register: subscribe (no account), confirm from the email, and
unsubscribe in one click. The alerts app keeps the rules; these pages only translate them.

Every answer to a subscription is the same page whatever the address's state, so the pages never
say whether an address is subscribed; requests are rate-limited per client and per address."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.alerts import rules, services
from bestvalue.alerts.sending import Source
from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.public.filters import GSS_PATTERN
from bestvalue.register.feeds import published_changes

# How many subscription requests an hour: from one client (then a 429), and for one address
# (then, silently, no more emails: the page must not differ by address).
CLIENT_LIMIT, ADDRESS_LIMIT, WINDOW = 10, 3, 3600
EVERY_AUTHORITY = "every authority"


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )
    notices_only = forms.TypedChoiceField(
        label="What do you want to be told about?",
        choices=[
            ("false", "Every change to the register"),
            ("true", "New best value notices only"),
        ],
        coerce=lambda v: v == "true",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose every change or new notices only"},
    )
    authority = forms.RegexField(
        regex=GSS_PATTERN,
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": "Choose an authority from the register"},
    )

    def clean_authority(self) -> str:
        gss = self.cleaned_data.get("authority") or ""
        if gss and authority_by_gss(gss) is None:
            raise forms.ValidationError("Choose an authority from the register")
        return gss


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def links() -> services.Links:
    return services.Links(
        confirm=lambda t: _absolute(reverse("register:alerts-confirm", kwargs={"token": t})),
        unsubscribe=lambda t: _absolute(
            reverse("register:alerts-unsubscribe", kwargs={"token": t})
        ),
    )


def _name_of(gss: str) -> str:
    authority = authority_by_gss(gss) if gss else None
    return authority.official_name if authority else EVERY_AUTHORITY


def _changes(gss: str) -> Any:
    authority = authority_by_gss(gss) if gss else None
    return published_changes(authority.pk if authority else None)


def alert_source() -> Source:
    """The Atom feed's published changes, and this interface's links, for the alert run."""
    return Source(
        changes=_changes,
        name_of=_name_of,
        site_url=settings.SITE_URL,
        unsubscribe=links().unsubscribe,
    )


def _within_limit(kind: str, who: str, limit: int) -> bool:
    key = "alerts-limit:" + kind + ":" + hashlib.sha256(who.encode()).hexdigest()
    cache.add(key, 0, WINDOW)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW)
        return True


@require_http_methods(["GET", "HEAD", "POST"])
@login_not_required
def subscribe(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = SubscribeForm(data, initial={"authority": request.GET.get("authority", "")})
    context: dict[str, Any] = {"form": form}
    gss = request.POST.get("authority") or request.GET.get("authority") or ""
    context["authority"] = authority_by_gss(gss) if re.match(GSS_PATTERN, gss) else None
    if data is None:
        return render(request, "alerts/subscribe.html", context)
    if not form.is_valid():  # sends nothing, so it counts against no limit
        return render(request, "alerts/subscribe.html", context, status=400)
    if not _within_limit("client", request.META.get("REMOTE_ADDR", ""), CLIENT_LIMIT):
        return render(request, "alerts/too_many.html", {"minutes": WINDOW // 60}, status=429)
    email, gss = form.cleaned_data["email"], form.cleaned_data["authority"]
    if _within_limit("address", rules.normalise_email(email), ADDRESS_LIMIT):
        services.subscribe(
            email=email,
            authority_gss=gss,
            where=_name_of(gss),
            notices_only=form.cleaned_data["notices_only"],
            links=links(),
        )
    return redirect("register:alerts-check-email")


@require_safe
@login_not_required
def check_email(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/check_email.html")


@require_http_methods(["GET", "HEAD", "POST"])
@login_not_required
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the confirmation email: a page with a button, so that a mail scanner that
    follows links does not subscribe anyone."""
    found = services.subscription_for(token, services.CONFIRM)
    if found is None:
        return render(request, "alerts/bad_link.html", status=404)
    if request.method == "POST":
        services.confirm(token, changes=lambda: _changes(""))
        return render(request, "alerts/confirmed.html", {"where": _name_of(found.authority_gss)})
    return render(request, "alerts/confirm.html", {"where": _name_of(found.authority_gss)})


@csrf_exempt  # RFC 8058: the mail client posts here with no page; the signed token is the proof
@require_http_methods(["GET", "HEAD", "POST"])
@login_not_required
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """One click: a POST (the List-Unsubscribe-Post header, or the page's button) deletes the
    subscription; a GET shows the button. Gone already is the same as done."""
    if request.method == "POST":
        services.unsubscribe(token)
        return render(request, "alerts/unsubscribed.html")
    if services.subscription_for(token, services.UNSUBSCRIBE) is None:
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html")


@require_safe
@login_not_required
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/privacy.html", {"window_days": rules.CONFIRM_DAYS})
