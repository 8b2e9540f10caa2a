"""Sessions as ASVS level 2 expects: an idle timeout besides the absolute one, signing out of
every device, a sign-in lock that moving address does not escape, and no caching of staff pages."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from bestvalue.accounts.roles import Role
from tests.clients import CheckingClient
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_an_idle_session_ends_after_the_idle_timeout(settings) -> None:  # type: ignore[no-untyped-def]
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    client = CheckingClient()
    with time_machine.travel(start, tick=False):
        client.force_login(make_user(Role.CASEWORKER))
        assert client.get(reverse("staff:home")).status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        assert client.get(reverse("staff:home")).status_code == 200  # activity keeps it alive
    with time_machine.travel(start + dt.timedelta(minutes=29 + 31), tick=False):
        response = client.get(reverse("staff:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


def test_sign_out_of_every_device_ends_every_session() -> None:
    user = make_user(Role.CASEWORKER)
    laptop, phone = CheckingClient(), CheckingClient()
    for client in (laptop, phone):
        client.post(reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD})
        assert client.get(reverse("staff:home")).status_code == 200
    response = laptop.post(reverse("accounts:sign-out-everywhere"))
    assert response["Location"] == reverse("accounts:sign-in")
    for client in (laptop, phone):
        assert client.get(reverse("staff:home")).status_code == 302
    again = CheckingClient()
    again.post(reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD})
    assert again.get(reverse("staff:home")).status_code == 200


def test_the_sign_in_lock_counts_failures_across_addresses(settings) -> None:  # type: ignore[no-untyped-def]
    user = make_user(Role.CASEWORKER)
    for n in range(settings.AXES_FAILURE_LIMIT):
        CheckingClient(REMOTE_ADDR=f"192.0.2.{n + 1}").post(
            reverse("accounts:sign-in"), {"username": user.username, "password": "wrong"}
        )
    fresh_address = CheckingClient(REMOTE_ADDR="198.51.100.7")
    response = fresh_address.post(
        reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "You have tried to sign in too many times" in response.content.decode()
    assert "_auth_user_id" not in fresh_address.session


def test_the_lock_answers_the_same_for_an_account_that_does_not_exist(settings) -> None:  # type: ignore[no-untyped-def]
    real = make_user(Role.CASEWORKER)
    answers = []
    for username in (real.username, "nobody-of-that-name"):
        client = CheckingClient()
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("accounts:sign-in"), {"username": username, "password": "wrong"})
        response = client.post(
            reverse("accounts:sign-in"), {"username": username, "password": "wrong"}
        )
        answers.append((response.status_code, response.content.decode().count("too many times")))
    assert answers[0] == answers[1] == (429, 1)


def test_signed_in_responses_are_private_and_not_stored(caseworker_client) -> None:  # type: ignore[no-untyped-def]
    response = caseworker_client.get(reverse("staff:home"))
    assert response["Cache-Control"] == "private, no-store"
    assert caseworker_client.get("/register/")["Cache-Control"] == "private, no-store"


def test_every_response_carries_a_permissions_policy(client) -> None:  # type: ignore[no-untyped-def]
    policy = client.get("/")["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy
    assert "private" not in client.get("/about/").get("Cache-Control", "")
