"""The improvement plan's pages: add, read and change an action, and record its progress."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.core import clock
from bestvalue.improvement import permissions, rules, selectors
from bestvalue.improvement.services import plan
from bestvalue.staff.improvement import forms as f
from bestvalue.staff.improvement.common import (
    FORM_METHODS,
    authority_for,
    form_page,
    history_of,
    owned,
    url_for,
)


@require_http_methods(FORM_METHODS)
def action_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = authority_for(request, gss_code, edit=True)
    expectations = selectors.expectation_choices(authority.pk)
    chosen = request.GET.get("expectation", "")
    initial = {
        "expectation_ids": [int(chosen)] if chosen.isdigit() else [],
        "status": "not_started",
    }
    form = f.ActionForm(request.POST or None, initial=initial, expectations=expectations)
    return form_page(
        request,
        "improvement/action_form.html",
        {"form": form, "authority": authority, "no_notice": not expectations},
        save=lambda data: plan.add_action(authority, by=request.user, **data),
        success="Action added to the plan.",
        to=lambda action: url_for("improvement-action", pk=action.pk),
        landing=lambda object_id: url_for("improvement-action", pk=int(object_id)),
    )


@require_safe
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = owned(request, selectors.action_for_staff(pk))
    return render(
        request,
        "improvement/action_detail.html",
        {
            "action": action,
            "overdue": rules.is_overdue(action.status, action.due_on, clock.today()),
            "can_edit": permissions.can_edit_authority(request.user, action.authority_id),
            "history": history_of(action),
        },
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
    return form_page(
        request,
        "improvement/action_form.html",
        {"form": form, "authority": action.authority, "action": action},
        save=lambda data: plan.change_action(action, by=request.user, **data),
        success="Action saved.",
        to=lambda saved: url_for("improvement-action", pk=saved.pk),
    )


@require_http_methods(FORM_METHODS)
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = owned(request, selectors.action_for_staff(pk), edit=True)
    form = f.ProgressForm(
        request.POST or None,
        initial={"version": action.version, "status": action.status, "written_on": clock.today()},
    )
    return form_page(
        request,
        "improvement/progress_form.html",
        {"form": form, "action": action},
        save=lambda data: plan.record_progress(action, by=request.user, **data),
        success="Progress recorded.",
        to=lambda update: url_for("improvement-action", pk=action.pk),
        landing=lambda object_id: url_for("improvement-action", pk=action.pk),
    )
