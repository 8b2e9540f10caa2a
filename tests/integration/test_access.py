"""Every URL has an access rule, and every role gets exactly what the rule says."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from bestvalue.accounts.roles import Role
from tests.access import ADMIN_EXPECTED, ADMIN_URLS, ALL_ROLES, ALLOWED, RULES, SIGN_IN
from tests.factories import (
    in_memory_storage,
    make_authority,
    make_draft_notice,
    make_improvement_world,
    make_intervention_world,
    make_issued_notice,
    make_user,
)


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
    """One of each record the URLs name: a draft, an issued notice with a draft revision and a
    draft review, and a data request."""
    import datetime as dt

    from bestvalue.notices import engagement, reviews, services

    caseworker = make_user(Role.CASEWORKER)
    issued = make_issued_notice(caseworker=caseworker)
    revised = services.start_reissue(issued, by=caseworker)

    def review_of(notice: Any) -> Any:
        assessments = [
            reviews.AssessmentInput(e.pk, "met", "Seen.") for e in notice.expectations.all()
        ]
        return reviews.draft_review(
            notice,
            by=caseworker,
            reviewed_on=dt.date(2024, 6, 1),
            decision="lapse",
            rationale="Done.",
            assessments=assessments,
        )

    review = review_of(issued)
    issued_plain = make_issued_notice(caseworker=caseworker)
    review_awaiting = reviews.submit_review(
        review_of(make_issued_notice(caseworker=caseworker)), by=caseworker
    )
    interventions = make_intervention_world(caseworker)
    data_request = engagement.create_data_request(
        issued,
        by=caseworker,
        title="Weekly cash position",
        requested_on=dt.date(2024, 2, 1),
        first_due_on=dt.date(2024, 2, 8),
        recurrence="weekly",
    )
    return {
        "authority": make_authority(),
        "draft": make_draft_notice(caseworker=caseworker),
        "issued": issued,
        "revised": revised,
        "review": review,
        "data_request": data_request,
        "issued_plain": issued_plain,
        "review_awaiting": review_awaiting,
        "issued_letter": _issued_letter(settings, notice=issued, kind="notice"),
        **make_improvement_world(issued, settings=settings),
        **interventions,
        "issued_minded_to_letter": _issued_letter(
            settings, minded_to=interventions["intervention_letter_issued"], kind="minded-to"
        ),
    }


def _issued_letter(settings: Any, **owner: Any) -> Any:
    """A stored letter of an issued notice or minded-to letter, in memory (no files written by
    the access tests)."""
    import hashlib

    from django.core.files.base import ContentFile
    from django.utils import timezone

    from bestvalue.letters.models import IssuedLetter

    in_memory_storage(settings)
    data = b"%PDF-1.7 a letter as issued"
    letter = IssuedLetter(
        **owner,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        created_at=timezone.now(),
    )
    letter.file.save("letters/issued.pdf", ContentFile(data), save=False)
    letter.save()
    return letter


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
