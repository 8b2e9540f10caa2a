"""A board's recommendations (issue 18.6): the board makes, changes and closes them; the
authority's officers respond and link the plan actions that answer them; the department, the board
and the authority read each one. Refusals come from services/recommendations.py."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.core import clock
from bestvalue.improvement import permissions, rules, selectors
from bestvalue.improvement.services import recommendations as service
from bestvalue.staff.improvement import recommendation_forms as f
from bestvalue.staff.improvement.common import (
    FORM_METHODS,
    allowed,
    board_for,
    form_page,
    found,
    history_of,
    url_for,
)


def _recommendation(request: HttpRequest, pk: int, *, edit: bool = False) -> Any:
    recommendation = found(selectors.recommendation_for_staff(pk))
    board_for(request, recommendation.board, edit=edit)
    return recommendation


def _page(recommendation: Any) -> str:
    return url_for("recommendation", pk=recommendation.pk)


def _on_recommendation(
    request: HttpRequest,
    recommendation: Any,
    form: Any,
    template: str,
    **options: Any,
) -> HttpResponse:
    """A form page about one recommendation (change, respond, close): back to its page after."""
    context = {"form": form, "recommendation": recommendation, "board": recommendation.board}
    return form_page(request, template, context, to=_page, **options)


@require_safe
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    open_ = not recommendation.is_closed
    return render(
        request,
        "improvement/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "board": recommendation.board,
            "can_edit": open_ and permissions.can_edit_board(request.user, recommendation.board),
            "can_respond": open_ and permissions.can_respond(request.user, recommendation),
            "can_read_plan": permissions.can_read_authority(
                request.user, recommendation.board.authority_id
            ),
            "overdue": rules.recommendation_is_overdue(
                recommendation.closed_on, recommendation.due_on, clock.today()
            ),
            "history": history_of(recommendation),
        },
    )


@require_http_methods(FORM_METHODS)
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = found(selectors.meeting_for_staff(pk))
    board_for(request, meeting.board, edit=True)
    form = f.RecommendationForm(
        request.POST or None,
        expectations=selectors.expectation_choices(meeting.board.authority_id),
    )
    return form_page(
        request,
        "improvement/recommendation_form.html",
        {"form": form, "meeting": meeting, "board": meeting.board},
        save=lambda data: service.make_recommendation(meeting, by=request.user, **data),
        success="Recommendation recorded. The authority will be reminded of it before it is due.",
        to=_page,
        landing=lambda object_id: url_for("recommendation", pk=int(object_id)),
    )


@require_http_methods(FORM_METHODS)
def recommendation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk, edit=True)
    initial = {
        "version": recommendation.version,
        "text": recommendation.text,
        "due_on": recommendation.due_on,
        "owner": recommendation.owner,
        "expectation_id": recommendation.expectation_id,
    }
    form = f.RecommendationEditForm(
        request.POST or None,
        initial=initial,
        expectations=selectors.expectation_choices(recommendation.board.authority_id),
    )
    return _on_recommendation(
        request,
        recommendation,
        form,
        "improvement/recommendation_form.html",
        save=lambda data: service.change_recommendation(recommendation, by=request.user, **data),
        success="Recommendation changed.",
    )


@require_http_methods(FORM_METHODS)
def recommendation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = found(selectors.recommendation_for_staff(pk))
    allowed(permissions.can_respond(request.user, recommendation))
    initial: dict[str, Any] = {"version": recommendation.version, "responded_on": clock.today()}
    if recommendation.responded_on:
        initial.update(
            status=recommendation.status,
            response=recommendation.response,
            owner=recommendation.owner,
            responded_on=recommendation.responded_on,
        )
    else:
        initial["owner"] = recommendation.owner
    initial["action_ids"] = [a.pk for a in recommendation.actions.all()]
    form = f.ResponseForm(
        request.POST or None,
        initial=initial,
        actions=selectors.action_choices(recommendation.board.authority_id),
    )
    return _on_recommendation(
        request,
        recommendation,
        form,
        "improvement/response_form.html",
        save=lambda data: service.respond_to_recommendation(
            recommendation, by=request.user, **data
        ),
        success="Response recorded.",
        landing=lambda object_id: _page(recommendation),
    )


@require_http_methods(FORM_METHODS)
def recommendation_close(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk, edit=True)
    form = f.CloseForm(
        request.POST or None,
        initial={"version": recommendation.version, "closed_on": clock.today()},
    )
    return _on_recommendation(
        request,
        recommendation,
        form,
        "improvement/recommendation_close.html",
        save=lambda data: service.close_recommendation(recommendation, by=request.user, **data),
        success="Recommendation closed.",
    )
