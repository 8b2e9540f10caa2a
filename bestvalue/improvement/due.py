"""What falls due in improvement: the due dates of plan actions not yet done. The one answer every
channel reads (notices.obligations describes the shape)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bestvalue.improvement import selectors
from bestvalue.notices.obligations import AUTHORITY_ONLY, EVERYONE, Kind, Obligation, Page


def obligations(
    *, today: dt.date, authority_id: int | None = None, published_only: bool = False
) -> list[Obligation]:
    """Plan actions due, and overdue ones (improvement.rules.is_overdue: past their due date and
    not done), for one authority or all. An unpublished action is the authority's own record,
    which boards do not read (improvement.permissions), so it concerns the department and the
    authority only; with `published_only`, only published actions (for the public)."""
    actions = selectors.open_actions()
    if authority_id is not None:
        actions = actions.filter(authority_id=authority_id)
    if published_only:
        actions = actions.published()  # type: ignore[attr-defined]
    found = []
    for action in actions:
        published = action.published_at is not None
        name = action.authority.official_name
        title, owner, status = action.title, action.owner, action.get_status_display()
        due_on = action.due_on
        if published_only:
            # The public reads what was last published, not changes waiting to be published.
            content: dict[str, Any] = action.published_content or {}
            title, owner, status = content["title"], content["owner"], content["status_name"]
            due_on = dt.date.fromisoformat(content["due_on"])
        found.append(
            Obligation(
                kind=Kind.PLAN_ACTION,
                record_id=action.pk,
                due_on=due_on,
                title=f"Improvement plan action {action.number} due: {title}, {name}",
                detail=f"Owner: {owner}. Status: {status.lower()}.",
                label=f"Action {action.number}: {title}",
                authority_id=action.authority_id,
                authority_name=name,
                authority_gss=action.authority.gss_code,
                audience=EVERYONE if published else AUTHORITY_ONLY,
                can_be_overdue=True,
                published=published,
                page=Page.PLAN_ACTION,
                page_key=str(action.pk),
            )
        )
    return found
