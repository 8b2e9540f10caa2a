"""Writes to a board's recommendations (issue 18.6): the board makes one (due date, owner, the
expectation it concerns), changes it while it is open, and closes it with a note; the authority's
officers respond and link the plan actions that answer it. A closed recommendation is settled.
Each write is one transaction with its audit event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db import transaction

from bestvalue.audit.services import audited, record_event, snapshot
from bestvalue.core import clock
from bestvalue.improvement import permissions, rules
from bestvalue.improvement.errors import FieldRefused
from bestvalue.improvement.models import ImprovementBoard, Meeting, PlanAction, Recommendation
from bestvalue.improvement.services._common import (
    check_version,
    clean_text,
    expectations_of,
    next_number,
    require,
)

RECOMMENDATION_FIELDS = (
    "board",
    "meeting",
    "number",
    "text",
    "due_on",
    "owner",
    "expectation",
    "actions",
    "status",
    "response",
    "responded_on",
    "responded_by",
    "closed_on",
    "closing_note",
    "closed_by",
    "version",
)
BOARD_ONLY = "Only the board's own members can change its recommendations."


def _refuse(refusal: str | None, field: str) -> None:
    if refusal:
        raise FieldRefused(refusal, field=field)


def _refuse_date(
    rule: Callable[..., str | None], on: dt.date, recommendation: Recommendation, field: str
) -> None:
    """Refuse a date the rule refuses: it is weighed against the day the recommendation was
    made (its meeting) and today."""
    _refuse(rule(on, made_on=recommendation.meeting.held_on, today=clock.today()), field)


def _locked(recommendation: Recommendation, version: int | None) -> Recommendation:
    """The recommendation, locked for the change, refused if it changed since the form was read
    (a stale edit) or if the board has closed it."""
    locked = (
        Recommendation.objects.select_for_update(of=("self",), no_key=True)
        .select_related("board", "meeting")
        .get(pk=recommendation.pk)
    )
    check_version(locked.version, version, "recommendation")
    refusal = rules.recommendation_closed_refusal(locked.closed_on)
    if refusal:
        raise ValueError(refusal)
    return locked


def _terms(
    recommendation: Recommendation,
    *,
    text: str,
    due_on: dt.date,
    owner: str,
    expectation_id: int,
) -> None:
    """Set what the board says of a recommendation, each part checked."""
    _refuse(
        rules.recommendation_due_refusal(due_on, made_on=recommendation.meeting.held_on), "due_on"
    )
    (expectation,) = expectations_of(recommendation.board.authority_id, [expectation_id])
    recommendation.text = clean_text(text, "Enter the recommendation")
    recommendation.due_on = due_on
    recommendation.owner = clean_text(owner, "Enter who at the authority owns the recommendation")
    recommendation.expectation = expectation


def _save(recommendation: Recommendation) -> None:
    recommendation.full_clean(
        exclude=["board", "meeting", "expectation", "actions"], validate_constraints=False
    )
    recommendation.save()


def make_recommendation(
    meeting: Meeting,
    *,
    by: Any,
    text: str,
    due_on: dt.date,
    owner: str,
    expectation_id: int,
) -> Recommendation:
    """A recommendation the board made at a meeting, numbered in the board's record, for the
    authority to act on by its due date. It is in "What is due" (improvement.due) until the board
    closes it, so the authority and the board are reminded of it (bestvalue remind)."""
    require(permissions.can_edit_board(by, meeting.board), BOARD_ONLY)
    with transaction.atomic():
        board = ImprovementBoard.objects.select_for_update(no_key=True).get(pk=meeting.board_id)
        recommendation = Recommendation(
            board=board,
            meeting=meeting,
            number=next_number(Recommendation.objects.filter(board=board)),
            made_by=by,
        )
        _terms(recommendation, text=text, due_on=due_on, owner=owner, expectation_id=expectation_id)
        _save(recommendation)
        # A new record has no "before": the event keeps what was made.
        record_event(
            actor=by,
            action="improvement.board.recommendation_made",
            obj=recommendation,
            after=snapshot(recommendation, RECOMMENDATION_FIELDS),
        )
        return recommendation


def change_recommendation(
    recommendation: Recommendation,
    *,
    by: Any,
    version: int,
    text: str,
    due_on: dt.date,
    owner: str,
    expectation_id: int,
) -> Recommendation:
    """The board changes what it recommended, when it is due, its owner or its expectation, while
    it is open. A new due date is a new date to remind of (its reminders are keyed by it)."""
    require(permissions.can_edit_board(by, recommendation.board), BOARD_ONLY)
    with transaction.atomic():
        recommendation = _locked(recommendation, version)
        with audited(
            recommendation,
            RECOMMENDATION_FIELDS,
            actor=by,
            action="improvement.board.recommendation_changed",
        ):
            _terms(
                recommendation, text=text, due_on=due_on, owner=owner, expectation_id=expectation_id
            )
            recommendation.version += 1
            _save(recommendation)
        return recommendation


def _plan_actions(authority_id: int, ids: Iterable[int]) -> list[PlanAction]:
    wanted = set(ids)
    found = list(PlanAction.objects.filter(pk__in=wanted, authority_id=authority_id))
    if len(found) != len(wanted):
        raise FieldRefused("Choose actions from the authority's own plan", field="action_ids")
    return found


def respond_to_recommendation(
    recommendation: Recommendation,
    *,
    by: Any,
    version: int,
    status: str,
    response: str,
    owner: str,
    responded_on: dt.date,
    action_ids: Iterable[int] = (),
) -> Recommendation:
    """The authority's response: accepted, partly accepted, not accepted or implemented, in its
    own words, with who owns it and the plan actions that answer it. A later response replaces
    the last (the log keeps each); none once the board has closed it."""
    require(
        permissions.can_respond(by, recommendation),
        "Only the officers of the authority the board oversees can respond.",
    )
    with transaction.atomic():
        recommendation = _locked(recommendation, version)
        _refuse_date(rules.response_date_refusal, responded_on, recommendation, "responded_on")
        _refuse(rules.response_refusal(recommendation.status, status), "status")
        actions = _plan_actions(recommendation.board.authority_id, action_ids)
        with audited(
            recommendation,
            RECOMMENDATION_FIELDS,
            actor=by,
            action="improvement.board.recommendation_answered",
        ):
            recommendation.status = status
            recommendation.response = clean_text(response, "Enter the authority's response")
            recommendation.owner = clean_text(
                owner, "Enter who at the authority owns the recommendation"
            )
            recommendation.responded_on, recommendation.responded_by = responded_on, by
            recommendation.version += 1
            _save(recommendation)
            recommendation.actions.set(actions)
        return recommendation


def close_recommendation(
    recommendation: Recommendation,
    *,
    by: Any,
    version: int,
    closed_on: dt.date,
    closing_note: str,
) -> Recommendation:
    """The board closes a recommendation with a note saying why (done, overtaken, or no longer
    needed): only the board that made it, and only once. It leaves "What is due"."""
    require(
        permissions.can_edit_board(by, recommendation.board),
        "Only the board's own members can close its recommendations.",
    )
    with transaction.atomic():
        recommendation = _locked(recommendation, version)
        _refuse_date(rules.closing_date_refusal, closed_on, recommendation, "closed_on")
        with audited(
            recommendation,
            RECOMMENDATION_FIELDS,
            actor=by,
            action="improvement.board.recommendation_closed",
        ):
            recommendation.closing_note = clean_text(closing_note, "Enter the board's closing note")
            recommendation.closed_on, recommendation.closed_by = closed_on, by
            recommendation.version += 1
            _save(recommendation)
        return recommendation
