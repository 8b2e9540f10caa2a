"""Downloads of an authority's improvement record: each part as CSV, all parts as one Excel
workbook holding the rows the pages show, with real dates and numbers and a frozen header."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from bestvalue.improvement.services import measures
from tests.clients import CheckingClient
from tests.factories import make_action, make_improvement_world, make_issued_notice, make_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    world = make_improvement_world(make_issued_notice(), settings=settings)
    authority = world["improvement_authority"]
    officer = make_officer(authority)
    make_action(authority, by=officer, title="=HYPERLINK(1)", due_on=dt.date(2024, 9, 30))
    measures.record_reading(
        world["improvement_measure"],
        by=officer,
        taken_on=dt.date(2024, 5, 1),
        value=Decimal("57.25"),
        source="Pulse survey",
    )
    client = CheckingClient()
    client.force_login(officer)
    return {**world, "client": client, "officer": officer}


def _workbook(world: dict[str, Any]) -> Any:
    url = reverse(
        "staff:improvement-export-xlsx",
        kwargs={"gss_code": world["improvement_authority"].gss_code},
    )
    response = world["client"].get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "private, no-store"
    return load_workbook(io.BytesIO(response.content))


def test_the_xlsx_export_opens_with_a_sheet_per_part_and_a_frozen_header(
    world: dict[str, Any],
) -> None:
    book = _workbook(world)
    assert book.sheetnames == [
        "Plan",
        "Measures",
        "Readings",
        "Evidence",
        "Assurance",
        "Recommendations",
    ]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet["A1"].font.bold


def test_the_xlsx_plan_holds_the_rows_of_the_workspace_page(world: dict[str, Any]) -> None:
    authority = world["improvement_authority"]
    page = world["client"].get(
        reverse("staff:improvement", kwargs={"gss_code": authority.gss_code})
    )
    plan = list(_workbook(world)["Plan"].iter_rows(min_row=2, values_only=True))
    titles = [f"{row[0]}. {row[1]}" for row in plan]
    # Text exactly as typed, held as text (never a formula) by its cell type.
    assert titles == ["1. Appoint a permanent chief executive", "2. =HYPERLINK(1)"]
    for number, title, *_ in plan:
        assert f"{number}. {title}" in page.content.decode()
    # Real dates, not text; a formula is written as text, never run.
    assert isinstance(plan[0][6], dt.datetime)
    assert plan[0][6].date() == dt.date(2024, 6, 30)
    assert plan[1][1] == "=HYPERLINK(1)"
    cell = _workbook(world)["Plan"].cell(row=3, column=2)
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")


def test_the_xlsx_readings_are_numbers_and_dates_in_the_pages_order(
    world: dict[str, Any],
) -> None:
    book = _workbook(world)
    readings = [
        (name, unit, on.date(), value, source)
        for name, unit, on, value, source in book["Readings"].iter_rows(min_row=2, values_only=True)
    ]
    assert readings == [
        ("Staff survey engagement", "%", dt.date(2024, 4, 1), 55, "Survey"),
        ("Staff survey engagement", "%", dt.date(2024, 5, 1), 57.25, "Pulse survey"),
    ]
    (measure,) = book["Measures"].iter_rows(min_row=2, values_only=True)
    assert measure[0] == "Staff survey engagement"
    assert (measure[5], measure[7], measure[9]) == (50, 70, 57.25)
    evidence = list(book["Evidence"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in evidence] == ["LGA peer challenge report"]
    assurance = list(book["Assurance"].iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in assurance] == ["Reasonable assurance"]
    recommendations = list(book["Recommendations"].iter_rows(min_row=2, values_only=True))
    assert [row[3] for row in recommendations] == ["Publish the plan."]


def test_each_part_downloads_as_csv_with_the_same_rows(world: dict[str, Any]) -> None:
    gss_code = world["improvement_authority"].gss_code
    for part, first in (("plan", "Number"), ("readings", "Measure"), ("evidence", "Title")):
        url = reverse("staff:improvement-export-csv", kwargs={"gss_code": gss_code, "part": part})
        response = world["client"].get(url)
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert rows[0][0] == first
    url = reverse("staff:improvement-export-csv", kwargs={"gss_code": gss_code, "part": "readings"})
    text = b"".join(world["client"].get(url).streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1:] == [
        ["Staff survey engagement", "%", "2024-04-01", "55", "Survey"],
        ["Staff survey engagement", "%", "2024-05-01", "57.25", "Pulse survey"],
    ]


def test_an_unknown_part_is_not_found(world: dict[str, Any]) -> None:
    url = reverse(
        "staff:improvement-export-csv",
        kwargs={"gss_code": world["improvement_authority"].gss_code, "part": "secrets"},
    )
    assert world["client"].get(url).status_code == 404
