"""Writes to users."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.authorities.models import Authority
from bestvalue.improvement.models import ImprovementBoard


def create_user(
    *,
    username: str,
    password: str,
    role: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    authority_gss: str | None = None,
    board_id: int | None = None,
) -> User:
    """Create a user with one role. Authority officers need an authority, board members a board;
    nobody else may have either (also enforced by database constraints)."""
    authority, board, errors = _binding(role, authority_gss, board_id)
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


def _binding(
    role: str, authority_gss: str | None, board_id: int | None
) -> tuple[Authority | None, ImprovementBoard | None, dict[str, str]]:
    """The authority and board a user of this role is bound to, and what is wrong with them."""
    errors: dict[str, str] = {}
    if role not in Role.values:
        errors["role"] = f"Choose a role from: {', '.join(Role.values)}"
    authority = board = None
    if authority_gss:
        authority = Authority.objects.filter(gss_code=authority_gss).first()
        if authority is None:
            errors["authority"] = f"No authority has the GSS code {authority_gss}"
    if board_id is not None:
        board = ImprovementBoard.objects.filter(pk=board_id).first()
        if board is None:
            errors["board"] = f"No board has the id {board_id}"
    if role == Role.AUTHORITY_OFFICER and not authority_gss:
        errors["authority"] = "An authority officer needs an authority: give its GSS code"
    if role != Role.AUTHORITY_OFFICER and authority_gss:
        errors["authority"] = "Only authority officers are bound to an authority"
    if role == Role.BOARD_MEMBER and board_id is None:
        errors["board"] = "A board member needs a board"
    if role != Role.BOARD_MEMBER and board_id is not None:
        errors["board"] = "Only board members are bound to a board"
    return authority, board, errors
