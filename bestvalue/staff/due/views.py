"""Each user's due page, their reminder preferences, and their private calendar feed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from bestvalue.core import clock
from bestvalue.core.dates import uk_date
from bestvalue.core.pagination import PageOutOfRange, govuk_pagination, paginate
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.reminders import ics, rules, services
from bestvalue.reminders import selectors as reminder_selectors
from bestvalue.reminders.permissions import can_use_due_pages, item_path
from bestvalue.staff.due.forms import PreferencesForm


def _user(request: HttpRequest) -> Any:
    if not can_use_due_pages(request.user):
        raise PermissionDenied("This account has no role.")
    return request.user


def _link(user: Any) -> Any:
    return lambda item: item_path(user, item)


# Each group pages on its own: at 100 times the record a caseworker has some 1,800 open dates,
# most of them overdue plan actions, which made a 1.2 MB page (bench/README.md).
DUE_PER_PAGE = 50
# Each group of the due page: its key (the page parameter is KEY-page, the heading's id KEY),
# and what it says when it is empty.
GROUPS = {
    "overdue": "Nothing that concerns you is overdue.",
    "soon": "Nothing that concerns you falls due by then.",
    "later": "No later dates are recorded.",
}


def _due_page(user: Any) -> reminder_selectors.DuePage:
    return reminder_selectors.due_page(
        clock.today(), user=user, soon_days=max(settings.REMINDER_LEAD_DAYS)
    )


def _groups(request: HttpRequest, page: reminder_selectors.DuePage) -> list[dict[str, Any]]:
    """Each group's page of items (its own page parameter, 404 for a page it does not have)."""
    groups = []
    for key, empty in GROUPS.items():
        number = request.GET.get(f"{key}-page", "1")
        heading = f"Due by {uk_date(page.horizon)}" if key == "soon" else key.capitalize()
        try:
            items = paginate(
                getattr(page, key), int(number) if number.isdigit() else 0, per_page=DUE_PER_PAGE
            )
        except PageOutOfRange as exc:
            raise Http404(f"{heading}: {exc}") from None
        pagination = govuk_pagination(
            items, request.GET, param=f"{key}-page", anchor=key, label=f"Pages of {heading}"
        )
        groups.append(
            {"key": key, "heading": heading, "items": items, "empty": empty, "pages": pagination}
        )
    return groups


def _due_link(user: Any, page: reminder_selectors.DuePage) -> Any:
    """The due page's address of each item, on the page of its group where it is listed (for
    the calendar feed's items that have no page of their own for the user)."""
    where = {
        item.key: f"?{key}-page={index // DUE_PER_PAGE + 1}#{item.anchor}"
        for key in GROUPS
        for index, item in enumerate(getattr(page, key))
    }
    return lambda item: item_path(user, item) or reverse("staff:due") + where.get(item.key, "")


@require_safe
def due(request: HttpRequest) -> HttpResponse:
    """The dates that concern the signed-in user: overdue, coming soon, later, each a page at a
    time."""
    user = _user(request)
    page = _due_page(user)
    context = {
        "page": page,
        "groups": _groups(request, page),
        "item_link": _link(user),
        "when": rules.when,
        "lead_days": [d for d in settings.REMINDER_LEAD_DAYS if d > 0],
        "preference": reminder_selectors.preference_of(user),
        "recent": reminder_selectors.recent_reminders(user),
        "stage_label": rules.stage_label,
    }
    return render(request, "staff/due/due.html", context)


def _preferences_page(
    request: HttpRequest, form: PreferencesForm, *, calendar_url: str = "", status: int = 200
) -> HttpResponse:
    context = {
        "form": form,
        "preference": reminder_selectors.preference_of(request.user),
        "calendar_url": calendar_url,
    }
    return render(request, "staff/due/preferences.html", context, status=status)


def _initial(user: Any) -> dict[str, Any]:
    preference = reminder_selectors.preference_of(user)
    muted = set(preference.muted_kinds)
    return {
        "email": "yes" if preference.email else "no",
        "kinds": [kind for kind, _ in reminder_selectors.kind_choices() if kind not in muted],
        "version": preference.version,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """Which kinds of date to be reminded of, whether by email, and the calendar feed."""
    user = _user(request)
    form = PreferencesForm(request.POST or None, initial=_initial(user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_preferences(
                user, by=user, email=data["email"], kinds=data["kinds"], version=data["version"]
            )
        except (StaleEdit, NotAllowed) as exc:
            form.add_error(None, str(exc))
            return _preferences_page(request, form, status=409)
        messages.success(request, "Your reminder choices have been saved.")
        return redirect("staff:due-preferences")
    return _preferences_page(request, form, status=400 if form.errors else 200)


@require_POST
def calendar_new(request: HttpRequest) -> HttpResponse:
    """A new secret address for the user's calendar feed, shown once (only a digest is kept)."""
    user = _user(request)
    token = services.new_calendar_key(user, by=user)
    url = request.build_absolute_uri(reverse("staff:calendar-feed", kwargs={"token": token}))
    response = _preferences_page(request, PreferencesForm(initial=_initial(user)), calendar_url=url)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def calendar_revoke(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    services.revoke_calendar_key(user, by=user)
    messages.success(
        request, "Your calendar feed has been turned off. Its address no longer works."
    )
    return redirect("staff:due-preferences")


@require_safe
@login_not_required
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A user's dates for their calendar app. Public, because calendar apps cannot sign in: the
    secret in the address is the key, and an unknown or revoked one is simply not found."""
    user = reminder_selectors.user_for_calendar(token)
    if user is None or not can_use_due_pages(user):
        raise Http404("No calendar has this address. It may have been turned off or replaced.")
    today = clock.today()
    items = reminder_selectors.due_items(today, user=user)
    page = reminder_selectors.grouped(
        items, today=today, soon_days=max(settings.REMINDER_LEAD_DAYS)
    )
    body = ics.feed(
        items,
        name=f"{settings.SERVICE_NAME}: your dates",
        product=settings.SERVICE_NAME,
        site_url=request.build_absolute_uri("/").rstrip("/"),
        timezone=settings.TIME_ZONE,
        now=clock.now(),
        link=_due_link(user, page),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="your-dates.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
