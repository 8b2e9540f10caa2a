"""Bad input that only the service can see (a date after today, a reading for a date that has one,
a measure name already taken, a web address) is shown the GOV.UK way: by its field, with the error
summary linking to that field, not to the top of the page. And nothing is stored."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.core import clock
from bestvalue.improvement.models import Measure, Meeting, ProgressUpdate, Reading, Recommendation
from bestvalue.improvement.services import measures
from tests.clients import CheckingClient
from tests.factories import (
    make_action,
    make_board,
    make_issued_notice,
    make_measure,
    make_meeting,
    make_officer,
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


def _tomorrow() -> dt.date:
    return clock.today() + dt.timedelta(days=1)


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found, "the form carries no version"
    return found.group(1)


def _assert_by_the_field(response: Any, anchor: str, field: str, message: str) -> None:
    assert response.status_code == 400, response.status_code
    page = response.content.decode()
    summary_links = re.findall(
        r'<a href="([^"]+)">([^<]+)</a>',
        page.split('govuk-error-summary__list">')[1].split("</ul>")[0],
    )
    assert summary_links == [(f"#{anchor}", message)]
    inline = re.search(
        rf'<p id="{field}-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:</span> ([^<]+)</p>',
        page,
    )
    assert inline, f"no error message by {field}"
    assert inline[1].strip() == message


def test_a_reading_dated_after_today_is_refused_by_its_date(notice: Any) -> None:
    officer = make_officer(notice.authority)
    measure = make_measure(notice.authority, by=officer)
    response = _client(officer).post(
        reverse("staff:improvement-reading-new", kwargs={"pk": measure.pk}),
        {**_date("taken_on", _tomorrow()), "value": "55", "source": "Survey"},
    )
    _assert_by_the_field(
        response,
        "id_taken_on-day",
        "id_taken_on",
        "The date of the reading must be today or in the past",
    )
    assert Reading.objects.count() == 0


def test_a_second_reading_for_a_date_is_refused_by_its_date(notice: Any) -> None:
    officer = make_officer(notice.authority)
    measure = make_measure(notice.authority, by=officer)
    day = dt.date(2024, 4, 1)
    measures.record_reading(measure, by=officer, taken_on=day, value=Decimal("55"), source="Survey")
    response = _client(officer).post(
        reverse("staff:improvement-reading-new", kwargs={"pk": measure.pk}),
        {**_date("taken_on", day), "value": "56", "source": "Survey again"},
    )
    _assert_by_the_field(
        response,
        "id_taken_on-day",
        "id_taken_on",
        "There is already a reading for 1 April 2024: choose another date",
    )
    assert [r.value for r in Reading.objects.all()] == [Decimal("55")]


def test_a_measure_name_already_taken_is_refused_by_the_name(notice: Any) -> None:
    officer = make_officer(notice.authority)
    make_measure(notice.authority, by=officer, name="Staff survey engagement")
    response = _client(officer).post(
        reverse("staff:improvement-measure-new", kwargs={"gss_code": notice.authority.gss_code}),
        {
            "name": "staff survey ENGAGEMENT",
            "definition": "Again.",
            "unit": "%",
            "direction": "higher",
            "baseline_value": "40",
            **_date("baseline_on", dt.date(2024, 1, 1)),
            "target_value": "60",
            **_date("target_on", dt.date(2024, 12, 31)),
            "expectation_ids": [notice.expectations.get().pk],
        },
    )
    _assert_by_the_field(
        response,
        "id_name",
        "id_name",
        "There is already a measure with this name: choose a different name",
    )
    assert Measure.objects.count() == 1


def test_progress_dated_after_today_is_refused_by_its_date(notice: Any) -> None:
    officer = make_officer(notice.authority)
    action = make_action(notice.authority, by=officer)
    client = _client(officer)
    url = reverse("staff:improvement-action-progress", kwargs={"pk": action.pk})
    response = client.post(
        url,
        {
            "version": _version(client.get(url).content.decode()),
            **_date("written_on", _tomorrow()),
            "status": "on_track",
            "text": "Interviews held.",
        },
    )
    _assert_by_the_field(
        response,
        "id_written_on-day",
        "id_written_on",
        "The date of the update must be today or in the past",
    )
    assert ProgressUpdate.objects.count() == 0


def test_a_meeting_dated_after_today_is_refused_by_its_date(notice: Any) -> None:
    board = make_board(authority=notice.authority)
    member = make_user(Role.BOARD_MEMBER, board=board)
    response = _client(member).post(
        reverse("staff:board-meeting-new", kwargs={"pk": board.pk}),
        {**_date("held_on", _tomorrow()), "minutes": "Not yet met."},
    )
    _assert_by_the_field(
        response,
        "id_held_on-day",
        "id_held_on",
        "The date of the meeting must be today or in the past",
    )
    assert Meeting.objects.count() == 0


def test_a_response_the_rules_refuse_is_shown_by_its_field(notice: Any) -> None:
    board = make_board(authority=notice.authority)
    member = make_user(Role.BOARD_MEMBER, board=board)
    officer = make_officer(notice.authority)
    recommendation = make_recommendation(
        make_meeting(board, by=member), by=member, text="Publish the plan."
    )
    client = _client(officer)
    url = reverse("staff:board-recommendation-respond", kwargs={"pk": recommendation.pk})

    def respond(status: str, day: dt.date) -> Any:
        return client.post(
            url,
            {
                "version": _version(client.get(url).content.decode()),
                "status": status,
                "response": "Done.",
                "owner": "Chief Executive",
                **_date("responded_on", day),
            },
        )

    _assert_by_the_field(
        respond("implemented", _tomorrow()),
        "id_responded_on-day",
        "id_responded_on",
        "The date of the response must be today or in the past",
    )
    assert respond("implemented", dt.date(2024, 4, 1)).status_code == 302
    _assert_by_the_field(
        respond("accepted", dt.date(2024, 4, 2)),
        "id_status",
        "id_status",
        "This recommendation is recorded as implemented; it cannot be reopened.",
    )
    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.responded_on) == (
        "implemented",
        dt.date(2024, 4, 1),
    )
    assert Recommendation.objects.count() == 1
