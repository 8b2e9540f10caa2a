"""Status tells the truth (issue 13, point 8): a notice whose period has ended with no outcome
recorded is never "In force" on any channel, and an intervention whose directions have passed
their end date with nothing recorded since is never "Active". On the real record, 3 December
2026: four notices' periods ended between April and July 2026; Slough's directions ran to
30 November 2026."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from bestvalue.authorities.services import load_authorities
from bestvalue.notices.models import Notice
from tests.factories import make_user

ENDED_UNRECORDED = {
    "tees-valley-2025-04": "3 April 2026",
    "cheshire-east-2025-05": "8 May 2026",
    "newham-2025-05": "8 May 2026",
    "dudley-2025-07": "17 July 2026",
}
SLOUGH = "slough-2021"


@pytest.fixture(scope="module")
def real_record(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """The real register, loaded once for the module and rolled back at the end."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        load_authorities()
        call_command("load_register", verbosity=0)
        references = dict(Notice.objects.values_list("register_id", "reference"))
    try:
        yield references  # type: ignore[misc]
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _on_3_december_2026() -> Iterator[None]:
    cache.clear()
    moment = dt.datetime(2026, 12, 3, 10, 0, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        yield


def _body(response: Any) -> str:
    return b"".join(response.streaming_content).decode()


def _ended(real_record: dict[str, str]) -> set[str]:
    return {real_record[i] for i in ENDED_UNRECORDED}


def test_period_ended_notices_are_not_in_force_on_the_register(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    in_force = client.get("/register/", {"status": "in_force", "kind": "notice"}).content.decode()
    on_today = client.get(
        "/register/", {"in_force_on": "2026-12-03", "kind": "notice"}
    ).content.decode()
    ended = client.get("/register/", {"status": "period_ended", "kind": "notice"}).content.decode()
    assert "0 notices" in in_force
    assert "0 notices" in on_today
    for reference in _ended(real_record):
        assert reference not in in_force
        assert reference in ended
    assert "Period ended on 3 April 2026; outcome not recorded" in ended
    assert ">In force<" not in ended


def test_period_ended_notice_pages_say_so(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    for register_id, day in ENDED_UNRECORDED.items():
        notice = Notice.objects.select_related("authority").get(register_id=register_id)
        page = client.get(f"/notices/{notice.reference}/").content.decode()
        assert f"Period ended on {day}; outcome not recorded" in page
        assert ">In force<" not in page
        authority = client.get(f"/authorities/{notice.authority.gss_code}/").content.decode()
        assert f"Period ended on {day}; outcome not recorded" in authority
        assert ">In force<" not in authority


def test_period_ended_notices_in_the_api(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    listed = client.get("/api/v1/notices", {"status": "in_force", "limit": 100}).json()
    on_today = client.get("/api/v1/notices", {"in_force_on": "2026-12-03", "limit": 100}).json()
    assert [n["reference"] for n in listed["items"]] == [n["reference"] for n in on_today["items"]]
    assert not _ended(real_record) & {n["reference"] for n in listed["items"]}
    ended = client.get("/api/v1/notices", {"status": "period_ended", "limit": 100}).json()
    assert {n["reference"] for n in ended["items"]} == _ended(real_record)
    for reference in _ended(real_record):
        detail = client.get(f"/api/v1/notices/{reference}").json()
        assert detail["status"] == "period_ended"
        assert detail["status_name"].endswith("; outcome not recorded")


def test_period_ended_notices_in_open_data_and_the_feed(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(_body(client.get("/open-data/notices.csv")))))
    by_reference = {r["reference"]: r for r in rows}
    for reference in _ended(real_record):
        assert by_reference[reference]["status"] == "period_ended"
        assert "In force" not in by_reference[reference]["status_name"]
    items = json.loads(_body(client.get("/open-data/notices.json")))["items"]
    assert {i["reference"] for i in items if i["status"] == "period_ended"} == _ended(real_record)
    feed = client.get("/register/changes.atom").content.decode()
    for reference in _ended(real_record):
        assert f"Period of best value notice {reference}" in feed


def test_period_ended_notices_on_staff_pages(real_record, db) -> None:  # type: ignore[no-untyped-def]
    from tests.clients import CheckingClient

    staff = CheckingClient()
    staff.force_login(make_user("caseworker"))
    for register_id, day in ENDED_UNRECORDED.items():
        notice = Notice.objects.get(register_id=register_id)
        page = staff.get(f"/staff/notices/{notice.pk}/").content.decode()
        assert f"Period ended on {day}; outcome not recorded" in page


def test_slough_is_not_active_after_its_directions_end(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    label = "Directions ended on 30 November 2026; exit not recorded"
    page = client.get(f"/interventions/{SLOUGH}/").content.decode()
    assert label in page
    active = client.get("/register/", {"status": "in_force", "kind": "intervention"})
    assert SLOUGH not in active.content.decode()
    ended = client.get("/register/", {"status": "period_ended", "kind": "intervention"})
    assert SLOUGH in ended.content.decode()
    assert client.get(f"/api/v1/interventions/{SLOUGH}").json()["status"] == "directions_ended"
    listed = client.get("/api/v1/interventions", {"status": "active", "limit": 100}).json()
    assert SLOUGH not in {i["reference"] for i in listed["items"]}
    rows = csv.DictReader(io.StringIO(_body(client.get("/open-data/interventions.csv"))))
    assert {r["reference"]: r["status"] for r in rows}[SLOUGH] == "directions_ended"
    assert "Intervention in Slough Borough Council: directions ended" in (
        client.get("/register/changes.atom").content.decode()
    )


def test_slough_is_active_before_its_directions_end(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 30, 10, 0, tzinfo=dt.UTC), tick=False):
        cache.clear()
        page = client.get(f"/interventions/{SLOUGH}/").content.decode()
    assert "exit not recorded" not in page
