"""Improvement's date rules (issue 14.1) live in improvement.rules and are enforced by the
services, so every channel that reaches them gives the same refusal in the same words: the page
form by its field, the readings CSV import by its line. (The API does not write improvement
records.) A reading before its measure's baseline, a response dated before the recommendation,
evidence effective after today and a progress update after today are all refused."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.core import clock
from bestvalue.improvement import rules
from bestvalue.improvement.models import Evidence, ProgressUpdate, Reading, Recommendation
from bestvalue.improvement.services import measures
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
    make_recommendation,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice() -> Any:
    return make_issued_notice()


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def _field_error(response: Any, field: str) -> str:
    assert response.status_code == 400, response.status_code
    found = re.search(
        rf'<p id="{field}-error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span> ([^<]+)</p>',
        response.content.decode(),
    )
    assert found, f"no error message by {field}"
    return found[1].strip()


def _import_problems(client: CheckingClient, measure: Any, csv: str) -> str:
    response = client.post(
        reverse("staff:improvement-reading-import", kwargs={"pk": measure.pk}),
        {"file": SimpleUploadedFile("readings.csv", csv.encode(), content_type="text/csv")},
    )
    assert response.status_code == 400
    return response.content.decode()


def test_same_rule_every_channel_a_reading_before_the_baseline(notice: Any) -> None:
    officer = make_officer(notice.authority)
    measure = make_measure(notice.authority, by=officer)  # baseline 1 January 2024
    expected = rules.reading_date_refusal(
        dt.date(2023, 12, 31), baseline_on=measure.baseline_on, today=clock.today()
    )
    assert expected == (
        "The date of the reading must be on or after the baseline date, 1 January 2024"
    )
    client = _client(officer)
    page = client.post(
        reverse("staff:improvement-reading-new", kwargs={"pk": measure.pk}),
        {**_date("taken_on", dt.date(2023, 12, 31)), "value": "55", "source": "Survey"},
    )
    assert _field_error(page, "id_taken_on") == expected
    imported = _import_problems(client, measure, "date,value,source\n2023-12-31,55,Survey\n")
    assert f"Line 2: {expected}." in imported
    with pytest.raises(ValueError, match=re.escape(expected)):
        measures.record_reading(
            measure, by=officer, taken_on=dt.date(2023, 12, 31), value=Decimal(1), source="S"
        )
    assert Reading.objects.count() == 0


def test_same_rule_every_channel_a_reading_after_today(notice: Any) -> None:
    officer = make_officer(notice.authority)
    measure = make_measure(notice.authority, by=officer)
    tomorrow = clock.today() + dt.timedelta(days=1)
    expected = "The date of the reading must be today or in the past"
    client = _client(officer)
    page = client.post(
        reverse("staff:improvement-reading-new", kwargs={"pk": measure.pk}),
        {**_date("taken_on", tomorrow), "value": "55", "source": "Survey"},
    )
    assert _field_error(page, "id_taken_on") == expected
    imported = _import_problems(
        client, measure, f"date,value,source\n{tomorrow.isoformat()},55,Survey\n"
    )
    assert f"Line 2: {expected}." in imported
    assert Reading.objects.count() == 0


def test_a_baseline_moved_after_a_reading_is_refused(notice: Any) -> None:
    officer = make_officer(notice.authority)
    measure = make_measure(notice.authority, by=officer)
    measures.record_reading(
        measure, by=officer, taken_on=dt.date(2024, 2, 1), value=Decimal(55), source="Survey"
    )
    with pytest.raises(ValueError, match="on or before the first reading, 1 February 2024"):
        measures.change_measure(
            measure,
            by=officer,
            version=measure.version,
            expectation_ids=[e.pk for e in measure.expectations.all()],
            baseline_on=dt.date(2024, 3, 1),
        )


def test_same_rule_every_channel_a_response_before_the_recommendation(notice: Any) -> None:
    board = make_board(authority=notice.authority)
    member = make_user(Role.BOARD_MEMBER, board=board)
    meeting = make_meeting(board, by=member, held_on=dt.date(2024, 3, 1))
    recommendation = make_recommendation(meeting, by=member, text="Publish the plan.")
    officer = make_officer(notice.authority)
    expected = rules.response_date_refusal(
        dt.date(2024, 2, 1), made_on=dt.date(2024, 3, 1), today=clock.today()
    )
    assert expected == (
        "The date of the response must be on or after the date the recommendation was made, "
        "1 March 2024"
    )
    page = _client(officer).post(
        reverse("staff:board-recommendation-respond", kwargs={"pk": recommendation.pk}),
        {
            "version": str(recommendation.version),
            "status": "accepted",
            "response": "We will.",
            "owner": "Chief Executive",
            **_date("responded_on", dt.date(2024, 2, 1)),
        },
    )
    assert _field_error(page, "id_responded_on") == expected
    recommendation.refresh_from_db()
    assert recommendation.status == "awaiting_response"
    assert Recommendation.objects.filter(responded_on__isnull=False).count() == 0


def test_same_rule_every_channel_evidence_effective_after_today(notice: Any, settings: Any) -> None:
    in_memory_storage(settings)
    officer = make_officer(notice.authority)
    future = clock.today() + dt.timedelta(days=1)
    expected = "The effective date must be today or in the past"
    assert rules.evidence_date_refusal(future, today=clock.today()) == expected
    url = reverse("staff:improvement-evidence-new", kwargs={"gss_code": notice.authority.gss_code})
    client = _client(officer)
    for extra in (
        {"url": "https://example.org/report"},
        {"file": SimpleUploadedFile("report.pdf", make_pdf(), content_type="application/pdf")},
    ):
        page = client.post(
            url, {"title": "Committee report", **_date("effective_on", future), **extra}
        )
        assert _field_error(page, "id_effective_on") == expected
    assert Evidence.objects.count() == 0


def test_same_rule_every_channel_a_progress_update_after_today(notice: Any) -> None:
    officer = make_officer(notice.authority)
    action = make_action(notice.authority, by=officer)
    tomorrow = clock.today() + dt.timedelta(days=1)
    page = _client(officer).post(
        reverse("staff:improvement-action-progress", kwargs={"pk": action.pk}),
        {
            "version": str(action.version),
            "status": "on_track",
            "text": "Recruiting.",
            **_date("written_on", tomorrow),
        },
    )
    expected = rules.progress_date_refusal(tomorrow, today=clock.today())
    assert _field_error(page, "id_written_on") == expected
    assert ProgressUpdate.objects.count() == 0
