"""Writes to users."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role


def create_user(
    *,
    username: str,
    password: str,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    authority: Any = None,
    board: Any = None,
) -> User:
    """Create a user with one role. Authority officers need an authority, board members a board;
    nobody else may have either (also enforced by database constraints)."""
    errors = _binding_errors(role, authority, board)
    if errors:
        raise ValidationError(errors)
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        authority=authority,
        board=board,
    )
    user.set_password(password)
    with transaction.atomic():
        user.full_clean()
        user.save()
    return user


def _binding_errors(role: str, authority: Any, board: Any) -> dict[str, str]:
    """What is wrong with the authority and board given for a user of this role."""
    errors: dict[str, str] = {}
    if role not in Role.values:
        errors["role"] = f"Choose a role from: {', '.join(Role.values)}"
    if role == Role.AUTHORITY_OFFICER and authority is None:
        errors["authority"] = "An authority officer needs an authority: give its GSS code"
    if role != Role.AUTHORITY_OFFICER and authority is not None:
        errors["authority"] = "Only authority officers are bound to an authority"
    if role == Role.BOARD_MEMBER and board is None:
        errors["board"] = "A board member needs a board"
    if role != Role.BOARD_MEMBER and board is not None:
        errors["board"] = "Only board members are bound to a board"
    return errors
