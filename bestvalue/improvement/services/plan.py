"""Writes to the improvement plan: actions that answer the notice's expectations, and their dated
progress updates. The plan's history is the progress updates and the audit log together."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, NotRequired, TypedDict, Unpack

from django.db import transaction

from bestvalue.audit.services import audited, record_event, snapshot
from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.improvement import permissions, rules
from bestvalue.improvement.errors import FieldRefused
from bestvalue.improvement.models import PlanAction, ProgressUpdate
from bestvalue.improvement.rules import ActionStatus
from bestvalue.improvement.services._common import (
    check_version,
    clean_text,
    expectations_of,
    lock_authority,
    next_number,
    record_added,
    require,
    themes,
)

ACTION_FIELDS = (
    "authority",
    "number",
    "title",
    "description",
    "owner",
    "due_on",
    "status",
    "version",
    "expectations",
    "themes",
)


def _may_edit(by: Any, authority_id: int) -> None:
    require(
        permissions.can_edit_authority(by, authority_id),
        "Only the authority's own officers can change its improvement plan.",
    )


class ActionDetails(TypedDict):
    """What the authority writes of an action, whether it adds it (by form or file) or changes it."""

    title: str
    owner: str
    due_on: dt.date
    expectation_ids: Sequence[int]
    theme_keys: NotRequired[Sequence[str]]
    description: NotRequired[str]


def _write(
    action: PlanAction,
    *,
    title: str,
    owner: str,
    due_on: dt.date,
    expectation_ids: Sequence[int],
    theme_keys: Sequence[str] = (),
    description: str = "",
) -> None:
    """Write the action's details (ActionDetails), with its expectations and themes."""
    expectations = expectations_of(action.authority_id, expectation_ids)
    chosen_themes = themes(theme_keys)
    action.title = clean_text(title, "Enter a title for the action")
    action.owner = clean_text(owner, "Enter who owns the action")
    action.description, action.due_on = description.strip(), due_on
    action.full_clean(exclude=["authority", "expectations", "themes"], validate_constraints=False)
    action.save()
    action.expectations.set(expectations)
    action.themes.set(chosen_themes)


def _added(action: PlanAction, *, by: Any) -> PlanAction:
    return record_added(action, ACTION_FIELDS, by=by, action="improvement.action.added")


def add_action(
    authority: Authority,
    *,
    by: Any,
    status: str = ActionStatus.NOT_STARTED.value,
    **details: Unpack[ActionDetails],
) -> PlanAction:
    """Add an action to the authority's plan, answering one or more of its notice's expectations
    ("implement the improvement plan", DESIGN.md section 1), with its status as it stands (an
    action under way when the plan is first written down). Actions are numbered in the plan."""
    _may_edit(by, authority.pk)
    refusal = rules.creation_status_refusal(status)
    if refusal:
        raise FieldRefused(refusal, field="status")
    with transaction.atomic():
        authority = lock_authority(authority)
        action = PlanAction(
            authority=authority,
            number=next_number(PlanAction.objects.filter(authority=authority)),
            created_by=by,
            status=status,
        )
        _write(action, **details)
        return _added(action, by=by)


def _locked(action: PlanAction) -> PlanAction:
    return (
        PlanAction.objects.select_for_update(of=("self",), no_key=True)
        .select_related("authority")
        .get(pk=action.pk)
    )


def change_action(
    action: PlanAction, *, by: Any, version: int, **details: Unpack[ActionDetails]
) -> PlanAction:
    """Change an action's details. Its status changes only with a progress update, so that every
    change of status is dated and explained. Refused if someone saved it since `version`."""
    _may_edit(by, action.authority_id)
    with transaction.atomic():
        action = _locked(action)
        check_version(action.version, version, "action")
        with audited(action, ACTION_FIELDS, actor=by, action="improvement.action.changed"):
            action.version += 1
            _write(action, **details)
        return action


def record_progress(
    action: PlanAction, *, by: Any, version: int, written_on: dt.date, status: str, text: str
) -> ProgressUpdate:
    """Record progress on an action as at a date, with its status then; the action takes that
    status if the update is its latest. Updates are kept, never changed: they are its history.
    An action is cancelled or superseded this way, the update's text giving the reason (issue
    18.2); a retired action takes no further updates (rules.progress_status_refusal)."""
    _may_edit(by, action.authority_id)
    refusal = rules.progress_status_refusal(action.status, status)
    if refusal:
        raise FieldRefused(refusal, field="status")
    refusal = rules.progress_date_refusal(written_on, today=clock.today())
    if refusal:
        raise FieldRefused(refusal, field="written_on")
    with transaction.atomic():
        action = _locked(action)
        check_version(action.version, version, "action")
        refusal = rules.progress_status_refusal(action.status, status)
        if refusal:
            raise FieldRefused(refusal, field="status")
        before = snapshot(action, ACTION_FIELDS)
        update = ProgressUpdate(
            action=action,
            written_on=written_on,
            status=status,
            text=clean_text(text, "Enter the progress made"),
            recorded_by=by,
        )
        update.full_clean(exclude=["action"])
        update.save()
        latest = action.updates.order_by("-written_on", "-id").first()
        if latest is not None and latest.pk == update.pk:
            action.status = status
        action.version += 1
        action.save()
        record_event(
            actor=by,
            action="improvement.action.progress_recorded",
            obj=action,
            before=before,
            after={**snapshot(action, ACTION_FIELDS), "update": snapshot(update)},
        )
        return update
