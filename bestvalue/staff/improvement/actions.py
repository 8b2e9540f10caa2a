"""The improvement plan's pages: add, read and change an action, and record its progress."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.core import clock
from bestvalue.improvement import rules, selectors
from bestvalue.improvement.services import plan
from bestvalue.staff.improvement import forms as f
from bestvalue.staff.improvement.common import (
    FORM_METHODS,
    RecordPage,
    detail_page,
    owned,
)

ACTION_FORM = RecordPage("improvement/action_form.html", shows="improvement-action")
PROGRESS_FORM = RecordPage("improvement/progress_form.html", shows="improvement-action")


@require_http_methods(FORM_METHODS)
def action_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    chosen = request.GET.get("expectation", "")
    initial = {
        "expectation_ids": [int(chosen)] if chosen.isdigit() else [],
        "status": "not_started",
    }
    added = "Action added to the plan."
    return ACTION_FORM.new_in_plan(request, gss_code, f.ActionForm, plan.add_action, added, initial)


@require_safe
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = owned(request, selectors.action_for_staff(pk))
    overdue = rules.is_overdue(action.status, action.due_on, clock.today())
    return detail_page(
        request,
        "improvement/action_detail.html",
        "action",
        action,
        overdue=overdue,
        retired=rules.is_retired(action.status),
    )


@require_http_methods(FORM_METHODS)
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = owned(request, selectors.action_for_staff(pk), edit=True)
    initial = {
        "title": action.title,
        "description": action.description,
        "owner": action.owner,
        "due_on": action.due_on,
        "expectation_ids": [e.pk for e in action.expectations.all()],
        "theme_keys": [t.key for t in action.themes.all()],
        "version": action.version,
    }
    options = selectors.expectation_choices(action.authority_id)
    linked = [
        (e.pk, f"{e.notice.reference}, {e.position}. {e.text[:100]}")
        for e in action.expectations.all()
    ]
    options += [o for o in linked if o[0] not in {k for k, _ in options}]
    form = f.ActionEditForm(request.POST or None, initial=initial, expectations=options)
    saved, authority = "Action saved.", action.authority
    return ACTION_FORM.on_record(
        request, form, "action", action, plan.change_action, saved, authority=authority
    )


@require_http_methods(FORM_METHODS)
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = owned(request, selectors.action_for_staff(pk), edit=True)
    form = f.ProgressForm(
        request.POST or None,
        initial={"version": action.version, "status": action.status, "written_on": clock.today()},
    )
    recorded = "Progress recorded."
    return PROGRESS_FORM.on_record(request, form, "action", action, plan.record_progress, recorded)
