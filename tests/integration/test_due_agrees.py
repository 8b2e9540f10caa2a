"""What is due agrees on every channel (issue 14): a varied world of notices, data requests,
inspections, minded-to letters, directions, reports and improvement plans, and the department's
dashboard, each user's due page, the reminders' list, the personal calendar and the public
calendars all list the same obligations with the same dates, each as the domain apps answer
(notices.due, interventions.due, improvement.due)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from icalendar import Calendar

from bestvalue.accounts.roles import Role
from bestvalue.core.jinja import uk_date
from bestvalue.improvement import due as improvement_due
from bestvalue.improvement.services.publication import set_published
from bestvalue.interventions import due as intervention_due
from bestvalue.interventions import services as intervention_services
from bestvalue.interventions.models import ApprovalStatus, Inspection, MindedTo, Report
from bestvalue.notices import due as notice_due
from bestvalue.notices import engagement, reviews
from bestvalue.reminders import services as reminder_services
from bestvalue.reminders.selectors import due_items
from tests.factories import (
    make_action,
    make_board,
    make_directions,
    make_intervention,
    make_issued_notice,
    make_meeting,
    make_officer,
    make_recommendation,
    make_user,
)

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2025, 6, 1)


@pytest.fixture(autouse=True)
def frozen() -> Any:
    cache.clear()
    with time_machine.travel(dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC), tick=False):
        yield


def _approve_reissue(notice: Any, caseworker: Any) -> None:
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=D(2025, 5, 1),
        decision="reissue",
        rationale="Progress, but not enough.",
        assessments=[
            reviews.AssessmentInput(e.pk, "on_track", "Seen.") for e in notice.expectations.all()
        ],
    )
    reviews.approve_review(
        reviews.submit_review(review, by=caseworker), by=make_user(Role.APPROVER)
    )


def _notices(caseworker: Any) -> tuple[dict[str, Any], list[str]]:
    soon = make_issued_notice(caseworker=caseworker, issued_on=D(2024, 6, 10))  # ends 10 Jun 2025
    lapsed = make_issued_notice(caseworker=caseworker, issued_on=D(2024, 5, 1))  # ended 1 May
    decided = make_issued_notice(caseworker=caseworker, issued_on=D(2024, 6, 5))
    _approve_reissue(decided, caseworker)
    # A reissue approved, but the revised notice not issued by the end of the period.
    late = make_issued_notice(caseworker=caseworker, issued_on=D(2024, 5, 15))
    _approve_reissue(late, caseworker)
    weekly = engagement.create_data_request(
        soon,
        by=caseworker,
        title="Weekly cash position",
        requested_on=D(2025, 5, 1),
        first_due_on=D(2025, 5, 16),
        recurrence="weekly",
    )
    engagement.record_data_return(
        weekly, by=caseworker, due_on=D(2025, 5, 23), received_on=D(2025, 5, 23)
    )
    once = engagement.create_data_request(
        lapsed,
        by=caseworker,
        title="Asset disposals",
        requested_on=D(2025, 5, 1),
        first_due_on=D(2025, 6, 12),
        recurrence="once",
    )
    keys = [
        f"notice_review:{soon.pk}:2025-06-10",
        f"notice_review:{lapsed.pk}:2025-05-01",  # overdue: no decision yet
        f"notice_expiry:{decided.pk}:2025-06-05",  # a reissue is approved
        f"notice_expiry:{late.pk}:2025-05-15",
        # 16 and 30 May missed (23 May came in); 6 June the next, and no more.
        f"data_return:{weekly.pk}:2025-05-16",
        f"data_return:{weekly.pk}:2025-05-30",
        f"data_return:{weekly.pk}:2025-06-06",
        f"data_return:{once.pk}:2025-06-12",
    ]
    return {"soon": soon}, keys


def _interventions(caseworker: Any) -> list[str]:
    directions = make_directions(made_on=D(2023, 6, 1), ends_on=D(2025, 3, 31))
    intervention = directions.intervention
    # Extended to 12 June: one end, the extended one (never the original as well).
    make_directions(
        intervention=intervention,
        kind="extension",
        amends=directions,
        made_on=D(2025, 3, 1),
        ends_on=D(2025, 6, 12),
    )
    late = Report.objects.create(
        directions=directions, due_on=D(2025, 5, 20), title="Commissioners' fourth report"
    )
    next_report = Report.objects.create(
        directions=directions, due_on=D(2025, 6, 14), title="Commissioners' fifth report"
    )
    Report.objects.create(
        directions=directions, due_on=D(2025, 2, 20), received_on=D(2025, 2, 19)
    )  # received: due nowhere
    Report.objects.create(
        directions=directions, due_on=D(2025, 5, 25), published_on=D(2025, 5, 28)
    )  # published, though its receipt was not recorded: due nowhere
    extended = intervention_services.record_inspection(
        by=caseworker,
        intervention=intervention,
        announced_on=D(2025, 3, 1),
        report_due_on=D(2025, 5, 30),
    )
    intervention_services.extend_inspection_deadline(
        by=caseworker, inspection=extended, new_deadline_on=D(2025, 6, 9), made_on=D(2025, 5, 20)
    )
    # An intervention that is so far only an inspection: its report is awaited.
    lone = intervention_services.record_inspection(
        by=caseworker,
        intervention=make_intervention(),
        announced_on=D(2025, 4, 1),
        report_due_on=D(2025, 6, 11),
    )
    # A draft letter drafted since shows nothing of the report: it is still awaited.
    intervention_services.draft_minded_to(
        by=caseworker, intervention=lone.intervention, letter_on=D(2025, 5, 30)
    )
    # A letter whose window is open, after an inspection that must have reported.
    other = make_intervention()
    Inspection.objects.create(
        intervention=other, position=1, announced_on=D(2024, 9, 1), report_due_on=D(2025, 1, 31)
    )
    letter = MindedTo.objects.create(
        intervention=other,
        position=2,
        status=ApprovalStatus.ISSUED,
        letter_on=D(2025, 5, 20),
        representations_by=D(2025, 6, 8),
    )
    return [
        f"inspection_report:{extended.pk}:2025-06-09",
        f"inspection_report:{lone.pk}:2025-06-11",
        f"representations:{letter.pk}:2025-06-08",
        f"directions_end:{intervention.pk}:2025-06-12",
        f"intervention_report:{late.pk}:2025-05-20",
        f"intervention_report:{next_report.pk}:2025-06-14",
    ]


def _improvement(authority: Any) -> tuple[dict[str, Any], list[str], list[str]]:
    officer = make_officer(authority, email="officer@example.com")
    overdue = make_action(authority, by=officer, due_on=D(2025, 5, 1))
    published = make_action(
        authority, by=officer, title="Publish the medium-term plan", due_on=D(2025, 6, 10)
    )
    set_published("action", published, by=officer, published=True)
    board = make_board(authority=authority)
    member = make_user(Role.BOARD_MEMBER, board=board)
    meeting = make_meeting(board, by=member, held_on=D(2025, 5, 1))
    # A recommendation is due until the board closes it; it is the board's record, never
    # public, and concerns the board as well as the authority.
    recommendation = make_recommendation(
        meeting, by=member, text="Publish the plan.", due_on=D(2025, 6, 20)
    )
    return (
        {
            "officer": officer,
            "member": member,
            "recommendation_key": recommendation_key(recommendation),
        },
        [f"plan_action:{overdue.pk}:2025-05-01", recommendation_key(recommendation)],
        [f"plan_action:{published.pk}:2025-06-10"],
    )


def recommendation_key(recommendation: Any) -> str:
    return f"recommendation:{recommendation.pk}:2025-06-20"


@pytest.fixture
def world() -> dict[str, Any]:
    caseworker = make_user(Role.CASEWORKER, email="caseworker@example.com")
    people, notice_keys = _notices(caseworker)
    authority = people["soon"].authority
    intervention_keys = _interventions(caseworker)
    more, private_actions, public_actions = _improvement(authority)
    private = {k for k in notice_keys if k.startswith("data_return")} | set(private_actions)
    every = set(notice_keys) | set(intervention_keys) | set(private_actions) | set(public_actions)
    return {
        "caseworker": caseworker,
        "authority": authority,
        **people,
        **more,
        "every": every,
        "public": every - private,
        # The authority's own: its notice's review point and returns, both plan actions.
        "authority_keys": {k for k in notice_keys[:1] + notice_keys[4:7]}
        | set(private_actions)
        | set(public_actions),
    }


def _domain_keys(**scope: Any) -> set[str]:
    found = notice_due.obligations(today=TODAY, **scope)
    found += intervention_due.obligations(today=TODAY, **scope)
    found += improvement_due.obligations(today=TODAY, **scope)
    return {o.key for o in found}


def _signed_in(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def _due_page_keys(client: Any, expected: set[str]) -> set[str]:
    """The obligations on the user's due page, by their anchors ("due-" and the key)."""
    html = client.get("/staff/due/").content.decode()
    anchors = set(re.findall(r'id="(due-[a-z_]+-\d+-\d{4}-\d\d-\d\d)"', html))
    by_anchor = {"due-" + k.replace(":", "-"): k for k in expected}
    assert anchors <= set(by_anchor), anchors - set(by_anchor)
    return {by_anchor[a] for a in anchors}


def _calendar_keys(response: Any) -> set[str]:
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    keys = set()
    for event in events:
        key = str(event["UID"]).removesuffix("@testserver")
        assert key.endswith(event.decoded("DTSTART").isoformat())  # the same date
        keys.add(key)
    assert len(keys) == len(events)  # no event twice
    return keys


def test_due_agrees_the_domain_apps_answer_what_the_world_holds(world: dict[str, Any]) -> None:
    assert _domain_keys() == world["every"]
    assert _domain_keys(published_only=False) == world["every"]
    assert _domain_keys(authority_id=world["authority"].pk) == world["authority_keys"]


def test_due_agrees_on_the_dashboard_with_the_same_dates(
    world: dict[str, Any], client: Any
) -> None:
    html = _signed_in(client, world["caseworker"]).get("/staff/").content.decode()
    shown: dict[str, list[str]] = {}
    for key, text in re.findall(r'data-due-key="([^"]+)"[^>]*>(.*?)</(?:li|span)>', html):
        shown.setdefault(key, []).append(text)
    assert set(shown) == world["every"]
    for key, texts in shown.items():
        on = uk_date(D.fromisoformat(key.rsplit(":", 1)[1]))
        assert all(on in text for text in texts), (key, texts)
    # The awaited inspection reports are counted, not shown as none.
    assert "Inspection reports awaited (2)" in html
    # Overdue on the dashboard exactly when overdue on the due page (and in the reminders).
    overdue = _overdue_keys()
    for key, texts in shown.items():
        if texts[0].startswith("<a "):  # a list item, with its "when"
            assert ("Overdue</strong>" in texts[0]) == (key in overdue), key


def _overdue_keys() -> set[str]:
    return {i.key for i in due_items(TODAY) if i.can_be_overdue and i.due_on < TODAY}


def test_due_agrees_on_each_users_due_page(world: dict[str, Any], client: Any) -> None:
    every = world["every"]
    assert _due_page_keys(_signed_in(client, world["caseworker"]), every) == every
    html = client.get("/staff/due/").content.decode()
    overdue_part = html[html.index("Overdue (") : html.index("Due by ")]
    anchors = {"due-" + k.replace(":", "-") for k in _overdue_keys()}
    assert anchors == set(re.findall(r'id="(due-[^"]+)"', overdue_part))
    assert len(anchors) == 6  # two missed returns, a review, a period end, a report, an action
    client.logout()
    officer = _due_page_keys(_signed_in(client, world["officer"]), every)
    assert officer == world["authority_keys"]
    client.logout()
    # A board member: the public dates of the authority their board oversees, and its board's
    # open recommendations.
    member = _due_page_keys(_signed_in(client, world["member"]), every)
    assert member == (world["authority_keys"] & world["public"]) | {world["recommendation_key"]}


def test_due_agrees_in_the_reminders_list(world: dict[str, Any]) -> None:
    assert {i.key for i in due_items(TODAY)} == world["every"]
    assert {i.key for i in due_items(TODAY, user=world["caseworker"])} == world["every"]
    officer = {i.key for i in due_items(TODAY, user=world["officer"])}
    assert officer == world["authority_keys"]


def test_due_agrees_in_the_personal_and_public_calendars(
    world: dict[str, Any], client: Any
) -> None:
    caseworker = world["caseworker"]
    token = reminder_services.new_calendar_key(caseworker, by=caseworker)
    assert _calendar_keys(client.get(f"/staff/calendar/{token}.ics")) == world["every"]
    assert _calendar_keys(client.get("/register/dates.ics")) == world["public"]
    gss = world["authority"].gss_code
    assert (
        _calendar_keys(client.get(f"/authorities/{gss}/dates.ics"))
        == world["public"] & world["authority_keys"]
    )
