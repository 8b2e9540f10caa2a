"""The department's dashboard stays one screenful however long the record (issue 16): each list
shows its first rows, says how many there are, and links to the page that lists them all; its
queries do not grow with the record."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestvalue.staff import views
from tests.clients import CheckingClient
from tests.factories import make_directions, make_issued_notice

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def two_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "DASHBOARD_ROWS", 2)


def _section(page: str, heading_id: str, following_id: str) -> str:
    return page[page.index(f'id="{heading_id}"') : page.index(f'id="{following_id}"')]


def test_each_list_shows_its_first_rows_and_links_to_them_all(
    caseworker_client: CheckingClient, two_rows: None
) -> None:
    ended = [make_issued_notice(issued_on=D(2024, 4, 1 + i)) for i in range(3)]  # periods ended
    in_force = [make_issued_notice(issued_on=D(2024, 6, 1 + i)) for i in range(3)]
    page = caseworker_client.get("/staff/").content.decode()
    next_dates = _section(page, "next-dates", "drafts")
    assert len(re.findall(r"data-due-key=", next_dates)) == 2
    assert ended[0].reference in next_dates
    assert ended[2].reference not in next_dates
    assert 'Showing the first 2 of 6. <a class="govuk-link" href="/staff/due/">See all 6</a>' in (
        next_dates
    )
    decision = _section(page, "decision-needed", "in-force")
    assert "(3)" in decision
    assert "Showing the first 2 of 3." in decision
    assert 'href="/staff/notices/?status=period_ended&amp;sort=next">See all 3</a>' in decision
    assert "Showing the first 2 of 3." in page[page.index("Authorities under a notice") :]
    assert all(n.reference in page for n in in_force[:2])
    assert 'href="/staff/notices/?status=issued&amp;sort=next">See all 3</a>' in page


def test_a_short_list_is_shown_whole_with_no_link(
    caseworker_client: CheckingClient, two_rows: None
) -> None:
    make_issued_notice(issued_on=D(2024, 4, 1))
    page = caseworker_client.get("/staff/").content.decode()
    assert "Showing the first" not in page


def test_the_dashboard_costs_the_same_queries_and_rows_however_long_the_record(
    caseworker_client: CheckingClient,
    two_rows: None,
) -> None:
    client = caseworker_client

    def visit() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get("/staff/").content.decode()
        return len(queries), page.count("<tr") + page.count("<li data-due-key")

    def grow(count: int) -> None:
        for i in range(count):
            make_issued_notice(issued_on=D(2024, 4, 1 + i))
            make_issued_notice(issued_on=D(2024, 6, 1 + i))
            make_directions(made_on=D(2024, 1, 1), ends_on=D(2025, 7, 1 + i))

    grow(3)
    visit()  # the first request also reads what the session caches
    few = visit()
    grow(3)
    assert visit() == few
