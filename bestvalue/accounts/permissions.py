"""Permission predicates: pure functions of a user (and a record), used by views, API and templates
alike, so that a button is hidden exactly when its action would be refused."""

from __future__ import annotations

from typing import Any

from bestvalue.accounts.roles import DEPARTMENT_ROLES, Role


def _role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return None
    return getattr(user, "role", None)


def is_department(user: Any) -> bool:
    """Department caseworkers and approvers: they read every record."""
    return _role(user) in DEPARTMENT_ROLES


def is_caseworker(user: Any) -> bool:
    return _role(user) == Role.CASEWORKER


def is_approver(user: Any) -> bool:
    return _role(user) == Role.APPROVER


def is_administrator(user: Any) -> bool:
    return _role(user) == Role.ADMINISTRATOR


def can_use_admin(user: Any) -> bool:
    """The Django admin (users, roles, reference data) is for administrators only."""
    return is_administrator(user)


def can_act_for_authority(user: Any, authority_id: int) -> bool:
    """An authority officer keeps the records of their own authority and no other."""
    return _role(user) == Role.AUTHORITY_OFFICER and user.authority_id == authority_id


def can_act_for_board(user: Any, board_id: int) -> bool:
    """A board member keeps the record of their own board and no other."""
    return _role(user) == Role.BOARD_MEMBER and user.board_id == board_id


def can_use_staff_pages(user: Any) -> bool:
    """Every signed-in, active user with a role has a staff home page."""
    return _role(user) in Role.values
