"""The improvement and assurance journeys through the pages, with JavaScript off: the authority's
plan, progress, measures (by form and CSV, with chart and table) and evidence; the board's meeting,
assurance and recommendation, and the authority's response; the department's progress report."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.improvement import content, selectors
from bestvalue.improvement.models import (
    AssuranceStatement,
    Evidence,
    Measure,
    PlanAction,
    Reading,
    Recommendation,
)
from tests.clients import CheckingClient
from tests.factories import (
    in_memory_storage,
    make_action,
    make_board,
    make_issued_notice,
    make_measure,
    make_meeting,
    make_officer,
    make_pdf,
    make_user,
)

pytestmark = pytest.mark.django_db

EXPECTATIONS = [
    "Continue with the independent Improvement Board.",
    "Implement the improvement plan.",
    "Cultural change with measurable outcomes.",
]


@pytest.fixture(autouse=True)
def _storage(settings: Any) -> None:
    in_memory_storage(settings)


@pytest.fixture
def notice() -> Any:
    return make_issued_notice(expectations=EXPECTATIONS)


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


@pytest.fixture
def officer(notice: Any) -> CheckingClient:
    return _client(make_officer(notice.authority))


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found, "the form carries no version"
    return found.group(1)


def _date(prefix: str, day: int, month: int, year: int) -> dict[str, str]:
    return {f"{prefix}-day": str(day), f"{prefix}-month": str(month), f"{prefix}-year": str(year)}


def _ok(response: Any) -> Any:
    assert response.status_code == 302, response.content.decode()[:3000]
    return response


def test_an_officer_adds_an_action_for_each_expectation_and_records_progress(
    notice: Any, officer: CheckingClient
) -> None:
    gss = notice.authority.gss_code
    workspace = reverse("staff:improvement", kwargs={"gss_code": gss})
    assert "No actions yet." in officer.get(workspace).content.decode()
    new = reverse("staff:improvement-action-new", kwargs={"gss_code": gss})
    for position, expectation in enumerate(notice.expectations.all(), start=1):
        form = officer.get(new, {"expectation": expectation.pk}).content.decode()
        assert re.search(rf'value="{expectation.pk}" checked', form)
        _ok(
            officer.post(
                new,
                {
                    "title": f"Answer expectation {position}",
                    "owner": "Chief Executive",
                    "status": "not_started",
                    **_date("due_on", 30, 6, 2024),
                    "expectation_ids": [expectation.pk],
                    "theme_keys": ["culture"],
                },
            )
        )
    page = officer.get(workspace).content.decode()
    assert "Improvement plan (3 actions)" in page
    assert "Overdue" in page  # due 30 June 2024, not done
    action = PlanAction.objects.get(number=2)
    assert [e.position for e in action.expectations.all()] == [2]

    url = reverse("staff:improvement-action-progress", kwargs={"pk": action.pk})
    version = _version(officer.get(url).content.decode())
    _ok(
        officer.post(
            url,
            {
                "version": version,
                **_date("written_on", 1, 5, 2024),
                "status": "at_risk",
                "text": "Recruitment delayed.",
            },
        )
    )
    _ok(
        officer.post(
            url,
            {
                "version": str(int(version) + 1),
                **_date("written_on", 1, 6, 2024),
                "status": "done",
                "text": "Appointed.",
            },
        )
    )
    action.refresh_from_db()
    assert action.status == "done"
    page = officer.get(
        reverse("staff:improvement-action", kwargs={"pk": action.pk})
    ).content.decode()
    assert page.index("1 June 2024: Done") < page.index("1 May 2024: At risk")  # newest first
    actions = list(
        AuditEvent.objects.filter(action__startswith="improvement.action").values_list(
            "action", flat=True
        )
    )
    assert sorted(actions) == sorted(
        ["improvement.action.added"] * 3 + ["improvement.action.progress_recorded"] * 2
    )


def test_an_action_cannot_answer_another_authoritys_expectation(
    notice: Any, officer: CheckingClient
) -> None:
    other = make_issued_notice()
    url = reverse("staff:improvement-action-new", kwargs={"gss_code": notice.authority.gss_code})
    response = officer.post(
        url,
        {
            "title": "Sneaky",
            "owner": "Someone",
            **_date("due_on", 30, 6, 2024),
            "expectation_ids": [other.expectations.get().pk],
            "theme_keys": ["culture"],
        },
    )
    assert response.status_code == 400
    assert "Choose from the list" in response.content.decode()
    assert not PlanAction.objects.exists()


def test_a_stale_edit_is_refused_and_the_input_is_shown_again(
    notice: Any, officer: CheckingClient
) -> None:
    action = make_action(notice.authority)
    url = reverse("staff:improvement-action-edit", kwargs={"pk": action.pk})
    stale = _version(officer.get(url).content.decode())
    from bestvalue.improvement.services import plan

    plan.record_progress(
        action,
        by=make_officer(notice.authority),
        version=action.version,
        written_on=action.created_at.date(),
        status="on_track",
        text="Moving.",
    )
    response = officer.post(
        url,
        {
            "version": stale,
            "title": "My careful edit",
            "owner": "Chief Executive",
            **_date("due_on", 30, 6, 2024),
            "expectation_ids": [e.pk for e in action.expectations.all()],
            "theme_keys": ["leadership"],
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this action" in html
    assert 'value="My careful edit"' in html
    action.refresh_from_db()
    assert action.title == "Appoint a permanent chief executive"


def test_a_measure_with_readings_by_form_and_by_csv_shows_a_chart_and_a_table(
    notice: Any, officer: CheckingClient
) -> None:
    gss = notice.authority.gss_code
    expectation = notice.expectations.get(position=3)
    _ok(
        officer.post(
            reverse("staff:improvement-measure-new", kwargs={"gss_code": gss}),
            {
                "name": "Staff who would recommend the authority as a place to work",
                "definition": "Share answering yes in the staff survey.",
                "unit": "%",
                "direction": "higher",
                "baseline_value": "41",
                **_date("baseline_on", 1, 1, 2024),
                "target_value": "60",
                **_date("target_on", 31, 12, 2024),
                "expectation_ids": [expectation.pk],
            },
        )
    )
    measure = Measure.objects.get()
    _ok(
        officer.post(
            reverse("staff:improvement-reading-new", kwargs={"pk": measure.pk}),
            {**_date("taken_on", 31, 3, 2024), "value": "44.5", "source": "Quarterly pulse survey"},
        )
    )
    csv = b"date,value,source\n30/06/2024,49,Quarterly pulse survey\n2024-09-30,53.25,Quarterly pulse survey\n"
    _ok(
        officer.post(
            reverse("staff:improvement-reading-import", kwargs={"pk": measure.pk}),
            {"file": SimpleUploadedFile("readings.csv", csv, content_type="text/csv")},
        )
    )
    assert list(Reading.objects.values_list("value", flat=True).order_by("taken_on")) == [
        44.5,
        49,
        53.25,
    ]
    html = officer.get(
        reverse("staff:improvement-measure", kwargs={"pk": measure.pk})
    ).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="app-chart"' in html
    assert 'role="img"' in html
    assert "<title id=" in html
    assert "<desc id=" in html
    assert "3 readings, the latest 53.25 % on 30 September 2024" in html
    table = html[html.index('<table class="govuk-table') :]
    for figure in ("41", "44.5", "49", "53.25", "60"):
        assert f">{figure}</td>" in table
    assert "Quarterly pulse survey" in table


def test_a_csv_with_a_bad_line_is_refused_whole_with_its_line_number(
    notice: Any, officer: CheckingClient
) -> None:
    measure = make_measure(notice.authority)
    csv = b"date,value,source\n2024-03-31,52,Survey\n2024-06-31,55,Survey\n2024-09-30,lots,Survey\n"
    response = officer.post(
        reverse("staff:improvement-reading-import", kwargs={"pk": measure.pk}),
        {"file": SimpleUploadedFile("readings.csv", csv, content_type="text/csv")},
    )
    assert response.status_code == 400
    html = response.content.decode().replace("&#39;", "'")
    assert "Nothing was imported" in html
    assert (
        "Line 3: enter the date as a real date like 2024-03-31 or 31/03/2024, not '2024-06-31'."
        in html
    )
    assert "Line 4: enter the value as a plain number" in html
    assert not Reading.objects.exists()


def test_a_csv_repeating_a_recorded_date_is_refused_whole(
    notice: Any, officer: CheckingClient
) -> None:
    measure = make_measure(notice.authority)
    from bestvalue.improvement.services import measures

    measures.record_reading(
        measure,
        by=make_officer(notice.authority),
        taken_on=dt.date(2024, 6, 30),
        value=1,
        source="S",
    )
    csv = b"date,value,source\n2024-03-31,52,Survey\n30/06/2024,55,Survey\n"
    response = officer.post(
        reverse("staff:improvement-reading-import", kwargs={"pk": measure.pk}),
        {"file": SimpleUploadedFile("readings.csv", csv, content_type="text/csv")},
    )
    assert response.status_code == 400
    assert "Line 3: there is already a reading for 30 June 2024." in response.content.decode()
    assert Reading.objects.count() == 1


def test_evidence_is_uploaded_with_its_digest_and_downloaded_only_as_an_attachment(
    notice: Any, officer: CheckingClient
) -> None:
    action = make_action(notice.authority)
    pdf = make_pdf()
    _ok(
        officer.post(
            reverse(
                "staff:improvement-evidence-new", kwargs={"gss_code": notice.authority.gss_code}
            ),
            {
                "title": "Independent review of culture",
                **_date("effective_on", 15, 2, 2024),
                "file": SimpleUploadedFile("Culture review.pdf", pdf, content_type="text/html"),
                "action_ids": [action.pk],
                "expectation_ids": [notice.expectations.get(position=3).pk],
            },
        )
    )
    item = Evidence.objects.get()
    assert (item.sha256, item.content_type, item.size_bytes) == (
        hashlib.sha256(pdf).hexdigest(),
        "application/pdf",  # from the content, not the browser's claim
        len(pdf),
    )
    assert item.added_by.authority_id == notice.authority_id
    page = officer.get(
        reverse("staff:improvement-evidence", kwargs={"pk": item.pk})
    ).content.decode()
    assert item.sha256 in page
    assert "15 February 2024" in page
    response = officer.get(reverse("staff:improvement-evidence-download", kwargs={"pk": item.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Culture review.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == pdf


def test_evidence_can_be_a_link(notice: Any, officer: CheckingClient) -> None:
    url = reverse("staff:improvement-evidence-new", kwargs={"gss_code": notice.authority.gss_code})
    refused = officer.post(
        url, {"title": "Report", **_date("effective_on", 1, 2, 2024), "url": "javascript:alert(1)"}
    )
    assert refused.status_code == 400
    page = refused.content.decode()
    # The error sits by the web address field and the summary links to it (not to the page top),
    # and it is the only error: the form does not also ask for a file.
    assert re.search(
        r'id="id_url-error"[^>]*>\s*<span[^>]*>Error:</span> Enter a web address', page
    )
    assert '<a href="#id_url">Enter a web address starting https:// or http://</a>' in page
    assert "Choose a file" not in page
    assert Evidence.objects.count() == 0
    _ok(
        officer.post(
            url,
            {
                "title": "Cabinet report",
                **_date("effective_on", 1, 2, 2024),
                "url": "https://example.gov.uk/report",
            },
        )
    )
    item = Evidence.objects.get()
    assert (item.kind, item.sha256, item.file.name) == ("link", "", "")
    download = officer.get(reverse("staff:improvement-evidence-download", kwargs={"pk": item.pk}))
    assert download.status_code == 404


def test_the_board_records_a_meeting_with_assurance_and_a_recommendation_and_the_authority_responds(
    notice: Any, officer: CheckingClient
) -> None:
    board = make_board(authority=notice.authority, name="Independent Improvement Board")
    member = _client(make_user(Role.BOARD_MEMBER, board=board))
    _ok(
        member.post(
            reverse("staff:board-member-new", kwargs={"pk": board.pk}),
            {
                "name": "Dame Pat Chair",
                "role": "chair",
                "description": "Independent chair",
                **_date("started_on", 1, 2, 2023),
            },
        )
    )
    first, second = notice.expectations.all()[:2]
    new_meeting = reverse("staff:board-meeting-new", kwargs={"pk": board.pk})
    form = member.get(new_meeting).content.decode()
    assert EXPECTATIONS[0] in form
    half = member.post(
        new_meeting,
        {**_date("held_on", 14, 3, 2024), "minutes": "Met.", f"rating_{first.pk}": "limited"},
    )
    assert half.status_code == 400
    assert "Enter the board&#39;s view on expectation 1" in half.content.decode()
    _ok(
        member.post(
            new_meeting,
            {
                **_date("held_on", 14, 3, 2024),
                "minutes": "The board reviewed progress against the plan.",
                f"rating_{first.pk}": "limited",
                f"narrative_{first.pk}": "The board has met monthly; attendance by members is uneven.",
                f"rating_{second.pk}": "",
                f"narrative_{second.pk}": "",
            },
        )
    )
    statement = AssuranceStatement.objects.get()
    assert (statement.expectation, statement.rating) == (first, "limited")
    meeting = statement.meeting
    _ok(
        member.post(
            reverse("staff:board-recommendation-new", kwargs={"pk": meeting.pk}),
            {
                "text": "Agree a member development programme by June.",
                **_date("due_on", 30, 6, 2024),
                "owner": "Monitoring Officer",
                "expectation_id": str(first.pk),
            },
        )
    )
    recommendation = Recommendation.objects.get()
    assert (recommendation.number, recommendation.status) == (1, "awaiting_response")

    # The authority responds; the board member cannot respond for it.
    respond = reverse("staff:board-recommendation-respond", kwargs={"pk": recommendation.pk})
    assert member.get(respond).status_code == 403
    page = officer.get(reverse("staff:board", kwargs={"pk": board.pk})).content.decode()
    assert "Dame Pat Chair" in page
    own_page = reverse("staff:recommendation", kwargs={"pk": recommendation.pk})
    assert own_page in page
    assert f'href="{respond}"' in officer.get(own_page).content.decode()
    version = _version(officer.get(respond).content.decode())
    _ok(
        officer.post(
            respond,
            {
                "version": version,
                "status": "accepted",
                "response": "Programme agreed by Council.",
                "owner": "Monitoring Officer",
                **_date("responded_on", 20, 3, 2024),
            },
        )
    )
    stale = officer.post(
        respond,
        {
            "version": version,
            "status": "implemented",
            "response": "Delivered.",
            "owner": "Monitoring Officer",
            **_date("responded_on", 1, 6, 2024),
        },
    )
    assert stale.status_code == 409
    assert "Delivered." in stale.content.decode()
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.owner) == ("accepted", "Monitoring Officer")
    assert "Programme agreed by Council." in member.get(own_page).content.decode()


def test_the_department_opens_the_progress_report(notice: Any) -> None:
    authority = notice.authority
    officer_user = make_officer(authority)
    action = make_action(authority, by=officer_user, title="Agree the improvement plan")
    from bestvalue.improvement.services import measures, plan

    plan.record_progress(
        action,
        by=officer_user,
        version=action.version,
        written_on=dt.date(2024, 4, 1),
        status="on_track",
        text="Plan drafted.",
    )
    measure = make_measure(authority, by=officer_user)
    measures.record_reading(
        measure,
        by=officer_user,
        taken_on=dt.date(2024, 7, 1),
        value=61,
        source="Survey",
    )
    from tests.factories import make_evidence_file

    make_evidence_file(
        authority, by=officer_user, expectation_ids=[notice.expectations.all()[0].pk]
    )
    make_meeting(make_board(authority=authority))
    caseworker = _client(make_user(Role.CASEWORKER))
    url = reverse("staff:improvement-progress", kwargs={"gss_code": authority.gss_code})
    html = caseworker.get(url, {"from": "2024-01-01", "to": "2024-07-31"}).content.decode()
    assert "From 1 January 2024 to 31 July 2024" in html
    section = html[html.index("Expectation 1</h2>") : html.index("Expectation 2</h2>")]
    assert "Agree the improvement plan" in section
    assert "On track" in section
    assert "1 April 2024: Plan drafted." in section
    assert "Staff survey engagement" in section
    assert "On track for the target" in section
    assert "LGA peer challenge report" in section
    assert "Reasonable assurance" in section
    assert "Good progress." in section
    # Before the reading and the update, the report shows things as they stood then.
    early = caseworker.get(url, {"from": "2024-01-01", "to": "2024-03-15"}).content.decode()
    section = early[early.index("Expectation 1</h2>") : early.index("Expectation 2</h2>")]
    assert "Not started" in section
    assert "No readings" in section
    bad = caseworker.get(
        url,
        {
            "from-day": "1",
            "from-month": "7",
            "from-year": "2024",
            "to-day": "1",
            "to-month": "1",
            "to-year": "2024",
        },
    )
    assert bad.status_code == 400
    assert "The last day of the period must be on or after the first" in bad.content.decode()


def test_publishing_is_a_recorded_step_of_the_owner(notice: Any, officer: CheckingClient) -> None:
    action = make_action(notice.authority)
    url = reverse("staff:improvement-publish", kwargs={"kind": "action", "pk": action.pk})
    caseworker = _client(make_user(Role.CASEWORKER))
    assert caseworker.post(url, {"publish": "1"}).status_code == 403
    read = content.content_digest("action", selectors.action_for_staff(action.pk))
    _ok(officer.post(url, {"publish": "1", "digest": read}))
    action.refresh_from_db()
    assert action.is_published
    assert AuditEvent.objects.filter(
        action="improvement.action.published", object_id=str(action.pk)
    ).exists()
    _ok(officer.post(url, {"publish": "0"}))
    action.refresh_from_db()
    assert not action.is_published
    assert AuditEvent.objects.filter(action="improvement.action.unpublished").exists()
