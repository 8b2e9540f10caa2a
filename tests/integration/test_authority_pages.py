"""The public list of authorities and the page for each."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bestvalue.authorities.services import load_authorities

pytestmark = pytest.mark.django_db


def _count(response) -> int:  # type: ignore[no-untyped-def]
    """The number of results the page says it found ("12 authorities")."""
    found = re.search(r"(\d+) authorit(?:y|ies)", response.content.decode())
    assert found, "the page does not say how many authorities it found"
    return int(found.group(1))


@pytest.fixture(scope="module")
def authorities(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The reference data, loaded once for the module inside a transaction rolled back at the end
    (each test runs in a savepoint within it). Nothing is committed: loading records an audit
    event, which must not outlive the module into another file's audit chain."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        load_authorities()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_list_shows_current_authorities_by_default(authorities: None, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/authorities/")
    assert response.status_code == 200
    assert _count(response) == 333
    assert b"Adur District Council" in response.content


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("kind=CCA", 4),
        ("kind=COMB&region=East+of+England", 1),
        ("region=London&kind=LBO", 32),
        ("status=abolished&kind=COMB", 2),
        ("status=all&q=cumbria", 1),
        ("q=E47000008", 1),
        ("q=Peterborough", 2),
        # A combined authority spanning two regions is found under each.
        ("kind=CCA&region=Yorkshire+and+The+Humber", 1),
        ("kind=CCA&region=East+Midlands", 2),
    ],
)
def test_the_filters_narrow_the_list(authorities: None, client, query: str, count: int) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/authorities/?{query}")
    assert response.status_code == 200
    assert _count(response) == count


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("kind=XYZ", "Choose a type from the list"),
        ("region=Narnia", "Choose a region from the list"),
        ("status=maybe", "Choose a status from the list"),
        ("page=abc", "Page must be a whole number"),
        ("page=999", "There is no page 999: choose a page from 1 to 7."),
        ("colour=red", "Unknown filter: colour."),
    ],
)
def test_bad_filters_get_a_400_with_a_clear_message(
    authorities: None, client, query: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/authorities/?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_the_list_paginates_and_keeps_the_filters(authorities: None, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/authorities/?kind=NMD&page=2")
    assert response.status_code == 200
    assert "164 authorities, showing 51 to 100" in response.content.decode()
    assert "kind=NMD&amp;page=3" in response.content.decode()


def test_the_list_runs_a_fixed_number_of_queries(authorities: None, client) -> None:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as small:
        client.get("/authorities/?kind=CCA")
    with CaptureQueriesContext(connection) as large:
        client.get("/authorities/?kind=NMD")
    assert len(small) == len(large) <= 4


def test_the_combined_authority_page_lists_its_seven_constituent_councils(
    authorities: None, client
) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/authorities/E47000008/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Cambridgeshire and Peterborough Combined Authority" in html
    assert "Constituent councils (7)" in html
    for name in [
        "Cambridge City Council",
        "Cambridgeshire County Council",
        "East Cambridgeshire District Council",
        "Fenland District Council",
        "Huntingdonshire District Council",
        "Peterborough City Council",
        "South Cambridgeshire District Council",
    ]:
        assert name in html
    assert "East of England" in html


def test_a_council_page_shows_its_combined_authority(authorities: None, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/authorities/E07000010/").content.decode()
    assert "Fenland District Council" in html
    assert "Cambridgeshire and Peterborough Combined Authority" in html


def test_an_abolished_council_shows_what_replaced_it(authorities: None, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/authorities/E10000006/").content.decode()  # Cumbria County Council
    assert "Abolished" in html
    assert "Cumberland Council" in html
    assert "Westmorland and Furness Council" in html


def test_a_former_code_redirects_to_the_current_one(authorities: None, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/authorities/E08000016/")
    assert response.status_code == 301
    assert response["Location"] == "/authorities/E08000038/"


def test_an_unknown_code_is_not_found(authorities: None, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/authorities/E09999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_authority_page_runs_a_fixed_number_of_queries(authorities: None, client) -> None:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as big:
        client.get("/authorities/E47000013/")  # 19 councils
    with CaptureQueriesContext(connection) as small:
        client.get("/authorities/E06000031/")
    assert len(big) == len(small)
