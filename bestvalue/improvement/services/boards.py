"""Writes to an improvement board's record: its members and its meetings with their minutes and
assurance statements (its recommendations are services/recommendations.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from bestvalue.audit.services import record_event, snapshot
from bestvalue.core import clock
from bestvalue.improvement import permissions
from bestvalue.improvement.errors import FieldRefused
from bestvalue.improvement.models import (
    AssuranceStatement,
    BoardMembership,
    ImprovementBoard,
    Meeting,
)
from bestvalue.improvement.services._common import (
    clean_text,
    expectations_of,
    require,
)


@dataclass(frozen=True)
class AssuranceInput:
    expectation_id: int
    rating: str
    narrative: str


def _may_edit(by: Any, board: ImprovementBoard) -> None:
    require(
        permissions.can_edit_board(by, board),
        "Only the board's own members can change its record.",
    )


def _not_future(day: dt.date, message: str, *, field: str) -> None:
    if day > clock.today():
        raise FieldRefused(message, field=field)


def add_membership(
    board: ImprovementBoard,
    *,
    by: Any,
    name: str,
    role: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    description: str = "",
) -> BoardMembership:
    """Record who sits on the board, in what role, from when (and until when)."""
    _may_edit(by, board)
    if ended_on is not None and ended_on < started_on:
        raise ValueError("The date they left must be on or after the date they joined")
    membership = BoardMembership(
        board=board,
        name=clean_text(name, "Enter the member's name"),
        role=role,
        description=description.strip(),
        started_on=started_on,
        ended_on=ended_on,
        recorded_by=by,
    )
    with transaction.atomic():
        membership.full_clean(exclude=["board"], validate_constraints=False)
        membership.save()
        record_event(
            actor=by,
            action="improvement.board.member_added",
            obj=membership,
            after=snapshot(membership),
        )
        return membership


def _assurances(meeting: Meeting, items: Sequence[AssuranceInput]) -> list[AssuranceStatement]:
    expectations = {
        e.pk: e
        for e in expectations_of(
            meeting.board.authority_id, [i.expectation_id for i in items], required=False
        )
    }
    statements = []
    for item in items:
        statement = AssuranceStatement(
            meeting=meeting,
            expectation=expectations[item.expectation_id],
            rating=item.rating,
            narrative=clean_text(
                item.narrative,
                f"Enter the board's assurance narrative for expectation {expectations[item.expectation_id].position}",
            ),
        )
        statement.full_clean(exclude=["meeting", "expectation"], validate_constraints=False)
        statement.save()
        statements.append(statement)
    return statements


def record_meeting(
    board: ImprovementBoard,
    *,
    by: Any,
    held_on: dt.date,
    minutes: str,
    attendees: str = "",
    assurances: Sequence[AssuranceInput] = (),
) -> Meeting:
    """Record a meeting of the board, its minutes, and its assurance against each expectation it
    considered ("work with the independent improvement board", DESIGN.md section 1)."""
    _may_edit(by, board)
    _not_future(held_on, "The date of the meeting must be today or in the past", field="held_on")
    if len({a.expectation_id for a in assurances}) != len(assurances):
        raise ValueError("Give one assurance statement for each expectation")
    with transaction.atomic():
        meeting = Meeting(
            board=board,
            held_on=held_on,
            minutes=clean_text(minutes, "Enter the minutes of the meeting"),
            attendees=attendees.strip(),
            recorded_by=by,
        )
        meeting.full_clean(exclude=["board"])
        meeting.save()
        statements = _assurances(meeting, assurances)
        record_event(
            actor=by,
            action="improvement.board.meeting_recorded",
            obj=meeting,
            after={**snapshot(meeting), "assurances": [snapshot(s) for s in statements]},
        )
        return meeting
