"""Whom a due item concerns, and which page of it each user may open: pure predicates of a user
and an item, used by the reminder run, the due page and the calendar feed alike.

The department sees every date; an authority officer their own authority's; a board member the
public dates of the authority their board oversees (DESIGN.md section 2). Administrators keep the
service, not the casework, so no date concerns them.
"""

from __future__ import annotations

from typing import Any

from bestvalue.accounts import permissions as accounts
from bestvalue.reminders.rules import Audience, DueItem


def can_use_due_pages(user: Any) -> bool:
    """Everyone signed in with a role has a due page and preferences (an administrator's is
    empty)."""
    return accounts.can_use_staff_pages(user)


def _board_authority_id(user: Any) -> int | None:
    board = getattr(user, "board", None)
    if board is None or not accounts.can_act_for_board(user, board.pk):
        return None
    return int(board.authority_id)


def concerns(user: Any, item: DueItem) -> bool:
    if accounts.is_department(user):
        return True
    if Audience.AUTHORITY in item.audience and accounts.can_act_for_authority(
        user, item.authority_id
    ):
        return True
    return Audience.BOARD in item.audience and _board_authority_id(user) == item.authority_id


def item_path(user: Any, item: DueItem) -> str:
    """The page of the item this user may open ("" when there is none for them)."""
    if accounts.is_department(user):
        return item.staff_path or item.public_path
    if accounts.can_act_for_authority(user, item.authority_id):
        return item.authority_path or item.public_path
    return item.public_path
