"""Two-factor sign-in: enrolment with a QR code, sign-in with and without a code, recovery codes,
required for approvers and administrators (the admin included), offered to every staff role."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from bestvalue.accounts.roles import Role
from tests.clients import CheckingClient
from tests.factories import PASSWORD, enrol_two_factor, make_user, totp_code

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait_after_a_wrong_code(settings) -> None:  # type: ignore[no-untyped-def]
    """django-otp makes each wrong code wait longer (1 s, 2 s, 4 s...) before the next is
    checked; these tests retry at once."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def _password_step(client: CheckingClient, user) -> str:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("accounts:sign-in"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return str(response["Location"])


def test_an_approver_without_two_factor_is_sent_to_enrol_before_anything_else() -> None:
    client = CheckingClient()
    approver = make_user(Role.APPROVER, two_factor=False)
    assert _password_step(client, approver).startswith(reverse("accounts:two-factor-setup"))
    for path in (reverse("staff:home"), reverse("accounts:account")):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two-factor-setup"))
    # Public pages stay public.
    assert client.get("/register/").status_code == 200


def test_enrolment_shows_a_qr_code_and_confirms_with_a_code_giving_recovery_codes() -> None:
    client = CheckingClient()
    approver = make_user(Role.APPROVER, two_factor=False)
    _password_step(client, approver)
    page = client.get(reverse("accounts:two-factor-setup")).content.decode()
    assert "<svg" in page
    assert "Set up two-factor sign-in" in page
    device = TOTPDevice.objects.get(user=approver, confirmed=False)

    wrong = client.post(reverse("accounts:two-factor-setup"), {"code": "000000"})
    assert "Enter the 6-digit code your authenticator app shows now" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=approver, confirmed=True).exists()

    done = client.post(reverse("accounts:two-factor-setup"), {"code": totp_code(device)})
    html = done.content.decode()
    assert "Two-factor sign-in is set up" in html
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", html)
    assert len(codes) == 10
    assert client.get(reverse("staff:home")).status_code == 200


def test_sign_in_with_two_factor_needs_the_code() -> None:
    client = CheckingClient()
    approver = make_user(Role.APPROVER)
    device = TOTPDevice.objects.get(user=approver)
    assert _password_step(client, approver).startswith(reverse("accounts:two-factor-code"))
    # Without the code: nothing that needs signing in, the admin included.
    assert client.get(reverse("staff:home"))["Location"].startswith(
        reverse("accounts:two-factor-code")
    )
    wrong = client.post(reverse("accounts:two-factor-code"), {"code": "123456", "next": "/staff/"})
    assert wrong.status_code == 400
    assert "Enter the 6-digit code" in wrong.content.decode()
    right = client.post(
        reverse("accounts:two-factor-code"), {"code": totp_code(device), "next": "/staff/"}
    )
    assert right["Location"] == "/staff/"
    assert client.get(reverse("staff:home")).status_code == 200


def test_the_admin_needs_a_code_too() -> None:
    client = CheckingClient()
    admin = make_user(Role.ADMINISTRATOR)
    _password_step(client, admin)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two-factor-code"))
    client.post(
        reverse("accounts:two-factor-code"),
        {"code": totp_code(TOTPDevice.objects.get(user=admin))},
    )
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once() -> None:
    approver = make_user(Role.APPROVER)
    enrolled = CheckingClient()
    enrolled.force_login(approver)
    html = enrolled.post(reverse("accounts:recovery-codes")).content.decode()
    code = re.findall(r"<li><code>([a-z0-9]+)</code></li>", html)[0]

    first = CheckingClient()
    _password_step(first, approver)
    assert first.post(reverse("accounts:two-factor-code"), {"code": code})["Location"] == (
        reverse("staff:home")
    )
    second = CheckingClient()
    _password_step(second, approver)
    again = second.post(reverse("accounts:two-factor-code"), {"code": code})
    assert again.status_code == 400
    assert "one of your recovery codes" in again.content.decode()


def test_a_caseworker_is_offered_two_factor_and_signs_in_without_it_until_enrolled() -> None:
    client = CheckingClient()
    caseworker = make_user(Role.CASEWORKER)
    assert _password_step(client, caseworker) == reverse("staff:home")
    assert "Set up two-factor sign-in" in client.get(reverse("accounts:account")).content.decode()
    enrol_two_factor(caseworker)
    later = CheckingClient()
    assert _password_step(later, caseworker).startswith(reverse("accounts:two-factor-code"))
