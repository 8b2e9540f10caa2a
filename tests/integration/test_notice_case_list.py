"""The department's case list of notices (issue 17.1): search, every filter, sort, paging, the
CSV and Excel downloads of exactly what is listed, drafts for the department only, and a query
count that does not grow with the list."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.authorities.kinds import AuthorityKind
from bestvalue.authorities.reference import normalise_name
from bestvalue.guidance.models import Theme
from bestvalue.notices.models import Expectation, Notice
from bestvalue.notices.rules import Status
from tests.clients import CheckingClient
from tests.factories import make_authority, make_draft_notice, make_issued_notice, make_user

pytestmark = pytest.mark.django_db
LIST = reverse("staff:notice-list")
TODAY = dt.date(2024, 6, 1)


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2024, 6, 1, 12, tzinfo=dt.UTC), tick=False):
        yield


def _notice(status: str = Status.DRAFT, **values: Any) -> Notice:
    """A notice written straight to the table, for lists of many."""
    values.setdefault("authority", make_authority())
    values.setdefault("department", "MHCLG")
    return Notice.objects.create(status=status, **values)


def _listed(client: CheckingClient, **params: Any) -> list[str]:
    """The references (or "Draft") and authorities of the rows listed, in order."""
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content.decode()[:3000]
    html = response.content.decode()
    body = html.split("<tbody", 1)[1] if "<tbody" in html else ""
    return re.findall(r'<td class="govuk-table__cell">([^<]+)</td>', body.split("</tbody>")[0])


def _authorities(client: CheckingClient, **params: Any) -> list[str]:
    return [c for c in _listed(client, **params) if c.startswith("Case ")]


@pytest.fixture
def staff() -> CheckingClient:
    client = CheckingClient()
    client.force_login(make_user(Role.CASEWORKER))
    return client


def test_each_row_says_reference_or_draft_authority_drafter_changed_status_and_next_date(
    staff: CheckingClient,
) -> None:
    drafter = make_user(Role.CASEWORKER, first_name="Dana", last_name="Drafter")
    make_draft_notice(caseworker=drafter, authority=make_authority(official_name="Case Slough"))
    make_issued_notice(
        caseworker=drafter,
        authority=make_authority(official_name="Case Thurrock"),
        issued_on=dt.date(2024, 1, 1),
    )
    html = staff.get(LIST).content.decode()
    assert "Case Slough" in html
    assert "Case Thurrock" in html
    assert ">Draft</a>" in html
    assert "Dana Drafter" in html
    assert "1 June 2024" in html  # last changed, today
    assert "In force" in html
    assert "End of period: 1 January 2025" in html


def test_search_finds_by_authority_reference_and_words(staff: CheckingClient) -> None:
    slough = make_authority(official_name="Case Slough Borough Council")
    slough.names.create(name=slough.official_name, normalised=normalise_name(slough.official_name))
    make_draft_notice(authority=slough)
    issued = make_issued_notice(authority=make_authority(official_name="Case Croydon"))
    word = make_draft_notice(
        authority=make_authority(official_name="Case Woking"),
        expectations=["Reduce the housing company's borrowing."],
    )
    assert _authorities(staff, q="slough") == ["Case Slough Borough Council"]
    assert _authorities(staff, q=issued.reference) == ["Case Croydon"]
    assert _authorities(staff, q="housing company") == [word.authority.official_name]


def test_the_status_filter_has_each_stage_of_casework(staff: CheckingClient) -> None:
    _notice(authority=make_authority(official_name="Case Draft"))
    _notice(Status.AWAITING_APPROVAL, authority=make_authority(official_name="Case Waiting"))
    in_period = dict(issued_on=dt.date(2024, 1, 1), period_months=12)
    _notice(
        Status.ISSUED,
        expires_on=dt.date(2025, 1, 1),
        **in_period,
        authority=make_authority(official_name="Case Issued"),
    )
    _notice(
        Status.ISSUED,
        issued_on=dt.date(2023, 1, 1),
        period_months=12,
        expires_on=dt.date(2024, 1, 1),
        authority=make_authority(official_name="Case Past"),
    )
    _notice(
        Status.LAPSED,
        issued_on=dt.date(2022, 1, 1),
        period_months=12,
        expires_on=dt.date(2023, 1, 1),
        ended_on=dt.date(2023, 1, 1),
        authority=make_authority(official_name="Case Lapsed"),
    )
    assert _authorities(staff, status="draft") == ["Case Draft"]
    assert _authorities(staff, status="awaiting_approval") == ["Case Waiting"]
    assert _authorities(staff, status="issued") == ["Case Issued"]
    assert _authorities(staff, status="period_ended") == ["Case Past"]
    assert _authorities(staff, status="ended") == ["Case Lapsed"]
    page = staff.get(LIST, {"status": "period_ended"}).content.decode()
    assert "Decision needed since end of period: 1 January 2024" in page


def test_authority_type_region_drafter_theme_and_year_filters(staff: CheckingClient) -> None:
    dana = make_user(Role.CASEWORKER, first_name="Dana", last_name="Drafter")
    _notice(
        authority=make_authority(
            official_name="Case County", kind=AuthorityKind.COUNTY, region="North West"
        ),
        drafted_by=dana,
    )
    other = _notice(
        Status.ISSUED,
        issued_on=dt.date(2023, 3, 1),
        period_months=12,
        expires_on=dt.date(2024, 3, 1),
        authority=make_authority(official_name="Case Unitary"),
    )
    expectation = Expectation.objects.create(notice=other, position=1, text="Lead better.")
    expectation.themes.add(Theme.objects.get(key="leadership"))
    assert _authorities(staff, kind=AuthorityKind.COUNTY) == ["Case County"]
    assert _authorities(staff, region="North West") == ["Case County"]
    assert _authorities(staff, drafter=str(dana.pk)) == ["Case County"]
    assert _authorities(staff, theme="leadership") == ["Case Unitary"]
    assert _authorities(staff, year="2023") == ["Case Unitary"]


def test_sorting_by_authority_and_by_next_date(staff: CheckingClient) -> None:
    _notice(
        Status.ISSUED,
        issued_on=dt.date(2024, 3, 1),
        period_months=6,
        expires_on=dt.date(2024, 9, 1),
        authority=make_authority(official_name="Case B"),
    )
    _notice(
        Status.ISSUED,
        issued_on=dt.date(2024, 2, 1),
        period_months=6,
        expires_on=dt.date(2024, 8, 1),
        authority=make_authority(official_name="Case C"),
    )
    _notice(authority=make_authority(official_name="Case A"))
    assert _authorities(staff, sort="authority") == ["Case A", "Case B", "Case C"]
    assert _authorities(staff, sort="next") == ["Case C", "Case B", "Case A"]
    assert _authorities(staff) == ["Case A", "Case C", "Case B"]  # last changed, newest first


def test_fifty_to_a_page_and_a_page_past_the_end_is_refused(staff: CheckingClient) -> None:
    for n in range(51):
        _notice(authority=make_authority(official_name=f"Case {n:02d}"))
    assert len(_authorities(staff, sort="authority")) == 50
    assert _authorities(staff, sort="authority", page="2") == ["Case 50"]
    response = staff.get(LIST, {"page": "3"})
    assert response.status_code == 400
    assert "There is no page 3" in response.content.decode()


def test_an_unknown_filter_or_value_is_refused_with_what_to_do(staff: CheckingClient) -> None:
    response = staff.get(LIST, {"colour": "red"})
    assert response.status_code == 400
    assert "Unknown filter: colour" in response.content.decode()
    response = staff.get(LIST, {"status": "sleeping"})
    assert response.status_code == 400
    assert "Choose a status from the list" in response.content.decode()


def _downloaded_csv(client: CheckingClient, **params: Any) -> list[list[str]]:
    url = reverse("staff:notice-list-download", kwargs={"fmt": "csv"})
    response = client.get(url, params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_download_holds_exactly_what_is_listed(staff: CheckingClient) -> None:
    for n in range(52):
        _notice(authority=make_authority(official_name=f"Case {n:02d}"))
    _notice(Status.AWAITING_APPROVAL, authority=make_authority(official_name="Case Waiting"))
    rows = _downloaded_csv(staff, status="draft", sort="authority", page="2")
    assert rows[0] == [
        "Reference",
        "Authority",
        "Drafted by",
        "Last changed",
        "Status",
        "Next date",
    ]
    listed = _authorities(staff, status="draft", sort="authority") + _authorities(
        staff, status="draft", sort="authority", page="2"
    )
    assert [r[1] for r in rows[1:]] == listed  # every page, in the list's order
    assert len(listed) == 52
    assert rows[1][0] == "Draft"
    assert rows[1][4] == "Draft"


def test_the_excel_download_holds_exactly_what_is_listed(staff: CheckingClient) -> None:
    from openpyxl import load_workbook

    _notice(authority=make_authority(official_name='=HYPERLINK("http://x")'))
    _notice(authority=make_authority(official_name="Case B"))
    url = reverse("staff:notice-list-download", kwargs={"fmt": "xlsx"})
    response = staff.get(url, {"sort": "authority"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:2] == ["Reference", "Authority"]
    assert [v[1] for v in values[1:]] == ['=HYPERLINK("http://x")', "Case B"]
    reference, authority, drafter, _changed, status, _next = next(sheet.iter_rows(min_row=2))
    assert {c.data_type for c in (reference, authority, drafter, status)} == {"s"}  # no formula


def test_drafts_are_never_shown_outside_the_department(
    anonymous_client: CheckingClient, authority_officer_client: CheckingClient
) -> None:
    make_draft_notice(authority=make_authority(official_name="Case Secret"))
    download = reverse("staff:notice-list-download", kwargs={"fmt": "csv"})
    for url in (LIST, download):
        assert authority_officer_client.get(url).status_code == 403
        assert anonymous_client.get(url).status_code == 302
    public = anonymous_client.get(reverse("register:register"), {"q": "Case Secret"})
    assert public.content.decode().count("Case Secret") == 1  # the search box, no row


def _many(n: int) -> None:
    drafter = make_user(Role.CASEWORKER)
    for _ in range(n):
        _notice(drafted_by=drafter)
        _notice(
            Status.ISSUED,
            issued_on=dt.date(2024, 1, 1),
            period_months=12,
            expires_on=dt.date(2025, 1, 1),
            drafted_by=drafter,
        )


def test_the_list_costs_the_same_queries_at_any_size(
    staff: CheckingClient, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _many(2)
    staff.get(LIST)  # the session and user are read once, as on any later request
    with CaptureQueriesContext(connection) as small:
        assert staff.get(LIST, {"sort": "next"}).status_code == 200
    assert len(small.captured_queries) <= 10
    _many(40)
    with django_assert_num_queries(len(small.captured_queries)):
        assert staff.get(LIST, {"sort": "next"}).status_code == 200


def test_the_dashboard_lists_drafts_with_drafter_and_date_and_links_the_case_list(
    staff: CheckingClient,
) -> None:
    dana = make_user(Role.CASEWORKER, first_name="Dana", last_name="Drafter")
    for _ in range(2):
        make_draft_notice(caseworker=dana, authority=make_authority(official_name="Case Slough"))
    html = staff.get(reverse("staff:home")).content.decode()
    drafts = html.split('id="drafts"', 1)[1].split("<h2", 1)[0]
    assert drafts.count("Dana Drafter") == 2
    assert drafts.count("1 June 2024") == 2
    assert f'href="{LIST}?status=draft"' in drafts
