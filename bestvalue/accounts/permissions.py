"""Permission predicates: pure functions of a user (and a record), used by views, API and templates
alike, so that a button is hidden exactly when its action would be refused."""

from __future__ import annotations

from collections.abc import Iterable
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


def can_assure_authority(user: Any, authority_id: int) -> bool:
    """A board member reads, never changes, the whole improvement record (plan, updates, measures,
    evidence, progress reports), published or not, of the authority their board oversees: the
    board cannot assure what it cannot see (issue 18). Never another authority's."""
    return _role(user) == Role.BOARD_MEMBER and user.board.authority_id == authority_id


def can_use_staff_pages(user: Any) -> bool:
    """Every signed-in, active user with a role has a staff home page."""
    return _role(user) in Role.values


def can_draft(user: Any) -> bool:
    """Caseworkers draft notices and reviews and record engagement and data requests."""
    return is_caseworker(user)


def can_edit_draft(user: Any, record: Any) -> bool:
    return is_caseworker(user) and record.status == "draft"


def can_approve(user: Any, record: Any) -> bool:
    """Four eyes: an approver approves what caseworkers propose, never a draft they wrote or
    edited (DESIGN.md section 2). `record` is a notice or a review awaiting approval."""
    return approval_refusal(user, record) is None


def four_eyes_refusal(user: Any, *, authors: Iterable[Any], awaiting: bool = True) -> str | None:
    """Four eyes, the one rule and its one set of words: only a department approver approves,
    only what awaits approval, and never what they wrote, edited or proposed themselves.
    `authors` are the ids of everyone who wrote or changed the thing approved."""
    if not is_approver(user):
        return "Only a department approver can approve this."
    if not awaiting:
        return "Only something awaiting approval can be approved."
    if user.pk in set(authors):
        return "You wrote or edited this, so another approver must approve it."
    return None


def approval_refusal(user: Any, record: Any) -> str | None:
    """Why `user` may not approve `record` (a notice, review or intervention step with
    `drafted_by` and `editors`), in words for the page; None if they may."""
    authors = [record.drafted_by_id, *(e.pk for e in record.editors.all())]
    return four_eyes_refusal(user, authors=authors, awaiting=record.status == "awaiting_approval")


def can_have_api_token(user: Any) -> bool:
    """Department users may make personal API tokens; what a token may do is what its user may
    do on the pages (the write endpoints call the same services and predicates)."""
    return is_department(user)


def must_use_two_factor(user: Any) -> bool:
    """Approvers and administrators change the public record and who may: they sign in with a
    one-time code as well as their password, and enrol before doing anything else."""
    return _role(user) in (Role.APPROVER, Role.ADMINISTRATOR)


def may_use_two_factor(user: Any) -> bool:
    """Every staff role is offered two-factor sign-in."""
    return _role(user) in Role.values
