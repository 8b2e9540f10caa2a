"""The iCalendar feed of public dates, for all authorities or one: when notices' periods end,
when inspection reports are due, when windows for representations close, when directions end,
and when reports under directions are due. Published records only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from icalendar import Calendar, Event

from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.core import clock
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.notices import selectors as notice_selectors
from bestvalue.public.caching import public_cache
from bestvalue.public.naming import intervention_url


@dataclass(frozen=True)
class PublicDate:
    on: dt.date
    uid: str  # stable for the record and the kind of date, so calendars update in place
    category: str
    summary: str
    description: str
    url: str


def _notice_dates(notices: Any) -> list[PublicDate]:
    """The end of each notice's period, unless it stopped being in force before then."""
    dates = []
    for n in notices:
        if n.expires_on is None or (n.ended_on is not None and n.ended_on < n.expires_on):
            continue
        dates.append(
            PublicDate(
                n.expires_on,
                f"notice-{n.reference}-expiry",
                "Notice period ends",
                f"Best value notice {n.reference} to {n.authority.official_name}: period ends",
                f"The {n.period_months}-month period of the notice issued on "
                f"{n.issued_on:%d %B %Y} ends. The department decides whether to reissue it, "
                "let it lapse or escalate.",
                reverse("register:notice", kwargs={"reference": n.reference}),
            )
        )
    return dates


def _intervention_dates(intervention: Any) -> list[PublicDate]:
    name, ref = intervention.authority.official_name, intervention.reference
    url = intervention_url(ref)
    dates = []
    for i in intervention.inspections.all():
        if i.deadline is not None:
            text = "Report of the best value inspection due (after any extensions)."
            dates.append(
                PublicDate(
                    i.deadline,
                    f"{ref}-inspection-{i.position}-report-due",
                    "Inspection report due",
                    f"Best value inspection of {name}: report due",
                    text,
                    url,
                )
            )
    for m in intervention.minded_to_letters.all():
        if m.representations_by is not None:
            text = "Last day for representations on the minded-to letter (s.15(9) of the Local Government Act 1999)."
            dates.append(
                PublicDate(
                    m.representations_by,
                    f"{ref}-minded-to-{m.position}-representations",
                    "Representations close",
                    f"Minded-to letter to {name}: representations close",
                    text,
                    url,
                )
            )
    for d in intervention.directions.all():
        if d.ends_on is not None and d.kind in ("directions", "extension"):
            text = (
                "The last day the directions are stated to be in force, unless extended or revoked."
            )
            dates.append(
                PublicDate(
                    d.ends_on,
                    f"{ref}-directions-{d.position}-end",
                    "Directions end",
                    f"Directions to {name}: end date",
                    text,
                    url,
                )
            )
        for r in d.reports.all():
            if r.due_on is not None:
                text = f"{r.title or 'Report'} due under the directions of {d.made_on or d.made_on_approx}."
                dates.append(
                    PublicDate(
                        r.due_on,
                        f"{ref}-report-{r.pk}-due",
                        "Report due",
                        f"Report on {name} due",
                        text,
                        url,
                    )
                )
    return dates


def public_dates(authority_id: int | None = None) -> list[PublicDate]:
    """Every public date, in date order, in a fixed number of queries."""
    notices = notice_selectors.published_notices().select_related("authority")
    interventions = intervention_selectors.published_interventions()
    if authority_id is not None:
        notices = notices.filter(authority_id=authority_id)
        interventions = interventions.filter(authority_id=authority_id)
    dates = _notice_dates(notices)
    for intervention in interventions:
        dates += _intervention_dates(intervention)
    return sorted(dates, key=lambda d: (d.on, d.uid))


def calendar(dates: list[PublicDate], *, name: str, base_url: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SERVICE_NAME}//Public dates//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    stamp = clock.now()
    for d in dates:
        event = Event()
        event.add("uid", f"{d.uid}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", d.on)
        event.add("dtend", d.on + dt.timedelta(days=1))
        event.add("summary", d.summary)
        event.add("description", d.description)
        event.add("categories", [d.category])
        event.add("url", base_url + d.url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


@require_safe
@login_not_required
@public_cache
def dates_calendar(request: HttpRequest, gss_code: str | None = None) -> HttpResponse:
    authority = None
    if gss_code is not None:
        authority = authority_by_gss(gss_code)
        if authority is None:
            raise Http404(f"No authority has the GSS code {gss_code}")
    name = f"Best value public dates: {authority.official_name if authority else 'England'}"
    body = calendar(
        public_dates(authority.pk if authority else None),
        name=name,
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="best-value-dates.ics"'
    return response
