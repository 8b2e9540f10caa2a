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
