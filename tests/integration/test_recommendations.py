"""Recommendations as things to act on (issue 18.6): the board makes one with a due date, an owner
and the expectation it concerns; the authority responds and links the plan actions that answer
it; only the board closes it, with a note; a closed one cannot be changed; a stale form is
refused; every change is in the audit log; open ones are in "What is due" and reminded once."""

from __future__ import annotations

import datetime as dt
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.improvement import due
from bestvalue.improvement.errors import FieldRefused
from bestvalue.improvement.models import Recommendation
from bestvalue.improvement.services import recommendations as service
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.notices.obligations import Kind
from bestvalue.reminders import sources
from bestvalue.reminders.models import Reminder
from bestvalue.reminders.rules import ANNOUNCED, MADE, reminder_stage
from tests.clients import CheckingClient
from tests.factories import (
    make_action,
    make_board,
    make_issued_notice,
    make_meeting,
    make_officer,
    make_recommendation,
    make_user,
)

pytestmark = pytest.mark.django_db
D = dt.date
MEETING_ON = D(2024, 3, 1)  # make_meeting's date
DUE_ON = D(2024, 5, 30)  # make_recommendation's: 90 days after the meeting


@pytest.fixture
def world() -> dict[str, Any]:
    notice = make_issued_notice(expectations=["Keep the board.", "Implement the plan."])
    board = make_board(authority=notice.authority)
    member = make_user(Role.BOARD_MEMBER, board=board, email="member@board.example")
    officer = make_officer(notice.authority, email="officer@council.example")
    meeting = make_meeting(board, by=member)
    return {
        "notice": notice,
        "board": board,
        "member": member,
        "officer": officer,
        "meeting": meeting,
        "recommendation": make_recommendation(meeting, by=member),
    }


def _on(day: dt.date) -> Any:
    return time_machine.travel(dt.datetime.combine(day, dt.time(9, 0), tzinfo=dt.UTC), tick=False)


def _close(world: dict[str, Any], **overrides: Any) -> Recommendation:
    rec = world["recommendation"]
    values: dict[str, Any] = {
        "by": world["member"],
        "version": rec.version,
        "closed_on": D(2024, 6, 1),
        "closing_note": "Done: the plan is published.",
    }
    values.update(overrides)
    return service.close_recommendation(rec, **values)


def _respond(world: dict[str, Any], **overrides: Any) -> Recommendation:
    rec = Recommendation.objects.get(pk=world["recommendation"].pk)
    values: dict[str, Any] = {
        "by": world["officer"],
        "version": rec.version,
        "status": "accepted",
        "response": "We will publish it.",
        "owner": "Head of Policy",
        "responded_on": D(2024, 3, 10),
    }
    values.update(overrides)
    return service.respond_to_recommendation(rec, **values)


def test_a_recommendation_has_a_due_date_an_owner_and_an_expectation(world: Any) -> None:
    rec = world["recommendation"]
    rec.refresh_from_db()
    first = world["notice"].expectations.get(position=1)
    assert (rec.due_on, rec.owner, rec.expectation_id) == (DUE_ON, "Chief Executive", first.pk)
    event = AuditEvent.objects.get(action="improvement.board.recommendation_made")
    assert event.after["due_on"] == "2024-05-30"
    assert event.after["expectation"] == first.pk


def test_a_due_date_before_the_meeting_is_refused_and_nothing_is_made(world: Any) -> None:
    with pytest.raises(FieldRefused, match="must be on or after the date of the meeting") as err:
        make_recommendation(world["meeting"], by=world["member"], due_on=D(2024, 2, 1))
    assert err.value.field == "due_on"
    assert Recommendation.objects.count() == 1


def test_an_expectation_of_another_authority_is_refused(world: Any) -> None:
    foreign = make_issued_notice().expectations.first()
    with pytest.raises(ValueError, match="Choose expectations from the notices to this authority"):
        make_recommendation(world["meeting"], by=world["member"], expectation_id=foreign.pk)
    assert Recommendation.objects.count() == 1


def test_the_authority_responds_and_links_the_actions_that_answer_it(world: Any) -> None:
    action = make_action(world["notice"].authority, by=world["officer"])
    rec = _respond(world, action_ids=[action.pk])
    assert list(rec.actions.all()) == [action]
    event = AuditEvent.objects.get(action="improvement.board.recommendation_answered")
    assert (event.before["actions"], event.after["actions"]) == ([], [action.pk])


def test_an_action_of_another_authoritys_plan_is_refused(world: Any) -> None:
    other = make_issued_notice().authority
    foreign = make_action(other, by=make_officer(other))
    with pytest.raises(FieldRefused, match="Choose actions from the authority's own plan"):
        _respond(world, action_ids=[foreign.pk])
    rec = Recommendation.objects.get(pk=world["recommendation"].pk)
    assert (rec.status, rec.actions.count()) == ("awaiting_response", 0)


def test_only_the_board_closes_a_recommendation(world: Any) -> None:
    for stranger in (
        world["officer"],
        make_user(Role.APPROVER),
        make_user(Role.BOARD_MEMBER, board=make_board()),
    ):
        with pytest.raises(NotAllowed):
            _close(world, by=stranger)
    assert Recommendation.objects.get(pk=world["recommendation"].pk).closed_on is None
    rec = _close(world)
    assert (rec.closed_on, rec.closing_note, rec.closed_by) == (
        D(2024, 6, 1),
        "Done: the plan is published.",
        world["member"],
    )
    event = AuditEvent.objects.get(action="improvement.board.recommendation_closed")
    assert (event.before["closed_on"], event.after["closed_on"]) == (None, "2024-06-01")
    assert event.after["closing_note"] == "Done: the plan is published."


def test_a_closing_note_that_says_nothing_is_refused(world: Any) -> None:
    with pytest.raises(ValueError, match="Enter the board's closing note"):
        _close(world, closing_note="n/a")
    assert Recommendation.objects.get(pk=world["recommendation"].pk).closed_on is None


def test_a_closed_recommendation_cannot_be_changed_answered_or_closed_again(world: Any) -> None:
    closed = _close(world)
    message = "This recommendation was closed on 1 June 2024, so it cannot be changed"
    with pytest.raises(ValueError, match=message):
        _respond(world)
    with pytest.raises(ValueError, match=message):
        _close(world, version=closed.version)
    with pytest.raises(ValueError, match=message):
        service.change_recommendation(
            closed,
            by=world["member"],
            version=closed.version,
            text="Something else.",
            due_on=DUE_ON,
            owner="Leader",
            expectation_id=closed.expectation_id,
        )
    after = Recommendation.objects.get(pk=closed.pk)
    assert (after.version, after.status, after.text) == (
        closed.version,
        "awaiting_response",
        "Publish the plan.",
    )


def test_stale_edits_are_refused(world: Any) -> None:
    rec = world["recommendation"]
    stale = rec.version
    service.change_recommendation(
        rec,
        by=world["member"],
        version=stale,
        text="Publish the whole plan.",
        due_on=D(2024, 6, 30),
        owner="Chief Executive",
        expectation_id=rec.expectation_id,
    )
    with pytest.raises(StaleEdit):
        _close(world, version=stale)
    with pytest.raises(StaleEdit):
        _respond(world, version=stale)
    after = Recommendation.objects.get(pk=rec.pk)
    assert (after.closed_on, after.status, after.due_on) == (
        None,
        "awaiting_response",
        D(2024, 6, 30),
    )
    changed = AuditEvent.objects.get(action="improvement.board.recommendation_changed")
    assert (changed.before["due_on"], changed.after["due_on"]) == ("2024-05-30", "2024-06-30")


def test_open_recommendations_are_in_what_is_due_until_the_board_closes_them(world: Any) -> None:
    rec = world["recommendation"]
    (found,) = [o for o in due.obligations(today=D(2024, 6, 1)) if o.kind == Kind.RECOMMENDATION]
    assert (found.record_id, found.due_on, found.is_overdue(D(2024, 6, 1))) == (
        rec.pk,
        DUE_ON,
        True,
    )
    assert found.title == (
        f"Board recommendation 1 due: Publish the plan., {world['notice'].authority.official_name}"
    )
    assert found.detail == "Owner: Chief Executive. Status: awaiting the authority's response."
    assert not [
        o
        for o in due.obligations(today=D(2024, 6, 1), published_only=True)
        if o.kind == Kind.RECOMMENDATION
    ]
    (item,) = [i for i in sources.due_items(D(2024, 6, 1)) if i.kind == Kind.RECOMMENDATION]
    page = reverse("staff:recommendation", kwargs={"pk": rec.pk})
    assert (item.staff_path, item.authority_path, item.public_path) == (page, page, "")
    _close(world)
    assert not [o for o in due.obligations(today=D(2024, 6, 1)) if o.kind == Kind.RECOMMENDATION]


def _remind(day: dt.date) -> str:
    out = StringIO()
    with _on(day):
        call_command("remind", stdout=out)
    return out.getvalue()


def _recommendation_mail(to: str) -> list[Any]:
    return [m for m in mail.outbox if to in m.to and "Board recommendation 1" in m.body]


def test_the_authority_and_the_board_are_reminded_once_before_it_falls_due(world: Any) -> None:
    # 30 days before the due date: the first reminder, to the officer and the board member.
    _remind(D(2024, 4, 30))
    _remind(D(2024, 4, 30))  # a second run the same day sends nothing again
    for to in ("officer@council.example", "member@board.example"):
        (message,) = _recommendation_mail(to)
        assert "Board recommendation 1 due: Publish the plan." in message.body
        assert "Due in 30 days: 30 May 2024" in message.body
    officer_mail = _recommendation_mail("officer@council.example")[0]
    page = reverse("staff:recommendation", kwargs={"pk": world["recommendation"].pk})
    assert page in officer_mail.body
    key = f"recommendation:{world['recommendation'].pk}:2024-05-30"
    assert Reminder.objects.filter(item_key=key, lead_days=30).count() == 2


def test_a_closed_recommendation_is_not_reminded(world: Any) -> None:
    _close(world, closed_on=D(2024, 4, 1))
    _remind(D(2024, 4, 30))
    assert not _recommendation_mail("officer@council.example")
    assert not Reminder.objects.filter(kind=Kind.RECOMMENDATION).exists()


# --- The pages ---------------------------------------------------------------------------


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def test_the_board_closes_it_on_its_page_and_the_officer_cannot(world: Any) -> None:
    rec = world["recommendation"]
    url = reverse("staff:recommendation-close", kwargs={"pk": rec.pk})
    form = {
        "version": str(rec.version),
        "closing_note": "Done.",
        "closed_on-day": "1",
        "closed_on-month": "6",
        "closed_on-year": "2024",
    }
    assert _client(world["officer"]).post(url, form).status_code == 403
    blank = _client(world["member"]).post(url, {**form, "closing_note": ""})
    assert blank.status_code == 400
    assert "Enter the board&#39;s closing note" in blank.content.decode()
    response = _client(world["member"]).post(url, form)
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:recommendation", kwargs={"pk": rec.pk})
    page = _client(world["officer"]).get(response["Location"]).content.decode()
    assert "Closed by the board" in page
    assert "A closed recommendation cannot be changed." in page
    assert "Respond</a>" not in page


def test_a_stale_close_form_is_refused_with_the_users_note_kept(world: Any) -> None:
    rec = world["recommendation"]
    _respond(world)
    response = _client(world["member"]).post(
        reverse("staff:recommendation-close", kwargs={"pk": rec.pk}),
        {
            "version": str(rec.version),
            "closing_note": "Done at last.",
            "closed_on-day": "1",
            "closed_on-month": "6",
            "closed_on-year": "2024",
        },
    )
    assert response.status_code == 409
    assert "Done at last." in response.content.decode()
    assert Recommendation.objects.get(pk=rec.pk).closed_on is None


def test_the_board_makes_one_on_its_form_with_every_part(world: Any) -> None:
    expectation = world["notice"].expectations.get(position=2)
    url = reverse("staff:board-recommendation-new", kwargs={"pk": world["meeting"].pk})
    page = _client(world["member"]).get(url).content.decode()
    token = page.split('name="form_token" value="')[1].split('"')[0]
    response = _client(world["member"]).post(
        url,
        {
            "form_token": token,
            "text": "Set a budget.",
            "due_on-day": "1",
            "due_on-month": "2",
            "due_on-year": "2024",
            "owner": "Section 151 officer",
            "expectation_id": str(expectation.pk),
        },
    )
    assert response.status_code == 400
    assert "must be on or after the date of the meeting, 1 March 2024" in response.content.decode()
    assert Recommendation.objects.count() == 1


def test_the_dashboard_links_a_due_recommendation_to_its_page(world: Any) -> None:
    rec = world["recommendation"]
    with _on(D(2024, 5, 1)):
        html = _client(make_user(Role.CASEWORKER)).get(reverse("staff:home")).content.decode()
    part = html[html.index("Board recommendations overdue or due in the next 30 days (1)") :]
    assert f'href="{reverse("staff:recommendation", kwargs={"pk": rec.pk})}"' in part
    assert "Recommendation 1 of Improvement Board, 30 May 2024" in part


def test_the_authority_is_told_by_email_when_a_recommendation_is_made(world: Any) -> None:
    # Made on 1 March, due 30 May: no lead time (30, 14, 3 days) is reached on the day after,
    # yet the first run tells the officer and the board member, once.
    _remind(D(2024, 3, 2))
    _remind(D(2024, 3, 2))
    _remind(D(2024, 3, 9))
    for to in ("officer@council.example", "member@board.example"):
        (message,) = _recommendation_mail(to)
        assert message.subject.endswith(": new, due in 89 days")
        assert "New. Due in 89 days: 30 May 2024" in message.body
    key = f"recommendation:{world['recommendation'].pk}:2024-05-30"
    assert Reminder.objects.filter(item_key=key, lead_days=MADE).count() == 2
    # It is still reminded as it falls due.
    _remind(D(2024, 4, 30))
    assert len(_recommendation_mail("officer@council.example")) == 2


def test_reminder_stage_announces_only_kinds_told_when_made() -> None:
    leads = (30, 14, 3)
    far, near = D(2024, 5, 30), D(2024, 3, 20)
    today = D(2024, 3, 2)
    assert reminder_stage(far, today, leads, can_be_overdue=True, announced=True) == MADE
    assert reminder_stage(far, today, leads, can_be_overdue=True) is None
    assert reminder_stage(near, today, leads, can_be_overdue=True, announced=True) == 30
    assert Kind.RECOMMENDATION in ANNOUNCED
