"""The public register (/register/) on the real record: what is in force on a day, search,
filters, sorting, pagination and the 400s."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from bestvalue.authorities.services import load_authorities
from bestvalue.interventions.selectors import directions_in_force_on
from bestvalue.notices.models import Notice

IN_FORCE_ON_1_JUNE_2024 = {
    "bcp-2023-08",
    "bradford-2024-02",
    "cpca-2024-01",
    "eastleigh-2023-12",
    "middlesbrough-2024-01",
    "runnymede-2023-12",
    "scambs-2024-05",
    "weca-2024-03",
}


@pytest.fixture(scope="module")
def real_record(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, str]]:
    """The real register, loaded once for the module inside a transaction that is rolled back
    at the end (each test runs in a savepoint within it). Maps register ids to references."""
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
def _empty_cache() -> None:
    cache.clear()


def _rows(response: Any) -> list[str]:
    """The references in the results table, in order."""
    html = response.content.decode()
    table = html.split('<table class="govuk-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<a class="govuk-link" href="[^"]*">([^<]+)</a><br>', table)


def _status(response: Any) -> str:
    found = re.search(r'role="status">([^<]*)<', response.content.decode())
    assert found, "the page does not say what it found"
    return found.group(1)


def test_after_set_up_the_register_shows_the_real_record(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/register/", {"kind": "notice", "sort": "oldest"})
    assert response.status_code == 200
    assert _status(response) == "15 notices and 0 interventions"
    assert _rows(response)[0] == real_record["cpca-2023-01"]
    everything = client.get("/register/")
    assert _status(everything).startswith("15 notices and 17 interventions")


@pytest.mark.parametrize(
    "query",
    [
        {"in_force_on": "2024-06-01", "kind": "notice"},
        {
            "in_force_on-day": "1",
            "in_force_on-month": "6",
            "in_force_on-year": "2024",
            "kind": "notice",
        },
    ],
    ids=["link", "date-input"],
)
def test_in_force_on_1_june_2024_lists_exactly_the_notices_then_in_force(
    real_record, db, client, query
) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/register/", query)
    assert response.status_code == 200
    assert set(_rows(response)) == {real_record[i] for i in IN_FORCE_ON_1_JUNE_2024}
    assert _status(response) == "8 notices and 0 interventions in force on 1 June 2024"


def test_in_force_on_also_lists_interventions_with_directions_then_in_force(
    real_record, db, client
) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/register/", {"in_force_on": "2024-06-01"})
    interventions = {i.reference for i in directions_in_force_on(dt.date(2024, 6, 1))}
    notices = {real_record[i] for i in IN_FORCE_ON_1_JUNE_2024}
    assert interventions
    assert set(_rows(response)) == notices | interventions


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A name variant of the authority (AuthorityName.normalised), ampersand and all.
        ({"q": "Cambridgeshire & Peterborough"}, {"cpca-2023-01", "cpca-2024-01"}),
        # Words from an expectation of the revised notice only.
        ({"q": "making full use of its support"}, {"cpca-2024-01"}),
        ({"status": "lapsed", "q": "Peterborough"}, {"cpca-2024-01"}),
        ({"year": "2023", "q": "Peterborough"}, {"cpca-2023-01"}),
        ({"authority_type": "COMB", "q": "Peterborough"}, {"cpca-2023-01", "cpca-2024-01"}),
        (
            {"theme": "partnerships_and_community_engagement", "q": "Peterborough"},
            {"cpca-2023-01", "cpca-2024-01"},
        ),
    ],
)
def test_search_and_filters_find_notices(real_record, db, client, query, expected) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/register/", {**query, "kind": "notice"})
    assert response.status_code == 200
    assert set(_rows(response)) == {real_record[i] for i in expected}


def test_interventions_are_found_by_authority_and_status(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/register/", {"q": "Tower Hamlets", "kind": "intervention"})
    assert "tower-hamlets-2014" in _rows(response)
    ended = client.get(
        "/register/", {"status": "ended", "kind": "intervention", "q": "Tower Hamlets"}
    )
    assert "tower-hamlets-2014" in _rows(ended)
    lapsed = client.get("/register/", {"status": "lapsed"})
    assert _status(lapsed).endswith("0 interventions"), "lapse is a notice's ending only"


def test_pages_hold_twenty_five_and_keep_the_filters(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/register/", {"sort": "authority"})
    second = client.get("/register/", {"sort": "authority", "page": "2"})
    assert len(_rows(first)) == 25
    assert len(_rows(second)) == 32 - 25
    assert "sort=authority&amp;page=2" in first.content.decode()


def test_sorting_by_newest_and_oldest(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    newest = _rows(client.get("/register/", {"sort": "newest", "kind": "notice"}))
    oldest = _rows(client.get("/register/", {"sort": "oldest", "kind": "notice"}))
    assert newest == list(reversed(oldest))
    assert oldest[0] == real_record["cpca-2023-01"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"colour": "red"}, "Unknown filter: colour."),
        ({"in_force_on": "2024-13-01"}, "The date in force must be a real date"),
        ({"in_force_on": "1 June 2024"}, "Enter the date in force as YYYY-MM-DD"),
        (
            {"in_force_on-day": "1", "in_force_on-year": "2024"},
            "The date in force must include a month",
        ),
        ({"year": "24"}, "Enter a year as four digits, for example 2024"),
        ({"year": "1850"}, "Enter a year from 1999 onwards"),
        ({"status": "sleeping"}, "Choose a status from the list"),
        ({"kind": "letter"}, "Choose notices, interventions or both"),
        ({"theme": "vibes"}, "Choose one of the seven themes from the list"),
        ({"sort": "random"}, "Sort by newest, oldest or authority"),
        ({"page": "x"}, "Page must be a whole number"),
        ({"page": "99"}, "There is no page 99: choose a page from 1 to 2."),
    ],
)
def test_bad_filters_are_a_400_with_a_clear_message(
    real_record, db, client, query, message
) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/register/", query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
