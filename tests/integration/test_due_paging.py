"""The due page's groups (overdue, due soon, later) each page on their own, so the page stays the
same size and costs the same queries however many dates are open (issue 16)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.staff.due import views
from tests.clients import CheckingClient
from tests.factories import make_directions, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2025, 5, 20, 9, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def two_a_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(views, "DUE_PER_PAGE", 2)


def _overdue_notices(count: int) -> list[Any]:
    """Notices whose review points passed on consecutive days in April 2025, oldest first."""
    return [make_issued_notice(issued_on=D(2024, 4, 1 + i)) for i in range(count)]


def _group(page: str, heading: str, following: str | None) -> str:
    start = page.index(heading)
    return page[start : page.index(following, start) if following else None]


def _names(part: str) -> list[str]:
    return re.findall(r'<a class="govuk-link" href="/staff/notices/\d+/">([^<]+)</a>', part)


def test_each_group_of_the_due_page_shows_a_page_at_a_time(
    caseworker_client: CheckingClient, two_a_page: None
) -> None:
    notices = _overdue_notices(5)
    make_directions(made_on=D(2024, 1, 1), ends_on=D(2026, 1, 31))
    client = caseworker_client
    first = client.get(reverse("staff:due")).content.decode()
    overdue = _group(first, "Overdue (5)", "Due by 19 June 2025 (0)")
    assert "Showing 1 to 2 of 5, in date order." in overdue
    assert [n.reference in overdue for n in notices] == [True, True, False, False, False]
    assert 'href="?overdue-page=2#overdue"' in overdue
    assert 'aria-label="Pages of Overdue"' in overdue
    # The later group is not paged (one date) and is shown whole on every page of the overdue.
    assert "Directions end" in _group(first, "Later (1)", None)
    last = client.get(reverse("staff:due") + "?overdue-page=3").content.decode()
    overdue = _group(last, "Overdue (5)", "Due by 19 June 2025 (0)")
    assert "Showing 5 to 5 of 5, in date order." in overdue
    assert [n.reference in overdue for n in notices] == [False] * 4 + [True]
    assert "Directions end" in _group(last, "Later (1)", None)


def test_a_group_keeps_its_own_page_when_another_group_turns_page(
    caseworker_client: CheckingClient, two_a_page: None
) -> None:
    _overdue_notices(3)
    later = [make_issued_notice(issued_on=D(2024, 8, 1 + i)) for i in range(3)]
    page = caseworker_client.get(
        reverse("staff:due") + "?overdue-page=2&later-page=2"
    ).content.decode()
    assert "Showing 3 to 3 of 3" in _group(page, "Overdue (3)", "Later (3)")
    later_part = _group(page, "Later (3)", None)
    assert "Showing 3 to 3 of 3" in later_part
    assert later[2].reference in later_part
    assert later[0].reference not in later_part
    assert 'href="?overdue-page=2&amp;later-page=1#later"' in later_part


@pytest.mark.parametrize(
    "query", ["?overdue-page=3", "?later-page=2", "?soon-page=0", "?overdue-page=x"]
)
def test_a_page_a_group_does_not_have_is_not_found(
    caseworker_client: CheckingClient, two_a_page: None, query: str
) -> None:
    _overdue_notices(3)
    response = caseworker_client.get(reverse("staff:due") + query)
    assert response.status_code == 404


def test_the_due_page_costs_the_same_queries_and_rows_however_many_dates(
    caseworker_client: CheckingClient,
    two_a_page: None,
) -> None:
    client = caseworker_client

    def visit() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as queries:
            page = client.get(reverse("staff:due")).content.decode()
        return len(queries), page.count('<tr class="govuk-table__row">')

    def later() -> None:
        make_directions(made_on=D(2024, 1, 1), ends_on=D(2026, 1, 31))

    _overdue_notices(3)
    for _ in range(3):
        later()
    visit()  # the first request also reads what the session caches
    few = visit()
    assert few[1] == 2 * (2 + 1)  # two rows and a head in each of the two groups with dates
    _overdue_notices(5)
    for _ in range(5):
        later()
    assert visit() == few


def test_the_calendar_links_a_date_to_the_page_of_the_due_page_that_lists_it(
    two_a_page: None,
) -> None:
    # A date with no page of its own for the user is linked to the due page: to the page of its
    # group where it is listed.
    from bestvalue.reminders import selectors

    notices = _overdue_notices(3)
    caseworker = make_user(Role.CASEWORKER)
    page = selectors.due_page(D(2025, 5, 20), user=caseworker, soon_days=30)
    link = views._due_link(caseworker, page)
    third = page.overdue[2]
    item = dataclasses.replace(third, staff_path="", public_path="", authority_path="")
    assert notices[2].reference in item.title
    assert link(item) == f"/staff/due/?overdue-page=2#{item.anchor}"
    assert link(third) == third.staff_path  # a date with a page of its own links to it
