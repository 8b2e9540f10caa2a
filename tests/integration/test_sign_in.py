"""Signing in and out, and the throttle on repeated failures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_a_user_signs_in_and_lands_on_their_home_page(client) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.AUTHORITY_OFFICER, first_name="Ada", last_name="Lovelace")
    response = client.post(
        reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:home")
    html = client.get(reverse("staff:home")).content.decode()
    assert "Ada Lovelace" in html
    assert "Authority officer" in html


def test_signing_in_returns_to_the_page_asked_for(client) -> None:  # type: ignore[no-untyped-def]
    # A caseworker: approvers give a one-time code next (tests/integration/test_two_factor.py).
    user = make_user(Role.CASEWORKER)
    response = client.post(
        reverse("accounts:sign-in") + "?next=/staff/",
        {"username": user.username, "password": PASSWORD, "next": "/staff/"},
    )
    assert response["Location"] == "/staff/"


def test_a_wrong_password_shows_an_error_summary(client) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.CASEWORKER)
    response = client.post(
        reverse("accounts:sign-in"), {"username": user.username, "password": "nope"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter a correct username and password" in html
    assert "<title>Error: Sign in" in html


def test_empty_fields_are_named_in_the_errors(client) -> None:  # type: ignore[no-untyped-def]
    html = client.post(reverse("accounts:sign-in"), {}).content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html
    assert 'href="#id_username"' in html


def test_a_switched_off_account_cannot_sign_in(client) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.CASEWORKER, is_active=False)
    response = client.post(
        reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_for_a_while(client, settings) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.CASEWORKER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:sign-in"), {"username": user.username, "password": "wrong"})
    response = client.post(
        reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "You have tried to sign in too many times" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_needs_a_post_and_ends_the_session(caseworker_client) -> None:  # type: ignore[no-untyped-def]
    assert caseworker_client.get(reverse("accounts:sign-out")).status_code == 405
    response = caseworker_client.post(reverse("accounts:sign-out"))
    assert response.status_code == 302
    assert caseworker_client.get(reverse("staff:home")).status_code == 302


def test_pages_show_sign_in_or_sign_out(client, caseworker_client) -> None:  # type: ignore[no-untyped-def]
    assert "Sign in" in client.get("/").content.decode()
    html = caseworker_client.get("/").content.decode()
    assert "Sign out" in html
    assert "Your work" in html


def test_department_users_land_on_the_case_workspace(client) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.CASEWORKER)
    client.post(reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD})
    html = client.get(reverse("staff:home")).content.decode()
    assert "Case workspace" in html
    assert "Department caseworker" in html
