"""The public register's pages on small records: feeds in the head, query counts, the page
about the regime, the notice page's change history, and the cache."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestvalue.accounts.roles import Role
from bestvalue.notices import services
from tests.factories import (
    make_authority,
    make_directions,
    make_draft_notice,
    make_issued_notice,
    make_user,
)


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


def test_the_page_links_its_feeds_in_the_head(db, client) -> None:  # type: ignore[no-untyped-def]
    head = client.get("/register/").content.decode().split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" href="/register/changes.atom"' in head
    assert '<link rel="alternate" type="text/calendar" href="/register/dates.ics"' in head


def test_authority_and_notice_pages_link_the_authority_feeds(db, client) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice()
    gss = notice.authority.gss_code
    for url in (f"/authorities/{gss}/", f"/notices/{notice.reference}/"):
        head = client.get(url).content.decode().split("</head>")[0]
        assert f'type="application/atom+xml" href="/authorities/{gss}/changes.atom"' in head
        assert f'type="text/calendar" href="/authorities/{gss}/dates.ics"' in head


def test_the_register_reads_in_a_fixed_number_of_queries(db, client) -> None:  # type: ignore[no-untyped-def]
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            assert client.get("/register/").status_code == 200
        return len(context.captured_queries)

    make_issued_notice()
    make_directions()
    few = queries()
    for _ in range(4):
        make_issued_notice()
        make_directions()
    assert queries() == few


def test_a_later_page_shows_the_next_records_in_order_in_the_same_queries(db, client) -> None:  # type: ignore[no-untyped-def]
    # Only the page's notices are read in full (bench/README.md: the register at 100 times the
    # record), so a later page must still show the right records, in order, at the same cost.
    import datetime as dt

    start = dt.date(2020, 1, 1)
    notices = [make_issued_notice(issued_on=start + dt.timedelta(days=i)) for i in range(27)]
    make_directions()
    newest_first = [n.reference for n in reversed(notices)]

    def page(number: int) -> tuple[list[str], int]:
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"/register/?page={number}")
        assert response.status_code == 200
        return _rows(response), len(context.captured_queries)

    first, first_queries = page(1)
    second, second_queries = page(2)
    assert (len(first), len(second)) == (25, 3)
    assert [r for r in first + second if r.startswith("BVN-")] == newest_first
    assert first_queries == second_queries
    assert _status(client.get("/register/?page=2")).startswith("27 notices and 1 intervention")


def test_the_about_page_states_the_regime(db, client) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/about/").content.decode()
    for fact in (
        "section 3 of the Local Government Act 1999",
        "Best value inspection",
        "Section 15(9)",
        "12 months, and 6 months for the revised notices issued so far",
        "Partnerships and community engagement",
        "8 May 2024",
    ):
        assert fact in page
    assert page.count('class="govuk-summary-list__row"') == 7


def test_a_notice_page_shows_what_was_published_never_the_draft(db, client) -> None:  # type: ignore[no-untyped-def]
    caseworker = make_user(Role.CASEWORKER)
    draft = make_draft_notice(caseworker=caseworker, signatory_name="Draft Signatory Zebra")
    draft = services.update_draft(
        draft, by=caseworker, version=draft.version, signatory_name="Final Person"
    )
    draft = services.submit_for_approval(draft, by=caseworker)
    notice = services.approve_and_issue(
        draft, by=make_user(Role.APPROVER), issued_on=dt.date(2024, 3, 1)
    )
    revised = services.start_reissue(notice, by=caseworker)
    revised = services.submit_for_approval(revised, by=caseworker)
    services.approve_and_issue(revised, by=make_user(Role.APPROVER), issued_on=dt.date(2024, 9, 1))

    page = client.get(f"/notices/{notice.reference}/").content.decode()
    history = page.split('id="history"')[1].split("</ul>")[0]
    assert (
        "Replaced by a revised notice (changed: status, date it stopped being in force)" in history
    )
    assert "Approved, issued and published" in history
    assert history.count("<li>") == 2, "drafting, editing and submitting are not published"
    assert "Zebra" not in page
    assert caseworker.username not in page


def test_anonymous_pages_are_cached_until_the_record_changes(db, client) -> None:  # type: ignore[no-untyped-def]
    make_issued_notice()
    assert client.get("/register/").status_code == 200
    with CaptureQueriesContext(connection) as context:
        again = client.get("/register/")
    assert len(context.captured_queries) == 1, "only the record's version is read"
    assert _status(again).startswith("1 notice")
    make_issued_notice()  # a change through the services moves the version on
    assert _status(client.get("/register/")).startswith("2 notices")


def test_a_cached_page_carries_the_new_requests_csp_nonce(db, rf) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from bestvalue.public.caching import public_cache

    def page(request: Any) -> HttpResponse:
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    view = public_cache(page)
    bodies = []
    for nonce in ("first-nonce", "second-nonce"):
        request = rf.get("/somewhere/")
        request.user = AnonymousUser()
        request.csp_nonce = nonce
        request._csp_nonce = nonce
        bodies.append(view(request).content.decode())
    assert bodies == [
        '<script nonce="first-nonce"></script>',
        '<script nonce="second-nonce"></script>',
    ]


def test_signed_in_users_are_never_served_a_cached_page(db, client, caseworker_client) -> None:  # type: ignore[no-untyped-def]
    client.get("/register/")
    with CaptureQueriesContext(connection) as context:
        response = caseworker_client.get("/register/")
    assert len(context.captured_queries) > 2
    assert b"Sign out" in response.content


def test_the_authority_list_links_to_its_download(db, client) -> None:  # type: ignore[no-untyped-def]
    make_authority()
    assert b'href="/open-data/authorities/"' in client.get("/authorities/").content
