"""An authority officer imports twenty plan actions from an Excel file, prints the progress report
without the service's menus, downloads it as PDF and the record as Excel, and cancels an action
with a reason, through the real pages, with JavaScript on (checked by axe) and off."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from pypdf import PdfReader

from bestvalue.accounts.roles import Role
from tests.e2e.conftest import Visitor
from tests.e2e.test_improvement_journeys import _fill_date
from tests.factories import PASSWORD, make_actions_workbook, make_issued_notice, make_user

pytestmark = pytest.mark.django_db(transaction=True)
Visit = Callable[[str], Visitor]


def test_an_officer_imports_twenty_actions_and_downloads_the_progress_report(
    visitor: Visit, tmp_path: Path
) -> None:
    from bestvalue.authorities.selectors import authority_by_gss
    from bestvalue.improvement.models import PlanAction

    authority = authority_by_gss("E06000034")  # Thurrock Council
    make_issued_notice(
        authority=authority,
        expectations=["Appoint a permanent senior leadership team.", "Balance the budget."],
    )
    make_user(Role.AUTHORITY_OFFICER, username="olive", authority=authority)
    olive = visitor("officer")
    olive.sign_in("olive", PASSWORD)
    page = olive.go(f"/staff/improvement/{authority.gss_code}/")

    # A file with a problem is refused whole, each problem by line and column.
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(make_actions_workbook([["Review", "", "2024-09-30", "Soon", "9", ""]]))
    olive.follow("import actions from a CSV or Excel file")
    page.set_input_files("#id_file", str(bad))
    olive.submit("Import actions")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Line 2, column owner: enter who owns the action.")
    expect(summary).to_contain_text("Line 2, column status: “Soon” is not a status")
    expect(summary).to_contain_text(
        "Line 2, column expectations: the notice has no expectation “9”"
    )
    assert not PlanAction.objects.exists()

    rows = [
        [
            f"Action {n}",
            f"Owner {n}",
            dt.date(2024, 6, n),
            "On track",
            "1" if n % 2 else "1; 2",
            "Leadership",
        ]
        for n in range(1, 21)
    ]
    good = tmp_path / "plan.xlsx"
    good.write_bytes(make_actions_workbook(rows))
    page.set_input_files("#id_file", str(good))
    olive.submit("Import actions")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Actions imported.")
    expect(page.get_by_role("heading", name="Improvement plan (20 actions)")).to_be_visible()
    assert PlanAction.objects.filter(authority=authority).count() == 20
    olive.shot("imported")

    # The whole record as Excel: the plan sheet holds the twenty actions.
    with page.expect_download() as download:
        page.get_by_role("link", name="Every part as an Excel workbook (XLSX)").click()
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert [r[1] for r in book["Plan"].iter_rows(min_row=2, values_only=True)] == [
        f"Action {n}" for n in range(1, 21)
    ]

    olive.follow("Progress report")
    # Printed, the report shows its content and none of the service's menus.
    page.emulate_media(media="print")
    expect(page.locator(".govuk-service-navigation")).to_be_hidden()
    expect(page.locator(".govuk-footer")).to_be_hidden()
    expect(page.get_by_role("button", name="Show the report for this period")).to_be_hidden()
    expect(page.get_by_role("heading", name="Expectation 1")).to_be_visible()
    page.emulate_media(media="screen")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download this report as PDF").click()
    assert download.value.suggested_filename.startswith(f"progress-report-{authority.gss_code}-")
    pdf = PdfReader(io.BytesIO(Path(download.value.path()).read_bytes()))
    text = " ".join(p.extract_text() for p in pdf.pages)
    text = " ".join(text.split())
    assert "Progress report: Thurrock Council" in text
    assert "Action 20" in text

    # An action the authority no longer pursues is cancelled by a progress update that gives the
    # reason; without one the update is refused and nothing changes.
    olive.go(f"/staff/improvement/{authority.gss_code}/")
    olive.follow("20. Action 20")
    olive.follow("Record progress")
    _fill_date(page, "id_written_on", 1, 7, 2024)
    page.get_by_label("Cancelled", exact=True).check()
    olive.submit("Record progress")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the progress made")
    action = PlanAction.objects.get(authority=authority, number=20)
    assert action.status == "on_track"
    assert not action.updates.exists()
    reason = "Cancelled: the leadership review is now part of action 1."
    page.fill("#id_text", reason)
    olive.submit("Record progress")
    expect(page.get_by_role("heading", level=1)).to_have_text("Action 20: Action 20")
    expect(page.locator("main .govuk-tag").first).to_have_text("Cancelled")
    progress = page.locator("#progress + ol")
    expect(progress).to_contain_text("1 July 2024: Cancelled")
    expect(progress).to_contain_text(reason)
    olive.shot("action-cancelled")
    action.refresh_from_db()
    assert action.status == "cancelled"
    assert [u.text for u in action.updates.all()] == [reason]
