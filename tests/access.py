"""The access rule of every URL, for every role. tests/integration/test_access.py enforces it.

Add every new URL here: the test fails for any named URL pattern without a rule. Each rule says
what each role gets: an HTTP status, or "sign-in" for a redirect to the sign-in page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bestvalue.accounts.roles import Role

SIGN_IN = "sign-in"
ALL_ROLES = [None, *Role.values]


@dataclass(frozen=True)
class Rule:
    expected: dict[str | None, int | str]
    kwargs: Callable[[dict[str, Any]], dict[str, Any]] = lambda world: {}
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


def everyone(status: int = 200) -> dict[str | None, int | str]:
    return dict.fromkeys(ALL_ROLES, status)


def signed_in(status: int = 200) -> dict[str | None, int | str]:
    return {None: SIGN_IN, **dict.fromkeys(Role.values, status)}


def only(*roles: str, status: int = 200, others: int = 403) -> dict[str | None, int | str]:
    return {None: SIGN_IN, **{r: (status if r in roles else others) for r in Role.values}}


def _authority(world: dict[str, Any]) -> dict[str, Any]:
    return {"gss_code": world["authority"].gss_code}


RULES: dict[str, Rule] = {
    "core:home": Rule(everyone()),
    "core:accessibility": Rule(everyone()),
    "core:cookies": Rule(everyone()),
    "core:data-sources": Rule(everyone()),
    "core:health": Rule(everyone()),
    # Signed-in users are sent on to their home page.
    "accounts:sign-in": Rule({None: 200, **dict.fromkeys(Role.values, 302)}),
    "accounts:sign-out": Rule({None: SIGN_IN, **dict.fromkeys(Role.values, 302)}, method="post"),
    "register:authorities": Rule(everyone()),
    "register:authority": Rule(everyone(), kwargs=_authority),
    "staff:home": Rule(signed_in()),
}

# The Django admin is one area with one rule: administrators only. Others are sent to its own
# sign-in page (302) whether or not they are signed in.
ADMIN_URLS = [
    "admin:index",
    "admin:accounts_user_changelist",
    "admin:authorities_authority_changelist",
]
ADMIN_EXPECTED = {**dict.fromkeys([None, *Role.values], 302), Role.ADMINISTRATOR: 200}
