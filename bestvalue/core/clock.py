"""The only place that asks what time it is, so tests can freeze it and rules can take `today`."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    """The current moment, timezone-aware."""
    return timezone.now()


def today() -> dt.date:
    """Today's date in the service's time zone (Europe/London), not UTC."""
    return timezone.localdate()
