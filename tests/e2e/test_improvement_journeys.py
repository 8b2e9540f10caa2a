"""An authority officer keeps the improvement plan, a measure with a reading, and evidence (a real
file and a link); a board member records a meeting with assurance, publishes it and makes a
recommendation (due date, owner, expectation), which the officer answers. Each through the real pages, with JavaScript on
(checked by axe) and off."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from bestvalue.accounts.roles import Role
from tests.e2e.conftest import Visitor
from tests.factories import PASSWORD, make_board, make_issued_notice, make_pdf, make_user

pytestmark = pytest.mark.django_db(transaction=True)
Visit = Callable[[str], Visitor]  # the visitor fixture: a new person, by name

EXPECTATIONS = [
    "Appoint a permanent senior leadership team.",
    "Deliver the medium-term financial strategy.",
]


def _thurrock_under_notice() -> tuple[Any, Any]:
    from bestvalue.authorities.selectors import authority_by_gss

    authority = authority_by_gss("E06000034")  # Thurrock Council
    notice = make_issued_notice(authority=authority, expectations=EXPECTATIONS)
    return authority, notice


def _fill_date(page: Page, prefix: str, day: int, month: int, year: int) -> None:
    page.fill(f"#{prefix}-day", str(day))
    page.fill(f"#{prefix}-month", str(month))
    page.fill(f"#{prefix}-year", str(year))


def _rows(page: Page, caption: str) -> list[list[str]]:
    """The body rows of the table with this caption, as the text of each cell."""
    table = page.get_by_role("table", name=caption)
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def _summary(page: Page) -> dict[str, str]:
    """The GOV.UK summary list on the page, key to value."""
    keys = page.locator(".govuk-summary-list__key").all_inner_texts()
    values = page.locator(".govuk-summary-list__value").all_inner_texts()
    return {k.strip(): v.strip() for k, v in zip(keys, values, strict=True)}


def _banner(page: Page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def test_an_officer_keeps_the_plan_a_measure_and_evidence(visitor: Visit, tmp_path: Path) -> None:
    from bestvalue.improvement.models import Evidence, Measure, PlanAction, Reading

    authority, notice = _thurrock_under_notice()
    first, second = notice.expectations.order_by("position")
    make_user(
        Role.AUTHORITY_OFFICER,
        username="olive",
        first_name="Olive",
        last_name="Officer",
        authority=authority,
    )

    olive = visitor("officer")
    olive.sign_in("olive", PASSWORD)
    olive.follow("Your authority's improvement plan, measures and evidence")
    page = olive.page
    expect(page.get_by_role("heading", level=1)).to_have_text("Thurrock Council")
    expect(page.get_by_text(f"expectations of notice {notice.reference}")).to_be_visible()
    expect(page.get_by_text("No actions yet.")).to_be_visible()

    # The plan: an action answering the notice's second expectation.
    olive.follow("Add an action")
    page.fill("#id_title", "Adopt a balanced medium-term financial plan")
    page.fill("#id_description", "Close the budget gap without further borrowing.")
    page.fill("#id_owner", "Director of Resources")
    _fill_date(page, "id_due_on", 30, 6, 2025)
    page.get_by_label(EXPECTATIONS[1], exact=False).check()
    page.check("input[name=theme_keys][value=use_of_resources]")
    olive.submit("Save")
    _banner(page, "Action added to the plan.")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Action 1: Adopt a balanced medium-term financial plan"
    )
    details = _summary(page)
    assert details["Owner"] == "Director of Resources"
    assert details["Due"] == "30 June 2025"
    assert details["Description"] == "Close the budget gap without further borrowing."
    assert "Use of resources" in details["Themes"]
    assert details["Added"].startswith("Olive Officer, ")
    expect(page.locator("main ul.govuk-list--bullet")).to_have_text(
        f"{notice.reference}, expectation 2: {EXPECTATIONS[1]}"
    )
    expect(page.get_by_text("Not started", exact=True)).to_be_visible()
    expect(page.get_by_text("Overdue", exact=True)).to_be_visible()  # due in the past, not done
    olive.shot("action")
    olive.submit("Publish (action 1)")
    # The publish step shows exactly what will be public before it is confirmed.
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what will be public")
    expect(page.locator("#content")).to_contain_text("Adopt a balanced medium-term financial plan")
    olive.submit("Publish")
    _banner(page, "Published.")
    expect(page.get_by_text("Published", exact=True).last).to_be_visible()

    olive.follow("Improvement: Thurrock Council")
    assert _rows(page, "Actions") == [
        [
            "1. Adopt a balanced medium-term financial plan",
            f"{notice.reference} 2",
            "Director of Resources",
            "30 June 2025\nOverdue",
            "Not started",
            "Published",
        ]
    ]

    # A measure: first with a baseline that is not a number, which is refused and stores nothing.
    olive.follow("Add a measure")
    page.fill("#id_name", "Staff survey engagement")
    page.fill("#id_definition", "Share of staff answering positively to the engagement questions.")
    page.fill("#id_unit", "%")
    page.get_by_label("Higher is better").check()
    page.fill("#id_baseline_value", "about half")
    _fill_date(page, "id_baseline_on", 1, 1, 2024)
    page.fill("#id_target_value", "70")
    _fill_date(page, "id_target_on", 31, 12, 2025)
    page.get_by_label(EXPECTATIONS[0], exact=False).check()
    olive.submit("Save")
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    error_link = summary.get_by_role("link", name="Enter the baseline value as a number, like 12.5")
    expect(error_link).to_have_attribute("href", "#id_baseline_value")
    expect(page.locator("#id_baseline_value-error")).to_contain_text(
        "Enter the baseline value as a number, like 12.5"
    )
    expect(page.locator("#id_baseline_value")).to_have_value("about half")  # kept to correct
    expect(page.locator("#id_name")).to_have_value("Staff survey engagement")
    expect(page).to_have_title(
        "Error: Add a measure \N{EN DASH} Best value oversight \N{EN DASH} GOV.UK"
    )
    if olive.javascript:  # GOV.UK Frontend moves focus to the summary, then the link to the field
        expect(summary).to_be_focused()
        error_link.click()
        expect(page.locator("#id_baseline_value")).to_be_focused()
    assert Measure.objects.count() == 0
    olive.shot("measure-error")
    page.fill("#id_baseline_value", "50")
    olive.submit("Save")
    _banner(page, "Measure added. Add its readings.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff survey engagement")
    details = _summary(page)
    assert details["Unit"] == "%"
    assert details["Which way is better"] == "Higher is better"
    assert details["Baseline"] == "50 % on 1 January 2024"
    assert details["Target"] == "70 % by 31 December 2025"
    assert details["Latest reading"] == "No readings yet"
    assert details["Expectations"] == f"{notice.reference} 1"

    # A reading that meets the target.
    olive.follow("Add a reading")
    _fill_date(page, "id_taken_on", 1, 4, 2025)
    page.fill("#id_value", "72.5")
    page.fill("#id_source", "Quarterly staff survey")
    olive.submit("Save")
    _banner(page, "Reading recorded.")
    assert _summary(page)["Latest reading"] == "72.5 % on 1 April 2025"
    assert _rows(page, "Staff survey engagement (%)") == [
        ["1 January 2024", "50", "Baseline"],
        ["1 April 2025", "72.5", "Quarterly staff survey"],
        ["31 December 2025", "70", "Target"],
    ]
    expect(page.get_by_text("Target met", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Staff survey engagement", exact=False)).to_be_visible()
    olive.shot("measure")
    reading = Reading.objects.get()
    assert (str(reading.value), reading.source) == ("72.5000", "Quarterly staff survey")

    # Evidence: a real PDF, linked to the action.
    pdf = tmp_path / "Peer challenge report.pdf"
    pdf.write_bytes(make_pdf(pages=2))
    olive.follow("Improvement: Thurrock Council")
    olive.follow("Add evidence")
    page.fill("#id_title", "LGA corporate peer challenge report")
    _fill_date(page, "id_effective_on", 31, 3, 2025)
    page.set_input_files("#id_file", str(pdf))
    page.get_by_label("Action 1: Adopt a balanced medium-term financial plan").check()
    olive.submit("Add evidence")
    _banner(page, "Evidence added.")
    expect(page.get_by_role("heading", level=1)).to_have_text("LGA corporate peer challenge report")
    details = _summary(page)
    assert details["Effective date"] == "31 March 2025"
    assert details["File"] == "Download Peer challenge report.pdf"
    assert details["Size"] == f"{pdf.stat().st_size:,} bytes"
    assert details["SHA-256 digest"] == hashlib.sha256(pdf.read_bytes()).hexdigest()
    assert details["Supports"] == "Action 1: Adopt a balanced medium-term financial plan"
    with page.expect_download() as download:
        page.get_by_role("link", name="Download Peer challenge report.pdf").click()
    assert Path(download.value.path()).read_bytes() == pdf.read_bytes()
    assert download.value.suggested_filename == "Peer challenge report.pdf"
    olive.shot("evidence-file")

    # Evidence: a link to a committee report, first with an address that is not a web address.
    olive.follow("Improvement: Thurrock Council")
    olive.follow("Add evidence")
    page.fill("#id_title", "Cabinet report on the budget recovery")
    _fill_date(page, "id_effective_on", 12, 2, 2025)
    page.fill("#id_url", "democracy.thurrock.gov.uk budget report")
    page.get_by_label(EXPECTATIONS[1], exact=False).check()
    olive.submit("Add evidence")
    summary = page.locator(".govuk-error-summary")
    error_link = summary.get_by_role(
        "link", name="Enter a web address starting https:// or http://"
    )
    expect(error_link).to_have_attribute("href", "#id_url")
    expect(page.locator("#id_url-error")).to_contain_text(
        "Enter a web address starting https:// or http://"
    )
    assert Evidence.objects.count() == 1
    page.fill("#id_url", "https://democracy.thurrock.gov.uk/documents/budget-recovery.pdf")
    olive.submit("Add evidence")
    _banner(page, "Evidence added.")
    details = _summary(page)
    assert (
        details["Web address"] == "https://democracy.thurrock.gov.uk/documents/budget-recovery.pdf"
    )
    assert details["Supports"] == f"{notice.reference}, expectation 2"
    assert "SHA-256 digest" not in details

    olive.follow("Improvement: Thurrock Council")
    evidence_rows = _rows(page, "Evidence")
    assert [row[:3] for row in evidence_rows] == [  # newest effective date first
        ["LGA corporate peer challenge report", "31 March 2025", "File"],
        ["Cabinet report on the budget recovery", "12 February 2025", "Link"],
    ]
    assert all(row[3].startswith("Olive Officer, ") for row in evidence_rows)
    assert [row[:4] for row in _rows(page, "Measures")] == [
        [
            "Staff survey engagement",
            "72.5 % on 1 April 2025",
            "70 % by 31 December 2025",
            "Target met",
        ]
    ]
    olive.shot("workspace")

    action = PlanAction.objects.get()
    assert (action.title, action.owner, action.is_published) == (
        "Adopt a balanced medium-term financial plan",
        "Director of Resources",
        True,
    )
    assert [e.pk for e in action.expectations.all()] == [second.pk]
    assert [e.pk for e in Measure.objects.get().expectations.all()] == [first.pk]


def test_a_board_gives_assurance_and_the_officer_answers_its_recommendation(visitor: Visit) -> None:
    from bestvalue.improvement.models import AssuranceStatement, Meeting, Recommendation

    authority, notice = _thurrock_under_notice()
    first, second = notice.expectations.order_by("position")
    board = make_board(authority=authority, name="Thurrock Improvement and Assurance Board")
    make_user(Role.BOARD_MEMBER, username="bea", first_name="Bea", last_name="Member", board=board)
    make_user(Role.AUTHORITY_OFFICER, username="olive", authority=authority)

    bea = visitor("board-member")
    bea.sign_in("bea", PASSWORD)
    bea.follow("Your board's record")
    page = bea.page
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thurrock Improvement and Assurance Board"
    )
    expect(page.get_by_text("No meetings recorded.")).to_be_visible()
    bea.follow("Record a meeting")
    _fill_date(page, "id_held_on", 5, 3, 2025)
    page.fill("#id_attendees", "Bea Member (chair), the Chief Executive, the Section 151 officer")
    page.fill("#id_minutes", "The board reviewed the first quarter of the improvement plan.")
    # A view on expectation 2 with no assurance chosen: refused, nothing recorded.
    page.fill(f"#id_narrative_{second.pk}", "Savings are identified but not yet delivered.")
    bea.submit("Record the meeting")
    summary = page.locator(".govuk-error-summary")
    error_link = summary.get_by_role("link", name="Choose the assurance for expectation 2")
    expect(error_link).to_have_attribute("href", f"#id_rating_{second.pk}")
    expect(page.locator(f"#id_rating_{second.pk}-error")).to_contain_text(
        "Choose the assurance for expectation 2"
    )
    expect(page.locator(f"#id_narrative_{second.pk}")).to_have_value(
        "Savings are identified but not yet delivered."
    )
    assert Meeting.objects.count() == 0
    bea.shot("meeting-error")
    page.check(f"input[name=rating_{first.pk}][value=reasonable]")
    page.fill(f"#id_narrative_{first.pk}", "Interim appointments are in place; recruitment is on.")
    page.check(f"input[name=rating_{second.pk}][value=limited]")
    bea.submit("Record the meeting")
    _banner(page, "Meeting recorded. Add the recommendations the board made.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Meeting of 5 March 2025")
    assurance = page.locator("#assurance ~ p.govuk-body")
    expect(assurance.nth(0)).to_have_text("Reasonable assurance Not published")
    expect(assurance.nth(1)).to_have_text("Interim appointments are in place; recruitment is on.")
    expect(assurance.nth(2)).to_have_text("Limited assurance Not published")
    expect(assurance.nth(3)).to_have_text("Savings are identified but not yet delivered.")

    bea.submit("Publish (assurance on expectation 1)")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check what will be public")
    bea.submit("Publish")
    _banner(page, "Published.")
    expect(assurance.nth(0)).to_have_text("Reasonable assurance Published")
    expect(assurance.nth(2)).to_have_text("Limited assurance Not published")
    statements = {s.expectation_id: s for s in AssuranceStatement.objects.all()}
    assert (statements[first.pk].rating, statements[first.pk].is_published) == ("reasonable", True)
    assert (statements[second.pk].rating, statements[second.pk].is_published) == ("limited", False)

    bea.follow("Add a recommendation")
    page.fill("#id_text", "Publish the improvement plan and its measures on the council's website.")
    _fill_date(page, "id_due_on", 30, 4, 2025)
    page.fill("#id_owner", "Chief Executive")
    page.get_by_label("1. Appoint a permanent senior leadership team.").check()
    bea.submit("Save")
    _banner(page, "Recommendation recorded. The authority will be reminded of it before it is due.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Recommendation 1")
    assert _summary(page)["Due"] == "30 April 2025"
    assert _summary(page)["Owner"] == "Chief Executive"
    bea.follow("Meeting of 5 March 2025")
    expect(page.locator("#recommendations + ol")).to_have_text(
        "Recommendation 1: Publish the improvement plan and its measures on the council's website."
        " (awaiting the authority's response, due 30 April 2025)"
    )
    bea.shot("meeting")

    olive = visitor("officer")
    olive.sign_in("olive", PASSWORD)
    olive.follow("Your authority's improvement plan, measures and evidence")
    olive.follow("Thurrock Improvement and Assurance Board")
    page = olive.page
    expect(page.get_by_role("link", name="Meeting of 5 March 2025")).to_be_visible()
    assert _rows(page, "Recommendations") == [
        [
            "Recommendation 1",
            "Publish the improvement plan and its measures on the council's website.",
            "30 April 2025",
            "Chief Executive",
            "Awaiting the authority's response",
        ]
    ]
    olive.follow("Meeting of 5 March 2025")
    expect(page.locator("#assurance ~ p.govuk-body").nth(0)).to_have_text(
        "Reasonable assurance Published"
    )
    expect(page.get_by_role("button", name="Publish assurance")).to_have_count(0)  # the board's
    olive.follow("Recommendation 1")
    expect(page.get_by_role("link", name="Close the recommendation")).to_have_count(0)
    olive.follow("Respond")
    page.get_by_label("Accepted", exact=True).check()
    page.fill("#id_response", "The plan and its measures will be on the website by April.")
    page.fill("#id_owner", "Director of Strategy")
    _fill_date(page, "id_responded_on", 20, 3, 2025)
    olive.submit("Save the response")
    _banner(page, "Response recorded.")
    assert _summary(page)["The authority's response"] == "Accepted"
    assert _summary(page)["Owner"] == "Director of Strategy"
    expect(page.locator("#response + p")).to_have_text(
        "The plan and its measures will be on the website by April."
    )
    olive.shot("board")
    recommendation = Recommendation.objects.get()
    assert (recommendation.status, recommendation.owner) == ("accepted", "Director of Strategy")
