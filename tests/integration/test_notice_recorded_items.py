"""Engagement, data requests and returns as recorded can be corrected or removed by department
staff (issue 17.3), with who recorded and who changed each shown, and the change in the notice's
history; a data request shows what is requested and its statutory basis."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.notices import engagement
from bestvalue.notices.models import DataRequest, Engagement
from tests.clients import CheckingClient
from tests.factories import make_issued_notice, make_user

pytestmark = pytest.mark.django_db


def _signed_in(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


@pytest.fixture
def case() -> dict[str, Any]:
    recorder = make_user(Role.CASEWORKER, first_name="Rita", last_name="Recorder")
    notice = make_issued_notice(caseworker=recorder)
    meeting = engagement.record_engagement(
        notice,
        by=recorder,
        kind="meeting",
        occurred_on=dt.date(2024, 2, 1),
        summary="Met the leader.",
        attendees="Leader",
    )
    request = engagement.create_data_request(
        notice,
        by=recorder,
        title="Weekly cash position",
        requested_on=dt.date(2024, 2, 1),
        first_due_on=dt.date(2024, 2, 8),
        recurrence="weekly",
        description="Cash balances by fund, each Friday.",
        statutory_basis="Section 15(5) directions, paragraph 4",
    )
    return {"notice": notice, "meeting": meeting, "request": request, "recorder": recorder}


def _url(name: str, case: dict[str, Any], record: str, item: Any) -> str:
    return reverse(name, kwargs={"pk": case["notice"].pk, "record": record, "item": item.pk})


def _page(client: CheckingClient, case: dict[str, Any]) -> str:
    return client.get(reverse("staff:notice", kwargs={"pk": case["notice"].pk})).content.decode()


def _form(client: CheckingClient, url: str) -> dict[str, str]:
    html = client.get(url).content.decode()
    return dict(re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html))


def test_an_engagement_is_corrected_showing_who_recorded_and_who_changed_it(
    case: dict[str, Any],
) -> None:
    fixer = make_user(Role.APPROVER, first_name="Fay", last_name="Fixer")
    client = _signed_in(fixer)
    url = _url("staff:record-change", case, "engagements", case["meeting"])
    data = _form(client, url)
    data.update(kind="call", summary="Called the leader.", attendees="")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Engagement.objects.get(pk=case["meeting"].pk)
    assert (meeting.kind, meeting.summary, meeting.changed_by) == (
        "call",
        "Called the leader.",
        fixer,
    )
    html = _page(client, case)
    assert "Recorded by Rita Recorder; corrected by Fay Fixer" in html
    history = html.split('id="history"', 1)[1] if 'id="history"' in html else html
    assert "Met the leader." in history
    assert "Called the leader." in history


def test_a_correction_from_a_stale_form_is_refused_and_changes_nothing(
    case: dict[str, Any],
) -> None:
    client = _signed_in(make_user(Role.CASEWORKER))
    url = _url("staff:record-change", case, "engagements", case["meeting"])
    data = _form(client, url)
    engagement.correct_record(
        case["meeting"], by=case["recorder"], version=1, values={"summary": "Someone else's."}
    )
    data.update(kind="call", summary="Mine.")
    response = client.post(url, data)
    assert response.status_code == 409
    assert "Someone else changed this engagement" in response.content.decode()
    assert Engagement.objects.get(pk=case["meeting"].pk).summary == "Someone else's."


def test_an_engagement_is_removed_and_the_removal_is_in_the_history(
    case: dict[str, Any],
) -> None:
    client = _signed_in(make_user(Role.CASEWORKER, first_name="Remy", last_name="Remover"))
    url = _url("staff:record-remove", case, "engagements", case["meeting"])
    response = client.post(url, {"version": "1"})
    assert response.status_code == 302
    assert not Engagement.objects.filter(pk=case["meeting"].pk).exists()
    html = _page(client, case)
    assert "Removed" in html
    assert "Met the leader." in html  # what was removed, in the history


def test_a_data_request_shows_what_is_requested_and_its_statutory_basis(
    case: dict[str, Any],
) -> None:
    html = _page(_signed_in(make_user(Role.CASEWORKER)), case)
    assert 'What is requested: <span class="app-note-text">Cash balances by fund' in html
    assert "Statutory basis: Section 15(5) directions, paragraph 4" in html


def test_a_data_request_with_returns_is_kept_until_its_returns_are_removed(
    case: dict[str, Any],
) -> None:
    client = _signed_in(make_user(Role.CASEWORKER))
    received = engagement.record_data_return(
        case["request"],
        by=case["recorder"],
        due_on=dt.date(2024, 2, 8),
        received_on=dt.date(2024, 2, 9),
    )
    url = _url("staff:record-remove", case, "data-requests", case["request"])
    response = client.post(url, {"version": "1"})
    assert response.status_code == 400
    assert "Remove the returns recorded for this request first" in response.content.decode()
    change = _url("staff:record-change", case, "data-returns", received)
    data = _form(client, change)
    data.update({"received_on-day": "10", "received_on-month": "2", "received_on-year": "2024"})
    assert client.post(change, data).status_code == 302
    received.refresh_from_db()
    assert received.received_on == dt.date(2024, 2, 10)
    remove = _url("staff:record-remove", case, "data-returns", received)
    assert client.post(remove, {"version": str(received.version)}).status_code == 302
    assert client.post(url, {"version": "1"}).status_code == 302
    assert not DataRequest.objects.filter(pk=case["request"].pk).exists()


def test_only_the_department_corrects_what_was_recorded(
    case: dict[str, Any], authority_officer_client: CheckingClient
) -> None:
    url = _url("staff:record-change", case, "engagements", case["meeting"])
    assert authority_officer_client.post(url, {"version": "1"}).status_code == 403
    assert Engagement.objects.filter(pk=case["meeting"].pk).exists()
