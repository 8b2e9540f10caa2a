"""Plain hand-written factories: the smallest valid record, with keyword overrides."""

from __future__ import annotations

import itertools
from typing import Any

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.authorities.kinds import AuthorityKind
from bestvalue.authorities.models import Authority
from bestvalue.improvement.models import BoardKind, ImprovementBoard

_numbers = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_authority(**overrides: Any) -> Authority:
    n = next(_numbers)
    values: dict[str, Any] = {
        "gss_code": f"E06{n:06d}",
        "official_name": f"Testshire Council {n}",
        "short_name": f"Testshire {n}",
        "kind": AuthorityKind.UNITARY,
        "region": "South West",
        "is_current": True,
    }
    values.update(overrides)
    return Authority.objects.create(**values)


def make_board(**overrides: Any) -> ImprovementBoard:
    values: dict[str, Any] = {"name": "Improvement Board", "kind": BoardKind.NON_STATUTORY}
    values.update(overrides)
    if "authority" not in values:
        values["authority"] = make_authority()
    return ImprovementBoard.objects.create(**values)


def make_user(role: str = Role.CASEWORKER, **overrides: Any) -> User:
    n = next(_numbers)
    values: dict[str, Any] = {"username": f"{role}-{n}", "role": role}
    if role == Role.AUTHORITY_OFFICER and "authority" not in overrides:
        values["authority"] = make_authority()
    if role == Role.BOARD_MEMBER and "board" not in overrides:
        values["board"] = make_board()
    values.update(overrides)
    user = User(**values)
    user.set_password(PASSWORD)
    user.save()
    return user
