"""Reads of users and their API tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from bestvalue.accounts.models import ApiToken, User
from bestvalue.accounts.services import API_TOKEN_PREFIX, api_token_digest


def api_tokens_of(user: Any) -> QuerySet[ApiToken]:
    """A user's tokens, newest first, revoked ones included (they say when)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def api_token_of(user: Any, pk: int) -> ApiToken | None:
    return api_tokens_of(user).filter(pk=pk).first()


def active_api_token(secret: str) -> ApiToken | None:
    """The unrevoked token with this secret, whose user is active; None otherwise. Looked up by
    the secret's digest, so the secret itself is never stored or compared."""
    if not secret.startswith(API_TOKEN_PREFIX) or len(secret) > 100:
        return None
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=api_token_digest(secret), revoked_at__isnull=True, user__is_active=True)
        .first()
    )


def user_exists(username: str) -> bool:
    return User.objects.filter(username=username).exists()
