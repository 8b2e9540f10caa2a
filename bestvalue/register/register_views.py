"""The public register of notices and interventions, and the page about the regime. Every view
here is public, read-only and cached for people who are not signed in."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from bestvalue.core.dates import uk_date
from bestvalue.core.pagination import govuk_pagination, page_for
from bestvalue.guidance.themes import GUIDANCE_PUBLISHED, GUIDANCE_TITLE, GUIDANCE_URL, THEMES
from bestvalue.public.caching import public_cache
from bestvalue.register.listing import RegisterEntries, register_entries
from bestvalue.register.register_forms import RegisterFilterForm

PER_PAGE = 25


def feed_links(gss_code: str | None = None) -> list[dict[str, str]]:
    """The Atom and iCalendar feeds, overall or for one authority, for <link rel="alternate">
    in a page's head and for links in its body."""
    if gss_code is None:
        atom, ics = reverse("register:feed"), reverse("register:calendar")
        where = "all authorities"
    else:
        atom = reverse("register:authority-feed", kwargs={"gss_code": gss_code})
        ics = reverse("register:authority-calendar", kwargs={"gss_code": gss_code})
        where = "this authority"
    return [
        {
            "type": "application/atom+xml",
            "href": atom,
            "title": f"Changes to the register: {where}",
        },
        {"type": "text/calendar", "href": ics, "title": f"Public dates: {where}"},
    ]


def download_links(filters: dict[str, str], kinds: list[str]) -> list[dict[str, str]]:
    """CSV and JSON of the rows a page shows: the notices and interventions datasets asked with
    the page's own filters (opendata.filtered), one pair per kind of record on the page."""
    query = f"?{urlencode(filters)}" if filters else ""
    return [
        {
            "href": reverse("register:download", kwargs={"dataset": dataset, "fmt": fmt}) + query,
            "text": f"{title} ({fmt.upper()})",
        }
        for dataset, title in (("notices", "Notices"), ("interventions", "Interventions"))
        if dataset in kinds
        for fmt in ("csv", "json")
    ]


def _summary(entries: RegisterEntries, form: RegisterFilterForm) -> str:
    notices = entries.of_kind("notice")
    interventions = len(entries) - notices
    parts = [
        f"{notices} {'notice' if notices == 1 else 'notices'}",
        f"{interventions} {'intervention' if interventions == 1 else 'interventions'}",
    ]
    day = form.cleaned_data.get("in_force_on")
    return " and ".join(parts) + (f" in force on {uk_date(day)}" if day else "")


@require_safe
@login_not_required
@public_cache
def register(request: HttpRequest) -> HttpResponse:
    """Every published notice and intervention, searched, filtered, sorted and paginated."""
    form = RegisterFilterForm(request.GET)
    context: dict[str, Any] = {"form": form, "feeds": feed_links()}
    if not form.is_valid():
        return render(request, "register/register.html", context, status=400)
    query = form.query()
    entries = register_entries(query)
    page = page_for(form, entries, per_page=PER_PAGE)
    if page is None:
        return render(request, "register/register.html", context, status=400)
    context.update(
        page=page,
        pagination=govuk_pagination(page, request.GET),
        summary=_summary(entries, form),
        downloads=download_links(
            form.canonical(),
            [
                k
                for k, q in (("notices", query.notices), ("interventions", query.interventions))
                if q
            ],
        ),
    )
    return render(request, "register/register.html", context)


@require_safe
@login_not_required
@public_cache
def about(request: HttpRequest) -> HttpResponse:
    """The regime in short, as facts with their statute and guidance (DESIGN.md section 1)."""
    return render(
        request,
        "register/about.html",
        {
            "themes": THEMES,
            "guidance": {
                "title": GUIDANCE_TITLE,
                "published": GUIDANCE_PUBLISHED,
                "url": GUIDANCE_URL,
            },
            "feeds": feed_links(),
        },
    )
