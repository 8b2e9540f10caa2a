"""Dates as GOV.UK writes them: "4 December 2026" (and "4 December 2026 at 2:05pm" for a moment),
in Europe/London. The one home of this spelling: pages, letters, messages, charts and CSV reports
all use it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def uk_date(value: dt.date | dt.datetime | None, missing: str = "Not known") -> str:
    """GOV.UK style dates: "24 January 2023"; a datetime is shown in Europe/London with its time."""
    if value is None:
        return missing
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value.day} {value:%B %Y} at {value:%-I:%M%p}".replace("AM", "am").replace(
            "PM", "pm"
        )
    return f"{value.day} {value:%B %Y}"
