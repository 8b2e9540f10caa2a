"""Hostile input on the department's forms: clear errors, nothing stored, and what is stored is
escaped on every page that shows it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.notices.models import Expectation, Notice
from tests.clients import CheckingClient
from tests.factories import make_draft_notice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker() -> tuple[CheckingClient, object]:
    user = make_user(Role.CASEWORKER)
    client = CheckingClient()
    client.force_login(user)
    return client, user


HOSTILE_TEXT = [
    ("x" * 5001, "must be 5,000 characters or fewer"),
    ("Bell\x07 and escape\x1b[31m", "Remove the invisible control characters"),
    ("Null\x00byte", "Null characters are not allowed"),
    ("C1\x85control", "Remove the invisible control characters"),
]


@pytest.mark.parametrize(("text", "message"), HOSTILE_TEXT)
def test_hostile_item_text_is_refused_and_nothing_is_stored(
    caseworker, text: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    client, user = caseworker
    notice = make_draft_notice(caseworker=user)
    before = Expectation.objects.count()
    response = client.post(
        reverse("staff:item-add", kwargs={"pk": notice.pk, "kind": "expectations"}),
        {"version": notice.version, "text": text, "themes": ["culture"]},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Expectation.objects.count() == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("period_months", "twelve", "Enter the period as a whole number of months"),
        ("period_months", "-3", "The period must be between 1 and 36 months"),
        ("period_months", "9999999999999999999999", "The period must be between 1 and 36 months"),
        ("authority", "999999", "Choose an authority from the list"),
        ("authority", "'; DROP TABLE notices_notice; --", "Choose an authority from the list"),
        ("addressee_name", "y" * 201, "must be 200 characters or fewer"),
        (
            "signatory_role",
            "Tab\tis fine but form feed\x0c is not",
            "Remove the invisible control characters",
        ),
    ],
)
def test_hostile_notice_details_are_refused(
    caseworker, field: str, value: str, message: str
) -> None:  # type: ignore[no-untyped-def]
    client, _ = caseworker
    from tests.factories import make_authority

    data = {
        "authority": str(make_authority().pk),
        "period_months": "12",
        "addressee_name": "",
        "addressee_role": "",
        "signatory_name": "",
        "signatory_role": "",
    }
    data[field] = value
    response = client.post(reverse("staff:notice-new"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Notice.objects.count() == 0


@pytest.mark.parametrize("version", ["abc", "", "-1", "1.5"])
def test_a_tampered_version_is_refused(caseworker, version: str) -> None:  # type: ignore[no-untyped-def]
    client, user = caseworker
    notice = make_draft_notice(caseworker=user)
    response = client.post(
        reverse("staff:item-add", kwargs={"pk": notice.pk, "kind": "grounds"}),
        {"version": version, "text": "A ground."},
    )
    assert response.status_code == 400
    assert notice.grounds.count() == 1


def test_script_is_stored_as_text_and_escaped_everywhere_it_is_shown(caseworker) -> None:  # type: ignore[no-untyped-def]
    client, user = caseworker
    notice = make_draft_notice(caseworker=user)
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    client.post(
        reverse("staff:item-add", kwargs={"pk": notice.pk, "kind": "expectations"}),
        {"version": notice.version, "text": payload, "themes": ["culture"]},
    )
    assert notice.expectations.filter(text=payload).exists()
    html = client.get(reverse("staff:notice", kwargs={"pk": notice.pk})).content.decode()
    assert payload not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html or "&lt;script&gt;" in html


def test_an_unknown_theme_is_refused(caseworker) -> None:  # type: ignore[no-untyped-def]
    client, user = caseworker
    notice = make_draft_notice(caseworker=user)
    response = client.post(
        reverse("staff:item-add", kwargs={"pk": notice.pk, "kind": "expectations"}),
        {"version": notice.version, "text": "Text", "themes": ["<svg>"]},
    )
    assert response.status_code == 400
    assert (
        "Choose themes from the list" in response.content.decode()
        or "Select a valid choice" in response.content.decode()
    )
