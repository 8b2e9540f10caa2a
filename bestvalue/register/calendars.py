"""The iCalendar feed of public dates, for all authorities or one: the obligations the public may
see (reminders.sources.obligations with `published_only`), the same ones, on the same dates, as
the department's dashboard and each user's due page, written by the one iCalendar writer."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from bestvalue.authorities.selectors import authority_by_gss
from bestvalue.core import clock
from bestvalue.public.caching import public_cache
from bestvalue.reminders import ics, sources


@require_safe
@login_not_required
@public_cache
def dates_calendar(request: HttpRequest, gss_code: str | None = None) -> HttpResponse:
    authority = None
    if gss_code is not None:
        authority = authority_by_gss(gss_code)
        if authority is None:
            raise Http404(f"No authority has the GSS code {gss_code}")
    published = sources.obligations(
        clock.today(), authority_id=authority.pk if authority else None, published_only=True
    )
    items = [sources.due_item(o) for o in published]
    body = ics.feed(
        items,
        name=f"Best value public dates: {authority.official_name if authority else 'England'}",
        product=settings.SERVICE_NAME,
        site_url=request.build_absolute_uri("/").rstrip("/"),
        timezone=settings.TIME_ZONE,
        now=clock.now(),
        link=lambda item: item.public_path,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="best-value-dates.ics"'
    return response
