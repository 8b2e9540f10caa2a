"""Personal API tokens, sent as `Authorization: Bearer TOKEN`. A token acts as its user: the
write endpoints call the same services, which check the same permission predicates as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from bestvalue.accounts.selectors import active_api_token
from bestvalue.accounts.services import note_api_token_used


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = active_api_token(token)
        if found is None:
            return None  # ninja answers 401 (bestvalue.api.errors gives it the one error shape)
        note_api_token_used(found)
        return found.user


token_auth = TokenAuth()
