"""Adding many plan actions at once from a CSV or Excel file: the whole file is checked before
any action is added (improvement.action_import names every problem by line and column), then
every action is added in one transaction, or none."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bestvalue.audit.services import record_event, snapshot
from bestvalue.core import clock
from bestvalue.guidance.selectors import themes_by_key
from bestvalue.improvement.action_import import COLUMNS, ActionRow, Context, check_actions
from bestvalue.improvement.models import PlanAction, ProgressUpdate
from bestvalue.improvement.rules import ActionStatus
from bestvalue.improvement.selectors import current_notice
from bestvalue.improvement.services._common import lock_authority, next_number
from bestvalue.improvement.services.plan import ACTION_FIELDS, _may_edit, _write
from bestvalue.improvement.tabular import ImportRefused, read_table


def _context(authority: Any) -> Context:
    notice = current_notice(authority.pk)
    if notice is None:
        raise ImportRefused(
            ["The authority has no published notice, so there are no expectations to answer yet."]
        )
    names = {}
    for key, theme in themes_by_key().items():
        names[key.lower()] = key
        names[theme.name.lower()] = key
    titles = PlanAction.objects.filter(authority=authority).values_list("title", flat=True)
    return Context(
        expectations={e.position: e.pk for e in notice.expectations.all()},
        themes=names,
        titles_in_plan=frozenset(t.lower() for t in titles),
    )


def _add(authority: Any, row: ActionRow, *, by: Any, number: int, filename: str) -> PlanAction:
    action = PlanAction(authority=authority, number=number, created_by=by, status=row.status)
    _write(
        action,
        title=row.title,
        description=row.description,
        owner=row.owner,
        due_on=row.due_on,
        expectation_ids=row.expectation_ids,
        theme_keys=row.theme_keys,
    )
    if row.status != ActionStatus.NOT_STARTED:
        # A status changes only with a dated update (plan.record_progress); the file is its source.
        ProgressUpdate.objects.create(
            action=action,
            written_on=clock.today(),
            status=row.status,
            text=f"Status recorded when the action was imported from {filename or 'a file'}.",
            recorded_by=by,
        )
    record_event(
        actor=by,
        action="improvement.action.added",
        obj=action,
        after={**snapshot(action, ACTION_FIELDS), "imported_from": filename},
    )
    return action


def import_actions(authority: Any, *, by: Any, data: bytes, filename: str = "") -> list[PlanAction]:
    """Add every action in the file to the authority's plan, numbered after the last, or refuse
    the whole file (ImportRefused) listing every problem by line and column."""
    _may_edit(by, authority.pk)
    lines = read_table(data, columns=COLUMNS)
    with transaction.atomic():
        authority = lock_authority(authority)
        rows = check_actions(lines, _context(authority))
        first = next_number(PlanAction.objects.filter(authority=authority))
        return [
            _add(authority, row, by=by, number=first + i, filename=filename)
            for i, row in enumerate(rows)
        ]
