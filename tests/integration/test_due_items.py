"""What falls due: every dated obligation from one selector, who each concerns, and the real
record's notices in force shown as overdue review points."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.authorities.services import load_authorities
from bestvalue.interventions.models import (
    ApprovalStatus,
    Inspection,
    InspectionExtension,
    InterventionStatus,
    MindedTo,
    Report,
)
from bestvalue.notices import engagement, reviews
from bestvalue.notices.models import Notice
from bestvalue.reminders import services
from bestvalue.reminders.rules import Kind
from bestvalue.reminders.selectors import due_items
from tests.factories import (
    make_action,
    make_authority,
    make_board,
    make_directions,
    make_draft_notice,
    make_intervention,
    make_issued_notice,
    make_user,
)

pytestmark = pytest.mark.django_db

D = dt.date
TODAY = D(2025, 3, 1)


def _keys(items: list[Any]) -> list[str]:
    return [i.key for i in items]


def _of(kind: Kind, items: list[Any]) -> list[Any]:
    return [i for i in items if i.kind == kind]


def test_a_notice_in_force_has_its_review_point_at_the_end_of_its_period() -> None:
    notice = make_issued_notice(issued_on=D(2024, 6, 1))
    (item,) = due_items(TODAY)
    assert item.kind == Kind.NOTICE_REVIEW
    assert item.due_on == D(2025, 6, 1)
    assert item.key == f"notice_review:{notice.pk}:2025-06-01"
    assert item.title == f"Review point: best value notice {notice.reference} to " + (
        notice.authority.official_name
    )
    assert item.staff_path == reverse("staff:notice", kwargs={"pk": notice.pk})
    assert item.public_path == reverse("register:notice", kwargs={"reference": notice.reference})


def test_once_a_reissue_is_approved_the_date_is_the_end_of_the_period_not_a_review() -> None:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_issued_notice(caseworker=caseworker, issued_on=D(2024, 6, 1))
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=D(2025, 2, 1),
        decision="reissue",
        rationale="Progress, but not enough.",
        assessments=[
            reviews.AssessmentInput(e.pk, "on_track", "Seen.") for e in notice.expectations.all()
        ],
    )
    reviews.approve_review(
        reviews.submit_review(review, by=caseworker), by=make_user(Role.APPROVER)
    )
    (item,) = due_items(TODAY)
    assert item.kind == Kind.NOTICE_EXPIRY
    assert item.title.startswith("End of period: best value notice")


def test_ended_and_draft_notices_have_no_dates() -> None:
    notice = make_issued_notice()
    Notice.objects.filter(pk=notice.pk).update(status="withdrawn", ended_on=D(2024, 3, 1))
    make_draft_notice()
    assert due_items(TODAY) == []


def test_data_returns_overdue_and_the_next_one_are_due() -> None:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_issued_notice(caseworker=caseworker, issued_on=D(2024, 6, 1))
    request = engagement.create_data_request(
        notice,
        by=caseworker,
        title="Weekly cash position",
        requested_on=D(2025, 2, 1),
        first_due_on=D(2025, 2, 7),
        recurrence="weekly",
    )
    engagement.record_data_return(
        request, by=caseworker, due_on=D(2025, 2, 14), received_on=D(2025, 2, 14)
    )
    returns = _of(Kind.DATA_RETURN, due_items(TODAY))
    # 7, 21 and 28 Feb were missed (14 Feb came in); 7 Mar is the next to come, and no more.
    assert [i.due_on for i in returns] == [
        D(2025, 2, 7),
        D(2025, 2, 21),
        D(2025, 2, 28),
        D(2025, 3, 7),
    ]
    assert (
        returns[0].title
        == f"Data return due: Weekly cash position, {notice.authority.official_name}"
    )


def _inspection(**overrides: Any) -> Inspection:
    values: dict[str, Any] = {
        "position": 1,
        "announced_on": D(2024, 10, 1),
        "report_due_on": D(2025, 1, 31),
    }
    values.update(overrides)
    if "intervention" not in values:
        values["intervention"] = make_intervention()
    return Inspection.objects.create(**values)


def test_an_inspection_report_is_due_on_its_deadline_after_extensions() -> None:
    inspection = _inspection()
    InspectionExtension.objects.create(
        inspection=inspection,
        position=1,
        extends_deadline_on=D(2025, 1, 31),
        new_deadline_on=D(2025, 4, 30),
    )
    (item,) = due_items(TODAY)
    assert (item.kind, item.due_on) == (Kind.INSPECTION_REPORT, D(2025, 4, 30))
    assert item.detail.endswith("after 1 extension.")


def test_an_inspection_report_submitted_or_followed_by_a_minded_to_letter_is_not_due() -> None:
    _inspection(report_submitted_on=D(2025, 1, 30))
    followed = _inspection()
    MindedTo.objects.create(
        intervention=followed.intervention,
        position=2,
        letter_on=D(2025, 2, 10),
        status=ApprovalStatus.ISSUED,
    )
    _inspection(intervention=make_intervention(status=InterventionStatus.ENDED))
    assert _of(Kind.INSPECTION_REPORT, due_items(TODAY)) == []


def test_a_representation_window_is_due_while_open_and_never_overdue() -> None:
    intervention = make_intervention()
    MindedTo.objects.create(
        intervention=intervention,
        position=1,
        letter_on=D(2025, 2, 20),
        representations_by=D(2025, 3, 6),
        status=ApprovalStatus.ISSUED,
    )
    MindedTo.objects.create(
        intervention=intervention,
        position=2,
        letter_on=D(2025, 2, 21),
        representations_by=D(2025, 3, 7),
        status=ApprovalStatus.DRAFT,
    )
    (item,) = due_items(TODAY)
    assert (item.kind, item.due_on, item.can_be_overdue) == (
        Kind.REPRESENTATIONS,
        D(2025, 3, 6),
        False,
    )
    assert due_items(D(2025, 3, 7)) == []


def test_directions_end_on_their_last_extended_day() -> None:
    directions = make_directions(made_on=D(2023, 1, 1), ends_on=D(2025, 12, 31))
    make_directions(
        intervention=directions.intervention,
        kind="extension",
        made_on=D(2025, 1, 10),
        ends_on=D(2026, 6, 30),
    )
    ends = _of(Kind.DIRECTIONS_END, due_items(TODAY))
    assert [(i.due_on, i.can_be_overdue) for i in ends] == [(D(2026, 6, 30), False)]
    assert _of(Kind.DIRECTIONS_END, due_items(D(2026, 7, 1))) == []


def test_reports_scheduled_under_directions_are_due_until_received() -> None:
    directions = make_directions()
    Report.objects.create(directions=directions, due_on=D(2024, 10, 1), received_on=D(2024, 9, 30))
    Report.objects.create(directions=directions, due_on=D(2025, 4, 1), title="Second report")
    reports = _of(Kind.INTERVENTION_REPORT, due_items(TODAY))
    assert [(i.due_on, i.detail) for i in reports] == [
        (D(2025, 4, 1), "Second report from those appointed under the directions is due.")
    ]


def test_plan_actions_due_come_from_the_improvement_plan() -> None:
    notice = make_issued_notice(issued_on=D(2024, 6, 1))
    action = make_action(notice.authority, due_on=D(2025, 2, 1))
    (item,) = _of(Kind.PLAN_ACTION, due_items(TODAY))
    assert item.due_on == D(2025, 2, 1)
    assert item.title == f"Improvement plan action {action.number} due: {action.title}, " + (
        notice.authority.official_name
    )
    assert item.authority_path == reverse("staff:improvement-action", kwargs={"pk": action.pk})


def test_each_user_sees_what_concerns_them() -> None:
    ours, theirs = make_authority(), make_authority()
    ours_notice = make_issued_notice(authority=ours, issued_on=D(2024, 6, 1))
    caseworker = make_user(Role.CASEWORKER)
    make_issued_notice(authority=theirs, issued_on=D(2024, 7, 1))
    request = engagement.create_data_request(
        ours_notice,
        by=caseworker,
        title="Monthly budget",
        requested_on=D(2025, 2, 1),
        first_due_on=D(2025, 3, 15),
        recurrence="once",
    )
    everything = due_items(TODAY)
    assert len(everything) == 3
    assert len(due_items(TODAY, user=caseworker)) == 3
    assert len(due_items(TODAY, user=make_user(Role.APPROVER))) == 3
    officer = make_user(Role.AUTHORITY_OFFICER, authority=ours)
    assert _keys(due_items(TODAY, user=officer)) == [
        f"data_return:{request.pk}:2025-03-15",
        f"notice_review:{ours_notice.pk}:2025-06-01",
    ]
    # A board member: the public dates of the authority their board oversees, not the data
    # returns between the department and the authority.
    member = make_user(Role.BOARD_MEMBER, board=make_board(authority=ours))
    assert _keys(due_items(TODAY, user=member)) == [f"notice_review:{ours_notice.pk}:2025-06-01"]
    assert due_items(TODAY, user=make_user(Role.BOARD_MEMBER)) == []
    assert due_items(TODAY, user=make_user(Role.AUTHORITY_OFFICER)) == []
    assert due_items(TODAY, user=make_user(Role.ADMINISTRATOR)) == []


def test_kinds_a_user_turned_off_are_left_out() -> None:
    caseworker = make_user(Role.CASEWORKER)
    make_issued_notice(issued_on=D(2024, 6, 1))
    make_directions(made_on=D(2024, 1, 1), ends_on=D(2026, 1, 1))
    services.update_preferences(caseworker, by=caseworker, email=True, kinds=[Kind.DIRECTIONS_END])
    assert [i.kind for i in due_items(TODAY, user=caseworker)] == [Kind.DIRECTIONS_END]


def test_the_list_costs_the_same_queries_however_many_records() -> None:
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            due_items(TODAY)
        return len(queries)

    make_issued_notice(issued_on=D(2024, 6, 1))
    make_directions()
    _inspection()
    first = count()
    for _ in range(3):
        make_issued_notice(issued_on=D(2024, 6, 1))
        Report.objects.create(directions=make_directions(), due_on=D(2025, 4, 1))
        _inspection()
    assert count() == first


def test_the_real_record_shows_the_notices_in_force_as_overdue_review_points(
    caseworker_client: Any,
) -> None:
    load_authorities()
    call_command("load_register", verbosity=0)
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC), tick=False):
        from bestvalue.core import clock

        reviews_due = _of(Kind.NOTICE_REVIEW, due_items(clock.today()))
        page = caseworker_client.get(reverse("staff:home")).content.decode()
    names = [i.authority_name for i in reviews_due]
    assert names == [
        "Tees Valley Combined Authority",
        "Cheshire East Council",
        "London Borough of Newham",
        "Dudley Metropolitan Borough Council",
    ]
    assert [i.due_on for i in reviews_due] == [
        D(2026, 4, 3),
        D(2026, 5, 8),
        D(2026, 5, 8),
        D(2026, 7, 17),
    ]
    next_dates = page[page.index('id="next-dates"') : page.index("Awaiting approval")]
    for name, overdue_by in [
        ("Tees Valley Combined Authority", "236 days"),
        ("Cheshire East Council", "201 days"),
        ("London Borough of Newham", "201 days"),
        ("Dudley Metropolitan Borough Council", "131 days"),
    ]:
        assert f"Review point: {name}" in next_dates
        assert f"Overdue</strong> by {overdue_by}" in next_dates
