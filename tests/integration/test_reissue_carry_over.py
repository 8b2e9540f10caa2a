"""Open obligations on reissue (issue 14): when a revised notice replaces one in force, the data
requests still open carry to it with their returns, stay due on the dashboard and in reminders
under the same keys, and the old notice's page still shows they were made under it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.notices import engagement, services
from bestvalue.notices.models import DataRequest
from bestvalue.reminders.selectors import due_items
from tests.factories import make_issued_notice, make_user

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2025, 1, 20)


@pytest.fixture(autouse=True)
def frozen() -> Any:
    with time_machine.travel(dt.datetime(2025, 1, 20, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def reissued() -> dict[str, Any]:
    """A notice with a weekly request (one return missed), a settled one-off request, reissued on
    10 January 2025."""
    caseworker = make_user(Role.CASEWORKER)
    old = make_issued_notice(caseworker=caseworker, issued_on=D(2024, 1, 15))
    weekly = engagement.create_data_request(
        old,
        by=caseworker,
        title="Weekly cash position",
        requested_on=D(2024, 12, 1),
        first_due_on=D(2024, 12, 6),
        recurrence="weekly",
    )
    received = [D(2024, 12, 6), D(2024, 12, 13), D(2024, 12, 27)]
    received += [D(2025, 1, 3), D(2025, 1, 10), D(2025, 1, 17)]
    for due_on in received:  # 20 December missed
        engagement.record_data_return(weekly, by=caseworker, due_on=due_on, received_on=due_on)
    settled = engagement.create_data_request(
        old,
        by=caseworker,
        title="Asset register",
        requested_on=D(2024, 6, 1),
        first_due_on=D(2024, 7, 1),
        recurrence="once",
    )
    engagement.record_data_return(
        settled, by=caseworker, due_on=D(2024, 7, 1), received_on=D(2024, 6, 28)
    )
    keys_before = {i.key for i in due_items(TODAY) if i.kind == "data_return"}
    revised = services.submit_for_approval(
        services.start_reissue(old, by=caseworker), by=caseworker
    )
    revised = services.approve_and_issue(
        revised, by=make_user(Role.APPROVER), issued_on=D(2025, 1, 10)
    )
    return {
        "old": old,
        "revised": revised,
        "weekly": weekly,
        "settled": settled,
        "keys_before": keys_before,
    }


def test_open_requests_carry_to_the_revised_notice_with_their_returns(
    reissued: dict[str, Any],
) -> None:
    weekly = DataRequest.objects.get(pk=reissued["weekly"].pk)
    assert weekly.notice_id == reissued["revised"].pk
    assert weekly.made_under_id == reissued["old"].pk
    assert weekly.returns.count() == 6
    event = AuditEvent.objects.get(action="data_request.carried")
    assert event.object_id == str(weekly.pk)
    assert event.before["notice"] == reissued["old"].pk
    assert event.after["notice"] == reissued["revised"].pk


def test_a_settled_request_stays_with_the_old_notice(reissued: dict[str, Any]) -> None:
    settled = DataRequest.objects.get(pk=reissued["settled"].pk)
    assert settled.notice_id == reissued["old"].pk
    assert settled.made_under_id is None


def test_the_returns_still_owed_are_reminded_as_before(reissued: dict[str, Any]) -> None:
    items = [i for i in due_items(TODAY) if i.kind == "data_return"]
    # 20 December was missed; 24 January is the next. The keys are those reminded before the
    # reissue, so no reminder is sent twice; the page is the revised notice's.
    assert {i.key for i in items} == reissued["keys_before"]
    assert [i.due_on for i in items] == [D(2024, 12, 20), D(2025, 1, 24)]
    revised_page = reverse("staff:notice", kwargs={"pk": reissued["revised"].pk})
    assert {i.staff_path for i in items} == {revised_page}
    assert {i.detail for i in items} == {
        f"Asked for under best value notice {reissued['revised'].reference} (weekly)."
    }


def test_the_dashboard_shows_the_carried_request(
    reissued: dict[str, Any], caseworker_client: Any
) -> None:
    html = caseworker_client.get("/staff/").content.decode()
    weekly = reissued["weekly"]
    revised_page = reverse("staff:notice", kwargs={"pk": reissued["revised"].pk})
    for due_on in ("2024-12-20", "2025-01-24"):
        start = html.index(f'data-due-key="data_return:{weekly.pk}:{due_on}"')
        row = html[start : html.index("</li>", start)]
        assert f'href="{revised_page}"' in row
        assert "Weekly cash position" in row


def test_both_notices_pages_show_where_the_request_was_made_and_where_it_is_now(
    reissued: dict[str, Any], caseworker_client: Any
) -> None:
    old, revised = reissued["old"], reissued["revised"]
    revised_html = caseworker_client.get(
        reverse("staff:notice", kwargs={"pk": revised.pk})
    ).content.decode()
    revised_requests = revised_html[revised_html.index('id="data-requests"') :]
    assert "Weekly cash position" in revised_requests
    assert f"Made under {_link(old.pk, 'notice ' + old.reference)}" in revised_requests
    assert "Asset register" not in revised_requests
    old_html = caseworker_client.get(
        reverse("staff:notice", kwargs={"pk": old.pk})
    ).content.decode()
    old_requests = old_html[old_html.index('id="data-requests"') :]
    assert "Asset register" in old_requests
    carried = old_requests[old_requests.index('id="data-requests-carried"') :]
    assert "Weekly cash position" in carried
    assert _link(revised.pk, "notice " + revised.reference) in carried


def _link(pk: int, text: str) -> str:
    return f'<a class="govuk-link" href="{reverse("staff:notice", kwargs={"pk": pk})}">{text}</a>'
