"""Who may see and change improvement and assurance records: pure predicates of a user and a
record's owner (an authority id or a board), used by services, views and templates alike.

Authority officers keep their own authority's plan, measures and evidence and answer its board's
recommendations; board members keep their own board's record and read (never change) the whole
improvement record of the authority their board oversees; the department reads everything.
Nobody else sees unpublished records (DESIGN.md section 2).
"""

from __future__ import annotations

from typing import Any

from bestvalue.accounts import permissions as accounts

PUBLISH_KINDS = ("action", "measure", "evidence", "assurance")


def can_use_workspaces(user: Any) -> bool:
    """The department, authority officers and board members (read-only, for the authority their
    board oversees) have authorities' improvement workspaces."""
    return accounts.is_department(user) or bool(
        (
            getattr(user, "authority_id", None) is not None
            and accounts.can_act_for_authority(user, user.authority_id)
        )
        or (
            getattr(user, "board_id", None) is not None
            and accounts.can_act_for_board(user, user.board_id)
        )
    )


def can_read_authority(user: Any, authority_id: int) -> bool:
    """The authority's plan, measures, evidence and progress reports: the department, its own
    officers, and the members of the board that oversees it (read-only)."""
    return (
        accounts.is_department(user)
        or accounts.can_act_for_authority(user, authority_id)
        or accounts.can_assure_authority(user, authority_id)
    )


def can_edit_authority(user: Any, authority_id: int) -> bool:
    """Only the authority's own officers write its plan, measures and evidence."""
    return accounts.can_act_for_authority(user, authority_id)


def can_read_board(user: Any, board: Any) -> bool:
    """A board's record: its members, the department, and the officers of the authority it
    oversees (who answer its recommendations)."""
    return (
        accounts.is_department(user)
        or accounts.can_act_for_board(user, board.pk)
        or accounts.can_act_for_authority(user, board.authority_id)
    )


def can_edit_board(user: Any, board: Any) -> bool:
    """Members, meetings, assurance and recommendations are the board's own record."""
    return accounts.can_act_for_board(user, board.pk)


def can_respond(user: Any, recommendation: Any) -> bool:
    """The authority the board oversees answers its recommendations."""
    return accounts.can_act_for_authority(user, recommendation.board.authority_id)


def can_publish(user: Any, kind: str, item: Any) -> bool:
    """Publishing is the owner's step: the authority publishes its actions, measures and evidence;
    the board its assurance statements."""
    if kind == "assurance":
        return can_edit_board(user, item.meeting.board)
    return kind in PUBLISH_KINDS and can_edit_authority(user, item.authority_id)


def improvement_home_for(user: Any) -> tuple[str, Any] | None:
    """Where a user's improvement work starts: ("authority", id), ("board", id), or None."""
    if accounts.is_department(user):
        return ("index", None)
    if getattr(user, "authority_id", None) and accounts.can_act_for_authority(
        user, user.authority_id
    ):
        return ("authority", user.authority_id)
    if getattr(user, "board_id", None) and accounts.can_act_for_board(user, user.board_id):
        return ("board", user.board_id)
    return None
