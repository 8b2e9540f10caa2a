"""Adding many plan actions at once from a CSV or Excel file: the whole file is checked before
any action is added (improvement.action_import names every problem by line and column), then
every action is added in one transaction, or none."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction

from bestvalue.audit.services import record_event
from bestvalue.guidance.selectors import themes_by_key
from bestvalue.improvement.action_import import COLUMNS, ActionRow, Context, check_actions
from bestvalue.improvement.models import PlanAction
from bestvalue.improvement.selectors import current_notice
from bestvalue.improvement.services._common import lock_authority, next_number
from bestvalue.improvement.services.plan import ActionDetails, _added, _may_edit, _write
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


def _add(authority: Any, row: ActionRow, *, by: Any, number: int) -> PlanAction:
    """One checked line as an action, with its status as it stands (as add_action allows)."""
    action = PlanAction(authority=authority, number=number, created_by=by, status=row.status)
    details = dataclasses.asdict(row)
    _write(action, **{name: details[name] for name in ActionDetails.__annotations__})
    return _added(action, by=by)


def import_actions(authority: Any, *, by: Any, data: bytes, filename: str = "") -> list[PlanAction]:
    """Add every action in the file to the authority's plan, numbered after the last, or refuse
    the whole file (ImportRefused) listing every problem by line and column."""
    _may_edit(by, authority.pk)
    lines = read_table(data, columns=COLUMNS)
    with transaction.atomic():
        authority = lock_authority(authority)
        rows = check_actions(lines, _context(authority))
        first = next_number(PlanAction.objects.filter(authority=authority))
        added = [_add(authority, row, by=by, number=first + i) for i, row in enumerate(rows)]
        record_event(
            actor=by,
            action="improvement.actions.imported",
            obj=authority,
            after={"file": filename, "numbers": [a.number for a in added]},
        )
        return added
