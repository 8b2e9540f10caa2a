"""The Atom feed of published changes and the iCalendar feed of public dates, overall and per
authority: they parse, and they carry what was published."""

from __future__ import annotations

import datetime as dt
from typing import Any

import feedparser
import pytest
import time_machine
from django.core.cache import cache
from icalendar import Calendar

from bestvalue.accounts.roles import Role
from bestvalue.interventions import services as intervention_services
from tests.factories import make_directions, make_issued_notice, make_user, publish_intervention

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def record() -> dict[str, Any]:
    cache.clear()
    notice = make_issued_notice(issued_on=dt.date(2024, 1, 1))
    directions = make_directions(made_on=dt.date(2024, 3, 1), ends_on=dt.date(2026, 2, 28))
    intervention_services.record_inspection(
        by=make_user(Role.CASEWORKER),
        intervention=directions.intervention,
        announced_on=dt.date(2023, 11, 1),
        report_due_on=dt.date(2024, 1, 31),
    )
    publish_intervention(directions.intervention)  # four eyes: public once approved
    return {"notice": notice, "directions": directions}


def _atom(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


def _calendar(client: Any, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_atom_feed_parses_and_lists_published_changes_newest_first(client, record) -> None:  # type: ignore[no-untyped-def]
    feed = _atom(client, "/register/changes.atom")
    titles = [e.title for e in feed.entries]
    notice, intervention = record["notice"], record["directions"].intervention
    # The directions ended on 28 February 2026 and the notice's period on 1 January 2025, with
    # nothing recorded since: the feed says so (issue 13, point 8).
    assert titles == [
        f"Intervention in {intervention.authority.official_name}: directions ended; exit not recorded",
        f"Period of best value notice {notice.reference} to {notice.authority.official_name} "
        "ended; outcome not recorded",
        f"Statutory intervention in {intervention.authority.official_name} began",
        f"Best value notice {notice.reference} issued to {notice.authority.official_name}",
        f"Best value inspection of {intervention.authority.official_name} announced",
    ]
    first = feed.entries[3]
    assert first.link == f"http://testserver/notices/{notice.reference}/"
    assert first.updated.startswith("2024-01-01")
    assert first.id.endswith(f":notice/{notice.reference}/issued")


def test_an_authoritys_feed_has_only_its_changes(client, record) -> None:  # type: ignore[no-untyped-def]
    notice = record["notice"]
    feed = _atom(client, f"/authorities/{notice.authority.gss_code}/changes.atom")
    assert [e.title for e in feed.entries] == [
        f"Period of best value notice {notice.reference} to {notice.authority.official_name} "
        "ended; outcome not recorded",
        f"Best value notice {notice.reference} issued to {notice.authority.official_name}",
    ]
    assert (
        feed.feed.title == f"Best value notices and interventions: {notice.authority.official_name}"
    )


def test_an_ended_notice_has_its_ending_in_the_feed(client) -> None:  # type: ignore[no-untyped-def]
    from bestvalue.notices import services

    caseworker = make_user(Role.CASEWORKER)
    old = make_issued_notice(caseworker=caseworker, issued_on=dt.date(2024, 2, 1))
    revised = services.submit_for_approval(
        services.start_reissue(old, by=caseworker), by=caseworker
    )
    services.approve_and_issue(revised, by=make_user(Role.APPROVER), issued_on=dt.date(2024, 8, 1))
    titles = [
        e.title
        for e in _atom(client, f"/authorities/{old.authority.gss_code}/changes.atom").entries
    ]
    # The revised notice's six months ended on 1 February 2025 with no outcome recorded.
    assert titles[0].startswith("Period of best value notice")
    assert titles[1].startswith("Revised best value notice")
    assert (
        titles[2]
        == f"Best value notice {old.reference} to {old.authority.official_name} replaced by a revised notice"
    )


def test_the_feed_reads_only_the_notices_that_can_be_newest_and_misses_none(record) -> None:  # type: ignore[no-untyped-def]
    # The feed shows the newest FEED_LIMIT changes; it reads only the notices that can have one
    # (bench/README.md: the whole record was read for 100, at 100 times the data). Issues and
    # endings interleave here, so a bound on either date alone would drop some.
    from bestvalue.notices import services
    from bestvalue.register.feeds import published_changes

    caseworker = make_user(Role.CASEWORKER)
    for month in (2, 4, 6):
        old = make_issued_notice(caseworker=caseworker, issued_on=dt.date(2022, month, 1))
        revised = services.submit_for_approval(
            services.start_reissue(old, by=caseworker), by=caseworker
        )
        services.approve_and_issue(
            revised, by=make_user(Role.APPROVER), issued_on=dt.date(2024, month, 1)
        )
    everything = published_changes()
    assert len(everything) > 8
    for limit in range(1, len(everything) + 2):
        assert published_changes(limit=limit) == everything[:limit]


def test_the_calendar_parses_and_has_the_public_dates(client, record) -> None:  # type: ignore[no-untyped-def]
    # The public calendar lists the open obligations the public may see (the same as the due
    # pages and the dashboard): the notice's overdue review point, the inspection report still
    # awaited, and the directions' end still to come.
    with time_machine.travel(dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC), tick=False):
        calendar = _calendar(client, "/register/dates.ics")
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    notice, directions = record["notice"], record["directions"]
    authority = directions.intervention.authority.official_name
    review = events[
        f"Review point: best value notice {notice.reference} to {notice.authority.official_name}"
    ]
    assert review.decoded("DTSTART") == dt.date(2025, 1, 1)
    assert str(review["URL"]) == f"http://testserver/notices/{notice.reference}/"
    assert events[f"Directions end: {authority}"].decoded("DTSTART") == dt.date(2026, 2, 28)
    assert events[f"Inspection report deadline: {authority}"].decoded("DTSTART") == dt.date(
        2024, 1, 31
    )
    assert len(events) == 3
    assert len({str(e["UID"]) for e in calendar.walk("VEVENT")}) == len(events)


def test_extended_directions_end_once_in_the_calendar_on_the_extended_day(client, record) -> None:  # type: ignore[no-untyped-def]
    # The calendar used to give the original end and the extension's end as two events.
    directions = record["directions"]
    make_directions(
        intervention=directions.intervention,
        kind="extension",
        amends=directions,
        made_on=dt.date(2026, 1, 15),
        ends_on=dt.date(2027, 2, 28),
    )
    with time_machine.travel(dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC), tick=False):
        calendar = _calendar(client, "/register/dates.ics")
    ends = [
        e.decoded("DTSTART")
        for e in calendar.walk("VEVENT")
        if str(e["SUMMARY"]).startswith("Directions end")
    ]
    assert ends == [dt.date(2027, 2, 28)]


def test_an_authoritys_calendar_has_only_its_dates(client, record) -> None:  # type: ignore[no-untyped-def]
    gss = record["notice"].authority.gss_code
    with time_machine.travel(dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC), tick=False):
        calendar = _calendar(client, f"/authorities/{gss}/dates.ics")
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries == [
        f"Review point: best value notice {record['notice'].reference} to {record['notice'].authority.official_name}"
    ]


def test_feeds_of_an_unknown_authority_are_not_found(client) -> None:  # type: ignore[no-untyped-def]
    assert client.get("/authorities/E99999999/changes.atom").status_code == 404
    assert client.get("/authorities/E99999999/dates.ics").status_code == 404
