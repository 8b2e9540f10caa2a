"""One submission, one record (issue 13.7): every improvement create form carries a one-time
token, so the same POST sent twice (back button then Save, a second click) makes one record; the
second lands on the record the first made, with a message. Submit buttons prevent double clicks.
And each action, measure and evidence page shows the record's history from the audit log."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.improvement.models import (
    AssuranceStatement,
    Evidence,
    Measure,
    Meeting,
    PlanAction,
    ProgressUpdate,
    Reading,
    Recommendation,
)
from bestvalue.improvement.services import measures, plan
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


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def _hidden(html: str) -> dict[str, str]:
    return dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))


@pytest.fixture
def world() -> dict[str, Any]:
    notice = make_issued_notice()
    authority = notice.authority
    officer = make_officer(authority)
    board = make_board(authority=authority)
    member = make_user(Role.BOARD_MEMBER, board=board)
    meeting = make_meeting(board, by=member)
    return {
        "notice": notice,
        "authority": authority,
        "officer": officer,
        "member": member,
        "board": board,
        "meeting": meeting,
        "action": make_action(authority, by=officer),
        "measure": make_measure(authority, by=officer),
        "recommendation": make_recommendation(meeting, by=member, text="Publish it."),
    }


def _cases(w: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any], Callable[[], int]]]:
    """Each create form: its address, who fills it in, what they send, and how many records of
    its kind there are."""
    gss, expectation = w["authority"].gss_code, w["notice"].expectations.all()[0]
    return {
        "action": (
            reverse("staff:improvement-action-new", kwargs={"gss_code": gss}),
            "officer",
            {
                "title": "Publish the plan",
                "owner": "Chief Executive",
                "status": "on_track",
                **_date("due_on", dt.date(2025, 3, 31)),
                "expectation_ids": [expectation.pk],
                "theme_keys": ["leadership"],
            },
            PlanAction.objects.count,
        ),
        "update": (
            reverse("staff:improvement-action-progress", kwargs={"pk": w["action"].pk}),
            "officer",
            {**_date("written_on", dt.date(2024, 5, 1)), "status": "on_track", "text": "Begun."},
            ProgressUpdate.objects.count,
        ),
        "measure": (
            reverse("staff:improvement-measure-new", kwargs={"gss_code": gss}),
            "officer",
            {
                "name": "Sickness absence",
                "definition": "Days lost per employee.",
                "unit": "days",
                "direction": "lower",
                "baseline_value": "10",
                **_date("baseline_on", dt.date(2024, 1, 1)),
                "target_value": "8",
                **_date("target_on", dt.date(2025, 1, 1)),
                "expectation_ids": [expectation.pk],
            },
            Measure.objects.count,
        ),
        "reading": (
            reverse("staff:improvement-reading-new", kwargs={"pk": w["measure"].pk}),
            "officer",
            {**_date("taken_on", dt.date(2024, 6, 1)), "value": "58", "source": "Survey"},
            Reading.objects.count,
        ),
        "evidence": (
            reverse("staff:improvement-evidence-new", kwargs={"gss_code": gss}),
            "officer",
            {
                "title": "Cabinet report",
                **_date("effective_on", dt.date(2024, 4, 1)),
                "url": "https://example.org/report",
            },
            Evidence.objects.count,
        ),
        "meeting": (
            reverse("staff:board-meeting-new", kwargs={"pk": w["board"].pk}),
            "member",
            {
                **_date("held_on", dt.date(2024, 5, 1)),
                "minutes": "The board met.",
                f"rating_{expectation.pk}": "limited",
                f"narrative_{expectation.pk}": "Slow progress.",
            },
            lambda: Meeting.objects.count() + AssuranceStatement.objects.count(),
        ),
        "recommendation": (
            reverse("staff:board-recommendation-new", kwargs={"pk": w["meeting"].pk}),
            "member",
            {
                "text": "Appoint a permanent monitoring officer.",
                **_date("due_on", dt.date(2024, 6, 1)),
                "owner": "Chief Executive",
                "expectation_id": str(expectation.pk),
            },
            Recommendation.objects.count,
        ),
        "response": (
            reverse("staff:board-recommendation-respond", kwargs={"pk": w["recommendation"].pk}),
            "officer",
            {
                "status": "accepted",
                "response": "We will.",
                "owner": "Chief Executive",
                **_date("responded_on", dt.date(2024, 3, 2)),
            },
            lambda: Recommendation.objects.filter(responded_on__isnull=False).count(),
        ),
    }


@pytest.mark.parametrize(
    "kind",
    ["action", "update", "measure", "reading", "evidence", "meeting", "recommendation", "response"],
)
def test_the_same_post_twice_makes_one_record(world: dict[str, Any], kind: str) -> None:
    url, who, data, count = _cases(world)[kind]
    client = _client(world[who])
    page = client.get(url).content.decode()
    hidden = _hidden(page)
    assert hidden.get("form_token"), "the create form carries no one-time token"
    assert 'data-prevent-double-click="true"' in page
    before = count()
    first = client.post(url, {**hidden, **data})
    assert first.status_code == 302, first.content.decode()[:2000]
    made = count()
    assert made > before
    again = client.post(url, {**hidden, **data})
    assert again.status_code == 302
    assert again["Location"].split("#")[0] == first["Location"].split("#")[0]
    assert count() == made
    landed = client.get(again["Location"]).content.decode()
    assert "This form was already sent, so nothing new was made." in landed


def test_each_record_page_shows_its_history(world: dict[str, Any]) -> None:
    officer, action, measure = world["officer"], world["action"], world["measure"]
    plan.record_progress(
        action,
        by=officer,
        version=action.version,
        written_on=dt.date(2024, 5, 1),
        status="at_risk",
        text="Recruitment paused.",
    )
    measures.record_reading(
        measure, by=officer, taken_on=dt.date(2024, 6, 1), value=Decimal(57), source="Survey"
    )
    client = _client(officer)
    html = client.get(reverse("staff:improvement-action", kwargs={"pk": action.pk})).content
    history = html.decode().split('id="history"')[1]
    assert "Progress recorded" in history
    assert "Added" in history
    assert "Recruitment paused." in history
    html = client.get(reverse("staff:improvement-measure", kwargs={"pk": measure.pk})).content
    history = html.decode().split('id="history"')[1]
    assert "Recorded" in history
    assert "Added" in history
