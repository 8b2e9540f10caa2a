"""Secure headers on every page: a content security policy whose nonce matches the page's one
inline script, no framing, no sniffing."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_inline_script_carries_the_nonce_the_policy_allows(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/")
    policy = response["Content-Security-Policy"]
    allowed = re.search(r"script-src 'self' 'nonce-([^']+)'", policy)
    assert allowed, policy
    assert f'<script nonce="{allowed.group(1)}">' in response.content.decode()
    assert "'unsafe-inline'" not in policy


def test_each_response_gets_a_new_nonce(client) -> None:  # type: ignore[no-untyped-def]
    first = client.get("/cookies/")["Content-Security-Policy"]
    second = client.get("/cookies/")["Content-Security-Policy"]
    assert first != second


def test_pages_refuse_framing_and_sniffing(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/authorities/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
