"""The iCalendar feed of public dates, for all authorities or one: the obligations the public may
see (reminders.sources.obligations with `published_only`), the same ones, on the same dates, as
the department's dashboard and each user's due page, written by the one iCalendar writer.

A calendar is built once per version of the public record and kept (CALENDAR_KEPT_SECONDS), so
that a request costs one query however long the record: the whole record's calendar has an event
per open public date (about 1,500 at 100 times the real record, 400 ms to build; bench/README.md).
The key carries the record's version (public_version: the last public event and today's date), so
any change to the record, on any app server, builds it afresh; it is the same for everyone, signed
in or not, so it is kept whether or not the public page cache is on.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.core import clock
from bestvalue.public.caching import public_cache, public_version
from bestvalue.reminders import ics, sources

# Only bounds memory: a calendar's key changes with the record and the date.
CALENDAR_KEPT_SECONDS = 24 * 60 * 60


@require_safe
@login_not_required
@public_cache
def dates_calendar(request: HttpRequest, gss_code: str | None = None) -> HttpResponse:
    authority = None
    if gss_code is not None:
        authority = authority_by_gss(gss_code)
        if authority is None:
            raise Http404(f"No authority has the GSS code {gss_code}")
    site_url = request.build_absolute_uri("/").rstrip("/")
    where = hashlib.sha256(f"{site_url} {gss_code or ''}".encode()).hexdigest()
    key = f"public-calendar:{public_version(request)}:{where}"
    body = cache.get(key)
    if body is None:
        body = _calendar(authority, site_url)
        cache.set(key, body, CALENDAR_KEPT_SECONDS)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="best-value-dates.ics"'
    return response


def _calendar(authority: Any, site_url: str) -> bytes:
    published = sources.obligations(
        clock.today(), authority_id=authority.pk if authority else None, published_only=True
    )
    return ics.feed(
        [sources.due_item(o) for o in published],
        name=f"Best value public dates: {authority.official_name if authority else 'England'}",
        product=settings.SERVICE_NAME,
        site_url=site_url,
        timezone=settings.TIME_ZONE,
        now=clock.now(),
        link=lambda item: item.public_path,
    )
