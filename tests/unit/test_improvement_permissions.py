"""Who may see and change improvement records: pure predicates, tested without a database."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from bestvalue.improvement import permissions


def _user(role: str | None, *, authority_id: int | None = None, board_id: int | None = None) -> Any:
    if role is None:
        return SimpleNamespace(is_authenticated=False, is_active=False)
    return SimpleNamespace(
        is_authenticated=True,
        is_active=True,
        role=role,
        authority_id=authority_id,
        board_id=board_id,
        # Board 7 oversees authority 1, board 8 authority 2.
        board=SimpleNamespace(pk=board_id, authority_id=board_id - 6) if board_id else None,
    )


BOARD = SimpleNamespace(pk=7, authority_id=1)
OFFICER = _user("authority_officer", authority_id=1)
OTHER_OFFICER = _user("authority_officer", authority_id=2)
MEMBER = _user("board_member", board_id=7)
OTHER_MEMBER = _user("board_member", board_id=8)
CASEWORKER = _user("caseworker")
ADMINISTRATOR = _user("administrator")
PUBLIC = _user(None)


@pytest.mark.parametrize(
    ("user", "read", "edit"),
    [
        (OFFICER, True, True),
        (OTHER_OFFICER, False, False),
        # The board reads (never changes) the record of the authority it oversees (issue 18).
        (MEMBER, True, False),
        (OTHER_MEMBER, False, False),
        (CASEWORKER, True, False),
        (_user("approver"), True, False),
        (ADMINISTRATOR, False, False),
        (PUBLIC, False, False),
    ],
)
def test_the_authoritys_records(user: Any, read: bool, edit: bool) -> None:
    assert permissions.can_read_authority(user, 1) is read
    assert permissions.can_edit_authority(user, 1) is edit


@pytest.mark.parametrize(
    ("user", "read", "edit"),
    [
        (MEMBER, True, True),
        (OTHER_MEMBER, False, False),
        (OFFICER, True, False),
        (OTHER_OFFICER, False, False),
        (CASEWORKER, True, False),
        (ADMINISTRATOR, False, False),
        (PUBLIC, False, False),
    ],
)
def test_the_boards_record(user: Any, read: bool, edit: bool) -> None:
    assert permissions.can_read_board(user, BOARD) is read
    assert permissions.can_edit_board(user, BOARD) is edit


def test_an_inactive_officer_can_do_nothing() -> None:
    inactive = SimpleNamespace(**{**vars(OFFICER), "is_active": False})
    assert not permissions.can_read_authority(inactive, 1)
    assert not permissions.can_use_workspaces(inactive)


def test_only_the_authority_answers_its_boards_recommendations() -> None:
    recommendation = SimpleNamespace(board=BOARD)
    assert permissions.can_respond(OFFICER, recommendation)
    assert not permissions.can_respond(MEMBER, recommendation)
    assert not permissions.can_respond(CASEWORKER, recommendation)


def test_publishing_is_the_owners_step() -> None:
    action = SimpleNamespace(authority_id=1)
    statement = SimpleNamespace(meeting=SimpleNamespace(board=BOARD))
    assert permissions.can_publish(OFFICER, "action", action)
    assert not permissions.can_publish(CASEWORKER, "action", action)
    assert permissions.can_publish(MEMBER, "assurance", statement)
    assert not permissions.can_publish(OFFICER, "assurance", statement)
    assert not permissions.can_publish(OFFICER, "notice", action)


def test_each_role_starts_its_improvement_work_in_its_own_place() -> None:
    assert permissions.improvement_home_for(CASEWORKER) == ("index", None)
    assert permissions.improvement_home_for(OFFICER) == ("authority", 1)
    assert permissions.improvement_home_for(MEMBER) == ("board", 7)
    assert permissions.improvement_home_for(ADMINISTRATOR) is None
    assert permissions.improvement_home_for(PUBLIC) is None
