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
# For actions whose outcome also depends on the record's state: the role is let through (no 403,
# no sign-in), and the answer is a success or a clear refusal of the input, never a server error.
ALLOWED = "allowed"
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


def only(*roles: str, status: int | str = 200, others: int = 403) -> dict[str | None, int | str]:
    return {None: SIGN_IN, **{r: (status if r in roles else others) for r in Role.values}}


def _authority(world: dict[str, Any]) -> dict[str, Any]:
    return {"gss_code": world["authority"].gss_code}


def _draft(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["draft"].pk}


def _issued(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["issued"].pk}


def _issued_plain(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["issued_plain"].pk}


def _review_awaiting(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["review_awaiting"].pk}


def _revised(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["revised"].pk}


def _draft_item(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["draft"].pk, "kind": "expectations", "position": 1}


def _draft_list(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["draft"].pk, "kind": "expectations"}


def _review(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["review"].pk}


def _data_request(world: dict[str, Any]) -> dict[str, Any]:
    return {"pk": world["data_request"].pk}


DEPARTMENT_ONLY = only(Role.CASEWORKER, Role.APPROVER)
CASEWORKER_ONLY = only(Role.CASEWORKER)


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
    "register:notice": Rule(
        everyone(), kwargs=lambda world: {"reference": world["issued"].reference}
    ),
    "staff:home": Rule(signed_in()),
    # The case workspace: the department reads everything; caseworkers draft and record;
    # approvers approve (never their own drafts). Authority officers, boards and administrators
    # are refused (403); the public is sent to sign in.
    "staff:notice-new": Rule(CASEWORKER_ONLY),
    "staff:notice": Rule(DEPARTMENT_ONLY, kwargs=_draft),
    "staff:notice-edit": Rule(CASEWORKER_ONLY, kwargs=_draft),
    "staff:item-add": Rule(CASEWORKER_ONLY, kwargs=_draft_list),
    "staff:item-edit": Rule(CASEWORKER_ONLY, kwargs=_draft_item),
    "staff:item-remove": Rule(CASEWORKER_ONLY, kwargs=_draft_item),
    # POST actions: the allowed role is redirected back to the notice; others are refused.
    "staff:notice-submit": Rule(
        only(Role.CASEWORKER, status=ALLOWED), kwargs=_draft, method="post", data={"version": "1"}
    ),
    "staff:notice-return": Rule(DEPARTMENT_ONLY, kwargs=_draft),
    # An approver sees the approval page only for something awaiting approval; this draft is not.
    "staff:notice-approve": Rule(
        only(Role.APPROVER, status=403) | {Role.CASEWORKER: 403}, kwargs=_draft
    ),
    "staff:notice-reissue": Rule(
        only(Role.CASEWORKER, status=302), kwargs=_issued_plain, method="post"
    ),
    "staff:notice-changes": Rule(DEPARTMENT_ONLY, kwargs=_revised),
    "staff:review-edit": Rule(CASEWORKER_ONLY, kwargs=_issued),
    "staff:review": Rule(DEPARTMENT_ONLY, kwargs=_review),
    "staff:review-submit": Rule(only(Role.CASEWORKER, status=302), kwargs=_review, method="post"),
    "staff:review-approve": Rule(
        only(Role.APPROVER, status=302), kwargs=_review_awaiting, method="post"
    ),
    "staff:review-return": Rule(DEPARTMENT_ONLY, kwargs=_review),
    "staff:engagement-new": Rule(CASEWORKER_ONLY, kwargs=_issued),
    "staff:data-request-new": Rule(CASEWORKER_ONLY, kwargs=_issued),
    "staff:data-return-new": Rule(DEPARTMENT_ONLY, kwargs=_data_request),
}

# The Django admin is one area with one rule: administrators only. Others are sent to its own
# sign-in page (302) whether or not they are signed in.
ADMIN_URLS = [
    "admin:index",
    "admin:accounts_user_changelist",
    "admin:authorities_authority_changelist",
]
ADMIN_EXPECTED = {**dict.fromkeys([None, *Role.values], 302), Role.ADMINISTRATOR: 200}
