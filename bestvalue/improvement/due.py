"""What falls due in improvement: the due dates of plan actions not yet done, and of board
recommendations not yet closed. The one answer every channel reads (notices.obligations describes
the shape)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from bestvalue.improvement import rules, selectors
from bestvalue.notices.obligations import AUTHORITY_ONLY, EVERYONE, Kind, Obligation, Page


def obligations(
    *, today: dt.date, authority_id: int | None = None, published_only: bool = False
) -> list[Obligation]:
    """Plan actions due, and overdue ones (improvement.rules.is_overdue: past their due date and
    not done), for one authority or all. An unpublished action is the authority's own record,
    which boards do not read (improvement.permissions), so it concerns the department and the
    authority only; with `published_only`, only published actions (for the public). Board
    recommendations (`recommendations`) join them, but never for the public."""
    found = [] if published_only else recommendations(today=today, authority_id=authority_id)
    actions = selectors.open_actions()
    if authority_id is not None:
        actions = actions.filter(authority_id=authority_id)
    if published_only:
        actions = actions.published()  # type: ignore[attr-defined]
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


def recommendations(*, today: dt.date, authority_id: int | None = None) -> list[Obligation]:
    """Board recommendations due, and overdue ones, until the board closes them
    (rules.recommendation_is_open). A recommendation is the board's record, answered by the
    authority, so it concerns both (and the department); it is never public, so the public
    calendar has none."""
    found = []
    recommendations = selectors.open_recommendations()
    if authority_id is not None:
        recommendations = recommendations.filter(board__authority_id=authority_id)
    for r in recommendations:
        due_on = r.due_on
        if due_on is None or not rules.recommendation_is_open(r.closed_on, due_on):
            continue
        authority = r.board.authority
        found.append(
            Obligation(
                kind=Kind.RECOMMENDATION,
                record_id=r.pk,
                due_on=due_on,
                title=(
                    f"Board recommendation {r.number} due: {_short(r.text)}, "
                    f"{authority.official_name}"
                ),
                detail=f"Owner: {r.owner}. Status: {r.get_status_display().lower()}.",
                label=f"Recommendation {r.number} of {r.board.name}",
                authority_id=authority.pk,
                authority_name=authority.official_name,
                authority_gss=authority.gss_code,
                audience=EVERYONE,
                can_be_overdue=True,
                published=False,
                page=Page.RECOMMENDATION,
                page_key=str(r.pk),
            )
        )
    return found


def _short(text: str, most: int = 80) -> str:
    """A recommendation's words as a title: its first line, cut at a word near `most` letters."""
    line = text.strip().splitlines()[0] if text.strip() else ""
    if len(line) <= most:
        return line
    return line[:most].rsplit(" ", 1)[0] + "…"
