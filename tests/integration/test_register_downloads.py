"""Every register view downloads as exactly what it shows (issue 19, point 1): the register's
and each authority page's "Download these results" links carry the page's filters, and the open
data endpoints take the register's filters and refuse any they cannot honour."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from tests.integration.test_register_real_record import (
    IN_FORCE_ON_1_JUNE_2024,
    _empty_cache,
    real_record,
)

__all__ = ["_empty_cache", "real_record"]  # the module-scoped fixtures, loaded once here too

# One query per filter the register has, and each value of the choice filters.
EVERY_FILTER = [
    {},
    {"q": "Peterborough"},
    {"q": "Tower Hamlets"},
    {"kind": "notice"},
    {"kind": "intervention"},
    *({"status": s} for s in ("in_force", "period_ended", "ended", "reissued", "lapsed")),
    {"status": "withdrawn"},
    {"status": "escalated"},
    {"authority": "E47000008"},
    {"authority_type": "COMB"},
    {"authority_type": "MD"},
    {"region": "London"},
    {"theme": "partnerships_and_community_engagement"},
    {"year": "2024"},
    {"in_force_on": "2024-06-01"},
    {"in_force_on-day": "1", "in_force_on-month": "6", "in_force_on-year": "2024"},
    {"sort": "oldest"},
    {"sort": "authority", "kind": "notice"},
    {"status": "ended", "sort": "oldest", "year": "2023"},
]


def _page_rows(client: Any, query: dict[str, str]) -> tuple[list[tuple[str, str]], str]:
    """Every (kind, reference) the register lists for the query, across its pages, in order,
    and the first page's HTML."""
    rows: list[tuple[str, str]] = []
    first = ""
    for number in range(1, 10):
        response = client.get("/register/", {**query, "page": str(number)})
        assert response.status_code == 200, response.content.decode()[:500]
        html = response.content.decode()
        first = first or html
        if '<table class="govuk-table"' not in html:
            break
        table = html.split('<table class="govuk-table"', 1)[1].split("</table>", 1)[0]
        found = re.findall(
            r'<a class="govuk-link" href="/(notices|interventions)/[^"]*">([^<]+)</a><br>', table
        )
        rows += found
        if "govuk-pagination__next" not in html:
            break
    return rows, first


def _download_links(html: str) -> dict[str, str]:
    section = html.split("Download these results", 1)[1].split("</ul>", 1)[0]
    return {
        text: href.replace("&amp;", "&")
        for href, text in re.findall(
            r'<a class="govuk-link" href="([^"]+)" download>([^<]+)</a>', section
        )
    }


def _csv_references(client: Any, href: str) -> list[str]:
    response = client.get(href)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return [row["reference"] for row in csv.DictReader(io.StringIO(text))]


def _json_references(client: Any, href: str) -> list[str]:
    response = client.get(href)
    assert response.status_code == 200
    return [item["reference"] for item in json.loads(b"".join(response.streaming_content))["items"]]


@pytest.mark.parametrize(
    "query", EVERY_FILTER, ids=lambda q: "&".join(f"{k}={v}" for k, v in q.items()) or "none"
)
def test_filtered_downloads_equal_the_pages_rows_for_every_filter(
    real_record, db, client, query
) -> None:  # type: ignore[no-untyped-def]
    rows, html = _page_rows(client, query)
    links = _download_links(html)
    for kind, title in (("notices", "Notices"), ("interventions", "Interventions")):
        shown = [reference for k, reference in rows if k == kind]
        if f"{title} (CSV)" not in links:
            assert not shown, f"{kind} are shown but cannot be downloaded"
            continue
        assert _csv_references(client, links[f"{title} (CSV)"]) == shown
        assert _json_references(client, links[f"{title} (JSON)"]) == shown


def test_the_journalist_downloads_in_force_on_1_june_2024_as_csv_and_gets_8_notices(
    real_record, db, client
) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/open-data/notices.csv", {"in_force_on": "2024-06-01"})
    text = b"".join(response.streaming_content).decode()
    references = {row["reference"] for row in csv.DictReader(io.StringIO(text))}
    assert references == {real_record[i] for i in IN_FORCE_ON_1_JUNE_2024}
    whole = b"".join(client.get("/open-data/notices.csv").streaming_content).decode()
    assert len(list(csv.DictReader(io.StringIO(whole)))) == 15


def test_each_authority_page_downloads_its_own_records(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    html = client.get("/authorities/E47000008/").content.decode()
    links = _download_links(html)
    notices = _csv_references(client, links["Notices (CSV)"])
    assert set(notices) == {real_record["cpca-2023-01"], real_record["cpca-2024-01"]}
    for reference in notices:
        assert f"/notices/{reference}/" in html
    for reference in _json_references(client, links["Interventions (JSON)"]):
        assert f"/interventions/{reference}/" in html


@pytest.mark.parametrize(
    ("url", "query", "message"),
    [
        ("/open-data/notices.csv", {"colour": "red"}, "Unknown filter: colour."),
        ("/open-data/interventions.csv", {"in_force": "2024-06-01"}, "Unknown filter: in_force."),
        (
            "/open-data/notices.csv",
            {"in_force_on": "1 June 2024"},
            "Enter the date in force as YYYY-MM-DD",
        ),
        ("/open-data/notices.csv", {"authority": "Slough"}, "Enter an authority's GSS code"),
        ("/open-data/notices.csv", {"status": "sleeping"}, "Choose a status from the list"),
        (
            "/open-data/notices.csv",
            {"page": "2"},
            "A download holds every matching row: remove page.",
        ),
        (
            "/open-data/authorities.csv",
            {"q": "Slough"},
            "The authorities dataset is downloaded whole: remove q.",
        ),
        (
            "/open-data/grounds.json",
            {"in_force_on": "2024-06-01"},
            "Only notices and interventions",
        ),
    ],
)
def test_unknown_filters_are_refused_with_a_clear_message(
    real_record, db, client, url, query, message
) -> None:  # type: ignore[no-untyped-def]
    response = client.get(url, query)
    assert response.status_code == 400
    body = (
        json.loads(response.content)["error"]
        if url.endswith(".json")
        else response.content.decode()
    )
    assert message in body


def test_a_filtered_download_is_another_file_to_caches(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    whole = client.get("/open-data/notices.csv")
    filtered = client.get("/open-data/notices.csv", {"year": "2024"})
    assert whole["ETag"] != filtered["ETag"]
    again = client.get("/open-data/notices.csv", {"year": "2024"}, HTTP_IF_NONE_MATCH=whole["ETag"])
    assert again.status_code == 200


def test_the_json_download_says_which_filters_made_it(real_record, db, client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(
        "/open-data/notices.json",
        {"in_force_on-day": "1", "in_force_on-month": "6", "in_force_on-year": "2024"},
    )
    body = json.loads(b"".join(response.streaming_content))
    assert body["filters"] == {"in_force_on": "2024-06-01", "sort": "newest"}
    assert len(body["items"]) == 8
