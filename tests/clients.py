"""A test client that rejects malformed HTML in any page it receives."""

from __future__ import annotations

from typing import Any

import html5lib
from django.test import Client


class MalformedHTML(AssertionError):
    pass


def assert_valid_html(content: bytes, url: str = "") -> None:
    parser = html5lib.HTMLParser(strict=True)
    try:
        parser.parse(content)
    except html5lib.html5parser.ParseError as exc:
        line, col = parser.errors[0][0] if parser.errors else ("?", "?")
        raise MalformedHTML(f"{url}: malformed HTML at line {line}, column {col}: {exc}") from None


class CheckingClient(Client):
    """Every HTML response is parsed strictly; a parse error fails the test that asked for it."""

    def request(self, **request: Any) -> Any:  # type: ignore[override]
        response = super().request(**request)
        content_type = response.get("Content-Type", "")
        is_html = content_type.startswith("text/html")
        if is_html and not getattr(response, "streaming", False) and response.content:
            assert_valid_html(response.content, request.get("PATH_INFO", ""))
        return response


_django_login = Client._login


def _login_with_a_verified_session(self: Client, user: Any, backend: str | None = None) -> None:
    """Client.force_login and Client.login as a full sign-in: for a user who uses two-factor
    sign-in (or must: approvers and administrators), the session also counts as having given a
    one-time code, as the sign-in code page would make it. Tests of the code step itself sign in
    through the pages (tests/integration/test_two_factor.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    from bestvalue.accounts import permissions, twofactor
    from tests.factories import enrol_two_factor

    _django_login(self, user, backend)
    if permissions.must_use_two_factor(user) or twofactor.is_enrolled(user):
        device = enrol_two_factor(user)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


Client._login = _login_with_a_verified_session  # type: ignore[method-assign]
