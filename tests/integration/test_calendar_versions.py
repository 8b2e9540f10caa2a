"""The public calendars are built once per version of the public record (issue 16): a request
after the first costs one query, and any change to the record, or a new day, builds it afresh."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_issued_notice

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings: Any) -> None:
    # The page cache off, as in the benchmarks: the calendar is kept on its own.
    settings.PUBLIC_CACHE_SECONDS = 0


def _get(client: Any, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@time_machine.travel(dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_whole_record_calendar_is_built_once_per_record_version(client: Any) -> None:
    first = make_issued_notice()
    body, built = _get(client, "/register/dates.ics")
    assert first.reference in body
    again, queries = _get(client, "/register/dates.ics")
    assert again == body
    assert queries == 1 < built  # the record's version, nothing else
    second = make_issued_notice()  # a change through the services: a new version
    body, queries = _get(client, "/register/dates.ics")
    assert first.reference in body
    assert second.reference in body
    assert queries == built


@time_machine.travel(dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC), tick=False)
def test_each_authority_has_its_own_calendar_kept_apart(client: Any) -> None:
    ours, theirs = make_issued_notice(), make_issued_notice()
    whole, _ = _get(client, "/register/dates.ics")
    mine, built = _get(client, f"/authorities/{ours.authority.gss_code}/dates.ics")
    assert ours.reference in mine
    assert theirs.reference not in mine
    assert ours.reference in whole
    assert theirs.reference in whole
    again, queries = _get(client, f"/authorities/{ours.authority.gss_code}/dates.ics")
    assert again == mine
    assert queries < built  # the authority (7 queries) and the version, not the dates
    theirs_body, _ = _get(client, f"/authorities/{theirs.authority.gss_code}/dates.ics")
    assert theirs.reference in theirs_body
    assert ours.reference not in theirs_body
    assert _get(client, "/register/dates.ics") == (whole, 1)


def test_a_new_day_builds_the_calendar_afresh(client: Any) -> None:
    # A notice's review point falls overdue with the date alone, no event recorded.
    with time_machine.travel(dt.datetime(2024, 6, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        notice = make_issued_notice()
        before, _ = _get(client, "/register/dates.ics")
        assert "DTSTAMP:20240601T090000Z" in before
    with time_machine.travel(dt.datetime(2024, 6, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        after, queries = _get(client, "/register/dates.ics")
    assert notice.reference in after
    assert "DTSTAMP:20240602T090000Z" in after
    assert queries > 1
