"""No event twice in any feed (issue 19, point 4): on the real record, the national and every
authority's calendar and change feed list each event once (by identifier, and by what and when)."""

from __future__ import annotations

import collections
import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command

from bestvalue.interventions.models import Intervention
from tests.clients import CheckingClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _real_record() -> None:
    call_command("load_authorities", verbosity=0)
    call_command("load_register", verbosity=0)


def _twice(items: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [k for k, n in collections.Counter(items).items() if n > 1]


def _calendar_twice(body: str) -> list[tuple[str, ...]]:
    events = re.findall(r"BEGIN:VEVENT(.*?)END:VEVENT", body, re.S)
    keys = [
        (
            re.search(r"SUMMARY:(.*)", e).group(1).strip(),  # type: ignore[union-attr]
            re.search(r"DTSTART[^:]*:(\S+)", e).group(1),  # type: ignore[union-attr]
        )
        for e in events
    ]
    uids = [(re.search(r"UID:(.*)", e).group(1).strip(),) for e in events]  # type: ignore[union-attr]
    return _twice(keys) + _twice(uids)


def _atom_twice(body: str) -> list[tuple[str, ...]]:
    entries = re.findall(r"<entry>(.*?)</entry>", body, re.S)
    return _twice([(re.search(r"<id>(.*?)</id>", e).group(1),) for e in entries])  # type: ignore[union-attr]


@pytest.mark.parametrize("day", [dt.date(2024, 6, 1), dt.date(2025, 6, 1), dt.date(2026, 12, 3)])
def test_no_event_appears_twice_in_any_feed(day: dt.date) -> None:
    client = CheckingClient()
    authorities = sorted(set(Intervention.objects.values_list("authority__gss_code", flat=True)))
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC)):
        for prefix in ["/register/", *(f"/authorities/{gss}/" for gss in authorities)]:
            cache.clear()
            body = client.get(prefix + "dates.ics").content.decode()
            assert "BEGIN:VCALENDAR" in body
            assert _calendar_twice(body) == [], (day, prefix)
            assert _atom_twice(client.get(prefix + "changes.atom").content.decode()) == [], (
                day,
                prefix,
            )
