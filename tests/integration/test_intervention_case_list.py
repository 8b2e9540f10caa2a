"""The department's case list of interventions (issue 17, point 1): search, every filter, sort,
paging, the CSV and Excel downloads matching the list, drafts for the department only, and a
query count that does not grow with the number of interventions."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import html5lib
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from bestvalue.accounts.roles import Role
from bestvalue.authorities.models import AuthorityKind
from bestvalue.interventions import services
from bestvalue.interventions.models import Finding, Inspection
from tests.factories import make_authority, make_directions, make_intervention, make_user

pytestmark = pytest.mark.django_db
LIST = reverse("staff:interventions")


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


def _rows(client: Any, **query: Any) -> list[list[str]]:
    """The case list's table as the page shows it, cell by cell."""
    response = client.get(LIST, query)
    assert response.status_code == 200, response.content.decode()
    page = html5lib.parse(response.content, namespaceHTMLElements=False)
    return [
        ["".join(cell.itertext()).strip() for cell in row]
        for row in page.findall(".//table/tbody/tr")
    ]


def _references(client: Any, **query: Any) -> list[str]:
    return [row[0] for row in _rows(client, **query)]


def _download(client: Any, fmt: str, **query: Any) -> list[list[str]]:
    url = reverse("staff:interventions-download", kwargs={"fmt": fmt})
    response = client.get(url, query)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    if fmt == "csv":
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text)))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]


def test_it_finds_a_case_by_authority_reference_or_words(caseworker_client: Any) -> None:
    wigan = make_intervention(authority=make_authority(official_name="Wigan Borough Council"))
    wigan.authority.names.create(name="Wigan Borough Council", normalised="wigan borough council")
    other = make_intervention(trigger="Failures in children's services.")
    third = make_intervention()
    assert _references(caseworker_client, q="wigan") == [wigan.reference]
    assert _references(caseworker_client, q=third.reference) == [third.reference]
    assert _references(caseworker_client, q="children's services") == [other.reference]


def test_each_status_filter_lists_only_cases_in_that_status(caseworker_client: Any) -> None:
    draft = make_intervention(publication="draft")
    awaiting = make_intervention(publication="awaiting_approval")
    active = make_directions(ends_on=dt.date(2099, 1, 1)).intervention
    ended_directions = make_directions(ends_on=dt.date(2025, 12, 31)).intervention
    ended = make_intervention(status="ended")
    expected = {
        "draft": [draft],
        "awaiting_approval": [awaiting],
        "active": [active],
        "directions_ended": [ended_directions],
        "ended": [ended],
    }
    for status, cases in expected.items():
        assert _references(caseworker_client, status=status) == [c.reference for c in cases]


def test_directions_past_their_end_are_listed_as_exit_or_extension_needed(
    caseworker_client: Any,
) -> None:
    make_directions(ends_on=dt.date(2025, 12, 31))
    page = caseworker_client.get(LIST).content.decode()
    assert "Exit or extension needed: directions ended on 31 December 2025" in page


def test_it_filters_by_authority_type_and_region(caseworker_client: Any) -> None:
    county = make_intervention(
        authority=make_authority(kind=AuthorityKind.COUNTY, region="North West")
    )
    make_intervention(authority=make_authority(region="London"))
    assert _references(caseworker_client, authority_type=AuthorityKind.COUNTY) == [county.reference]
    assert _references(caseworker_client, region="North West") == [county.reference]


def test_it_filters_by_a_theme_the_duty_was_not_met_on(caseworker_client: Any) -> None:
    from bestvalue.guidance.models import Theme

    failing = make_directions().intervention
    meeting = make_directions().intervention
    theme = Theme.objects.get(key="leadership")
    Finding.objects.create(directions=failing.directions.get(), theme=theme, meets_duty=False)
    Finding.objects.create(directions=meeting.directions.get(), theme=theme, meets_duty=True)
    assert _references(caseworker_client, theme="leadership") == [failing.reference]


def test_it_filters_by_the_year_of_the_first_step(caseworker_client: Any) -> None:
    earlier = make_directions(made_on=dt.date(2021, 5, 1)).intervention
    later = make_directions(made_on=dt.date(2024, 1, 1)).intervention
    Inspection.objects.create(
        intervention=later, position=0, announced_on=dt.date(2023, 3, 1), publication="issued"
    )
    assert _references(caseworker_client, year="2021") == [earlier.reference]
    assert _references(caseworker_client, year="2023") == [later.reference]
    assert _references(caseworker_client, year="2024") == []


def test_it_sorts_by_authority_or_by_the_last_change(caseworker_client: Any) -> None:
    zed = make_intervention(authority=make_authority(official_name="Zed Council"))
    abbey = make_intervention(authority=make_authority(official_name="Abbey Council"))
    assert _references(caseworker_client, sort="authority") == [abbey.reference, zed.reference]
    caseworker = make_user(Role.CASEWORKER)
    services.update_intervention(zed, by=caseworker, trigger="Changed", version=1)
    assert _references(caseworker_client)[0] == zed.reference


def test_it_pages_fifty_at_a_time_and_refuses_a_page_that_does_not_exist(
    caseworker_client: Any,
) -> None:
    for _ in range(51):
        make_intervention()
    assert len(_references(caseworker_client)) == 50
    assert len(_references(caseworker_client, page="2")) == 1
    response = caseworker_client.get(LIST, {"page": "3"})
    assert response.status_code == 400
    assert "There is no page 3: choose a page from 1 to 2." in response.content.decode()


def test_a_bad_filter_is_refused_in_words(caseworker_client: Any) -> None:
    response = caseworker_client.get(LIST, {"status": "lost", "year": "24"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a status from the list" in page
    assert "Enter a year from 1999, when the Act was passed" in page
    unknown = caseworker_client.get(LIST, {"drafter": "me"})
    assert unknown.status_code == 400
    assert "Unknown filter: drafter." in unknown.content.decode()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_download_is_exactly_what_is_listed(caseworker_client: Any, fmt: str) -> None:
    make_directions(ends_on=dt.date(2025, 12, 31))
    make_intervention(publication="draft", trigger="=HYPERLINK(1)")
    for _ in range(55):
        make_intervention(authority=make_authority(region="London"))
    query = {"region": "London", "sort": "reference"}
    listed = _rows(caseworker_client, **query) + _rows(caseworker_client, **query, page=2)
    rows = _download(caseworker_client, fmt, **query)
    assert rows[0] == [
        "Reference",
        "Authority",
        "Current stage",
        "Last changed",
        "Status",
        "Next date",
    ]
    assert rows[1:] == listed
    assert len(rows) == 56


def test_drafts_are_listed_for_the_department_only(client: Any, caseworker_client: Any) -> None:
    draft = make_intervention(publication="draft", trigger="A private draft.")
    assert _references(caseworker_client) == [draft.reference]
    officer = make_user(Role.AUTHORITY_OFFICER, authority=draft.authority)
    client.force_login(officer)
    assert client.get(LIST).status_code == 403
    url = reverse("staff:interventions-download", kwargs={"fmt": "csv"})
    assert client.get(url).status_code == 403


def _queries(client: Any) -> int:
    client.get(LIST)  # the session is saved on the first request only
    with CaptureQueriesContext(connection) as context:
        assert client.get(LIST, {"status": "active"}).status_code == 200
        assert client.get(LIST).status_code == 200
    return len(context.captured_queries)


def test_the_query_count_does_not_grow_with_the_number_of_cases(caseworker_client: Any) -> None:
    for _ in range(2):
        make_directions(ends_on=dt.date(2099, 1, 1))
    few = _queries(caseworker_client)
    for _ in range(60):
        make_directions(ends_on=dt.date(2099, 1, 1))
        make_intervention(publication="draft")
    assert _queries(caseworker_client) == few
