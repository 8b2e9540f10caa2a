"""An improvement board's pages: its record, members, and meetings with assurance (its
recommendations are recommendations.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.core import clock
from bestvalue.improvement import permissions, selectors
from bestvalue.improvement.services import boards
from bestvalue.improvement.services.boards import AssuranceInput
from bestvalue.staff.improvement import forms as f
from bestvalue.staff.improvement.common import (
    FORM_METHODS,
    board_for,
    form_page,
    found,
    url_for,
)


@require_safe
def board_detail(request: HttpRequest, pk: int) -> HttpResponse:
    board = board_for(request, selectors.board_for_staff(pk))
    return render(
        request,
        "improvement/board_detail.html",
        {
            "board": board,
            "can_edit": permissions.can_edit_board(request.user, board),
        },
    )


@require_http_methods(FORM_METHODS)
def board_member_new(request: HttpRequest, pk: int) -> HttpResponse:
    board = board_for(request, selectors.board_by_id(pk), edit=True)
    form = f.MembershipForm(request.POST or None)
    return form_page(
        request,
        "improvement/membership_form.html",
        {"form": form, "board": board},
        save=lambda data: boards.add_membership(board, by=request.user, **data),
        success="Member added.",
        to=lambda membership: url_for("board", pk=board.pk) + "#members",
        landing=lambda object_id: url_for("board", pk=board.pk) + "#members",
    )


@require_http_methods(FORM_METHODS)
def meeting_new(request: HttpRequest, pk: int) -> HttpResponse:
    board = board_for(request, selectors.board_by_id(pk), edit=True)
    notice = selectors.current_notice(board.authority_id)
    form = f.MeetingForm(
        request.POST or None,
        initial={"held_on": clock.today()},
        expectations=list(notice.expectations.all()) if notice else [],
    )

    def save(data: dict[str, Any]) -> Any:
        statements = [AssuranceInput(*a) for a in form.assurances()]
        fields = {k: data[k] for k in ("held_on", "minutes", "attendees")}
        return boards.record_meeting(board, by=request.user, assurances=statements, **fields)

    return form_page(
        request,
        "improvement/meeting_form.html",
        {"form": form, "board": board, "notice": notice},
        save=save,
        success="Meeting recorded. Add the recommendations the board made.",
        to=lambda meeting: url_for("board-meeting", pk=meeting.pk),
        landing=lambda object_id: url_for("board-meeting", pk=int(object_id)),
    )


@require_safe
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_for_staff(pk))
    board = board_for(request, meeting.board)
    return render(
        request,
        "improvement/meeting_detail.html",
        {
            "meeting": meeting,
            "board": board,
            "can_edit": permissions.can_edit_board(request.user, board),
        },
    )
