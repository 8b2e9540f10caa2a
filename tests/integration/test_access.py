"""Every URL has an access rule, and every role gets exactly what the rule says."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access import ADMIN_EXPECTED, ADMIN_URLS, ALL_ROLES, ALLOWED, RULES, SIGN_IN
from tests.worlds import make_world


def _names(patterns: list[Any], namespace: str = "") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_named_url_has_an_access_rule() -> None:
    names = {n for n in _names(get_resolver().url_patterns) if not n.startswith("admin:")}
    assert names - set(RULES) == set(), "add these URLs to tests/access.py"
    assert set(RULES) - names == set(), "tests/access.py names URLs that no longer exist"


def test_every_url_without_a_name_is_the_admin_or_static() -> None:
    unnamed = [
        str(p.pattern)
        for p in get_resolver().url_patterns
        if isinstance(p, URLPattern) and not p.name
    ]
    assert unnamed == []


@pytest.fixture
def world(db: None, settings: Any) -> dict[str, Any]:
    return make_world(settings)


def _check(response: Any, expected: int | str) -> None:
    if expected == ALLOWED:
        assert response.status_code not in (401, 403, 404, 405)
        assert response.status_code < 500
        assert not response.get("Location", "").startswith(reverse("accounts:sign-in"))
    elif expected == SIGN_IN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:sign-in"))
    else:
        assert response.status_code == expected


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r or "public")
@pytest.mark.parametrize("name", sorted(RULES))
def test_access_rule(
    name: str, role: str | None, world: dict[str, Any], client_for_role: Any
) -> None:
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(world))
    client = client_for_role(role)
    response = getattr(client, rule.method)(url, rule.data)
    _check(response, rule.expected[role])


@pytest.mark.parametrize("role", ALL_ROLES, ids=lambda r: r or "public")
@pytest.mark.parametrize("name", ADMIN_URLS)
def test_admin_is_for_administrators_only(
    name: str, role: str | None, client_for_role: Any
) -> None:
    response = client_for_role(role).get(reverse(name))
    assert response.status_code == ADMIN_EXPECTED[role]
    if response.status_code == 302:
        location = response["Location"]
        assert location.startswith((reverse("admin:login"), reverse("accounts:sign-in")))
