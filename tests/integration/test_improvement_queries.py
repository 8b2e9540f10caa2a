"""The improvement pages take a fixed number of queries, however much the authority records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.improvement.services import measures, plan
from tests.clients import CheckingClient
from tests.factories import (
    in_memory_storage,
    make_action,
    make_board,
    make_evidence_file,
    make_issued_notice,
    make_measure,
    make_meeting,
    make_officer,
    make_recommendation,
    make_user,
)

pytestmark = pytest.mark.django_db


def _grow(authority: Any, board: Any, start: int, stop: int) -> None:
    officer = make_officer(authority)
    member = make_user(Role.BOARD_MEMBER, board=board)
    for i in range(start, stop):
        action = make_action(authority, by=officer, title=f"Action {i}")
        plan.record_progress(
            action,
            by=officer,
            version=action.version,
            written_on=dt.date(2024, 2, 1),
            status="on_track",
            text="Going.",
        )
        measure = make_measure(authority, by=officer, name=f"Measure {i}")
        for month in (2, 3):
            measures.record_reading(
                measure,
                by=officer,
                taken_on=dt.date(2024, month, 1),
                value=Decimal(55 + i),
                source="S",
            )
        make_evidence_file(authority, by=officer, title=f"Evidence {i}", action_ids=[action.pk])
        meeting = make_meeting(board, by=member, held_on=dt.date(2024, 3, 1 + i))
        make_recommendation(meeting, by=member, text=f"Recommendation {i}.")


def _queries(client: CheckingClient, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "name",
    [
        "staff:improvement",
        "staff:improvement-progress",
        "staff:improvement-overview",
        "staff:board",
    ],
)
def test_page_query_counts_do_not_grow_with_the_record(name: str, settings: Any) -> None:
    in_memory_storage(settings)
    notice = make_issued_notice(expectations=["One.", "Two."])
    authority = notice.authority
    board = make_board(authority=authority)
    client = CheckingClient()
    client.force_login(make_user(Role.CASEWORKER))
    kwargs = {"pk": board.pk} if name == "staff:board" else {"gss_code": authority.gss_code}
    url = reverse(name, kwargs=kwargs)
    _grow(authority, board, 0, 1)
    client.get(url)  # the session's first request also refreshes its idle timer: not counted
    small = _queries(client, url)
    _grow(authority, board, 1, 5)
    assert _queries(client, url) == small


def test_the_index_reads_each_authoritys_latest_notice_in_fixed_queries() -> None:
    # It read every notice ever published to find each authority's latest (bench/README.md);
    # the database now chooses, so the cost follows the authorities listed, not their history.
    from bestvalue.improvement.selectors import authorities_under_notice
    from bestvalue.notices import services
    from tests.factories import make_authority

    caseworker, approver = make_user(Role.CASEWORKER), make_user(Role.APPROVER)
    authority, other = make_authority(), make_authority()
    first = notice = make_issued_notice(
        authority=authority, caseworker=caseworker, issued_on=dt.date(2020, 1, 1)
    )
    client = CheckingClient()
    client.force_login(caseworker)
    url = reverse("staff:improvement-index")
    client.get(url)  # the session's first request also refreshes its idle timer: not counted
    few = _queries(client, url)
    for year in (2021, 2022):
        revised = services.start_reissue(notice, by=caseworker)
        revised = services.submit_for_approval(revised, by=caseworker)
        notice = services.approve_and_issue(revised, by=approver, issued_on=dt.date(year, 1, 1))
    latest = make_issued_notice(authority=other, issued_on=dt.date(2019, 1, 1))
    assert _queries(client, url) == few
    found = {n.authority_id: n for n in authorities_under_notice()}
    assert found[authority.pk].issued_on == dt.date(2022, 1, 1)
    assert found[other.pk] == latest
    assert first.pk not in {n.pk for n in found.values()}


def test_the_index_pages_its_authorities(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from bestvalue.staff.improvement import workspace as improvement_views

    monkeypatch.setattr(improvement_views, "INDEX_PER_PAGE", 2)
    notices = [make_issued_notice() for _ in range(3)]
    client = CheckingClient()
    client.force_login(make_user(Role.CASEWORKER))
    url = reverse("staff:improvement-index")
    first, second = client.get(url).content.decode(), client.get(url + "?page=2").content.decode()
    names = [n.authority.official_name for n in notices]
    assert sum(name in first for name in names) == 2
    assert sum(name in second for name in names) == 1
    assert "(3)" in first
    assert 'href="?page=2"' in first
    assert client.get(url + "?page=3").status_code == 404


@pytest.mark.parametrize(
    ("name", "part"),
    [
        ("staff:improvement-export-xlsx", None),
        *(
            ("staff:improvement-export-csv", part)
            for part in ("plan", "measures", "readings", "evidence", "assurance", "recommendations")
        ),
        ("staff:improvement-progress-docx", None),
        ("staff:improvement-progress-pdf", None),
    ],
)
def test_download_query_counts_do_not_grow_with_the_record(
    name: str, part: str | None, settings: Any
) -> None:
    in_memory_storage(settings)
    authority = make_issued_notice(expectations=["One.", "Two."]).authority
    board = make_board(authority=authority)
    client = CheckingClient()
    client.force_login(make_user(Role.CASEWORKER))
    kwargs = {"gss_code": authority.gss_code, **({"part": part} if part else {})}
    url = reverse(name, kwargs=kwargs)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
            assert response.status_code == 200
            if response.streaming:  # a CSV reads its rows as it is sent
                b"".join(response.streaming_content)
        return len(queries)

    _grow(authority, board, 0, 1)
    client.get(url)  # the session's first request also refreshes its idle timer: not counted
    small = count()
    _grow(authority, board, 1, 5)
    assert count() == small
