"""The improvement board's record through its services: members, meetings with assurance, and
recommendations numbered in the board's record with the authority's responses."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.improvement.models import Meeting, Recommendation
from bestvalue.improvement.services import boards, recommendations
from bestvalue.notices.errors import NotAllowed, StaleEdit
from tests.factories import (
    make_board,
    make_issued_notice,
    make_meeting,
    make_officer,
    make_recommendation,
    make_user,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def board() -> Any:
    notice = make_issued_notice(expectations=["Keep the board.", "Implement the plan."])
    return make_board(authority=notice.authority)


def _member(board: Any) -> Any:
    return make_user(Role.BOARD_MEMBER, board=board)


def test_recommendations_are_numbered_in_each_boards_record(board: Any) -> None:
    member = _member(board)
    first, second = (
        make_meeting(board, by=member),
        make_meeting(board, by=member, held_on=D(2024, 4, 1)),
    )
    numbers = [
        make_recommendation(meeting, by=member, text=f"Do {n}.").number
        for n, meeting in enumerate([first, second, second])
    ]
    other = make_board(authority=board.authority, name="Panel")
    assert numbers == [1, 2, 3]
    assert make_recommendation(make_meeting(other), by=_member(other), text="X.").number == 1


def test_a_member_of_another_board_cannot_record_a_meeting(board: Any) -> None:
    stranger = _member(make_board())
    with pytest.raises(NotAllowed):
        boards.record_meeting(board, by=stranger, held_on=D(2024, 3, 1), minutes="Met.")
    assert not Meeting.objects.exists()


def test_a_meeting_cannot_be_recorded_before_it_happens(board: Any) -> None:
    with pytest.raises(ValueError, match="must be today or in the past"):
        boards.record_meeting(board, by=_member(board), held_on=D(2999, 1, 1), minutes="Met.")


def test_assurance_is_only_for_the_authoritys_own_expectations(board: Any) -> None:
    foreign = make_issued_notice().expectations.get()
    with pytest.raises(ValueError, match="Choose expectations from the notices to this authority"):
        boards.record_meeting(
            board,
            by=_member(board),
            held_on=D(2024, 3, 1),
            minutes="Met.",
            assurances=[boards.AssuranceInput(foreign.pk, "limited", "No.")],
        )
    assert not Meeting.objects.exists()


def test_a_membership_cannot_end_before_it_starts(board: Any) -> None:
    with pytest.raises(ValueError, match="on or after the date they joined"):
        boards.add_membership(
            board,
            by=_member(board),
            name="A",
            role="member",
            started_on=D(2024, 2, 1),
            ended_on=D(2024, 1, 1),
        )


def test_the_authority_responds_and_an_implemented_recommendation_stays_implemented(
    board: Any,
) -> None:
    recommendation = make_recommendation(
        make_meeting(board), by=_member(board), text="Train members."
    )
    officer = make_officer(board.authority)

    def respond(status: str, version: int) -> Recommendation:
        return recommendations.respond_to_recommendation(
            recommendation,
            by=officer,
            version=version,
            status=status,
            response="Done.",
            owner="MO",
            responded_on=D(2024, 5, 1),
        )

    respond("implemented", 1)
    with pytest.raises(StaleEdit):
        respond("accepted", 1)
    with pytest.raises(ValueError, match="cannot be reopened"):
        respond("accepted", 2)
    with pytest.raises(NotAllowed):
        recommendations.respond_to_recommendation(
            recommendation,
            by=_member(board),
            version=2,
            status="accepted",
            response="x",
            owner="x",
            responded_on=D(2024, 5, 1),
        )
    assert (
        AuditEvent.objects.filter(action="improvement.board.recommendation_answered").count() == 1
    )


def test_the_database_refuses_a_response_without_words_or_a_date(board: Any) -> None:
    recommendation = make_recommendation(
        make_meeting(board), by=_member(board), text="Train members."
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=recommendation.pk).update(status="accepted")
