"""The one iCalendar writer (RFC 5545, by the `icalendar` library), for each user's own feed and
the public feeds alike: one all-day event per obligation, whose UID (the obligation's key) stays
the same while its date does, so calendars update it in place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from icalendar import Calendar, Event

from bestvalue.reminders.rules import DueItem


def feed(
    items: Iterable[DueItem],
    *,
    name: str,
    product: str,
    site_url: str,
    timezone: str,
    now: dt.datetime,
    link: Callable[[DueItem], str],
) -> bytes:
    """The calendar called `name`; `link` gives each item's page (a path on `site_url`)."""
    cal = Calendar()
    cal.add("prodid", f"-//{product}//Dates//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", timezone)
    host = urlsplit(site_url).hostname or "localhost"
    for item in items:
        url = site_url + link(item)
        event = Event()
        event.add("uid", f"{item.key}@{host}")
        event.add("dtstamp", now)
        event.add("dtstart", item.due_on)
        event.add("dtend", item.due_on + dt.timedelta(days=1))
        event.add("summary", item.title)
        event.add("description", f"{item.detail}\n\n{url}")
        event.add("categories", [item.kind.label])
        event.add("url", url)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()
