"""An approver enrols in two-factor sign-in (QR code page, code, recovery codes), signs out, signs
in again with a code from the app, and approves a draft. JavaScript on (axe checks every page,
the new ones included) and off."""

from __future__ import annotations

import pytest

from bestvalue.accounts.roles import Role
from tests.factories import PASSWORD, make_draft_notice, make_user, totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_approver_enrols_signs_out_signs_in_with_a_code_and_approves(visitor) -> None:  # type: ignore[no-untyped-def]
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bestvalue.accounts import twofactor
    from bestvalue.authorities.selectors import authority_by_gss
    from bestvalue.notices import services

    casey = make_user(Role.CASEWORKER, username="casey")
    draft = make_draft_notice(caseworker=casey, authority=authority_by_gss("E06000034"))
    services.submit_for_approval(draft, by=casey, version=draft.version)
    make_user(Role.APPROVER, username="april", two_factor=False)

    april = visitor("approver")
    april.go("/sign-in/")
    april.page.fill("#id_username", "april")
    april.page.fill("#id_password", PASSWORD)
    april.submit("Sign in")
    # Sent to enrol before anything else.
    assert "/account/two-factor/" in april.page.url
    assert april.page.locator(".app-qr-code svg").count() == 1
    device = TOTPDevice.objects.get(user__username="april", confirmed=False)
    assert april.page.locator("#secret-key").inner_text() == twofactor.secret_text(device)
    april.shot("two-factor-setup")
    april.submit("Continue")  # no code: the error is shown and links to the field
    assert april.page.get_by_text("There is a problem").is_visible()
    april.page.fill("#id_code", totp_code(device))
    april.submit("Continue")
    assert april.page.get_by_text("Two-factor sign-in is set up").is_visible()
    assert april.page.locator("#recovery-codes li").count() == 10
    april.shot("recovery-codes")
    april.follow("Continue")

    april.follow("Your account")
    assert april.page.get_by_text("Two-factor sign-in").first.is_visible()
    april.page.get_by_role("button", name="Sign out", exact=True).click()
    april.page.wait_for_load_state()
    april.go("/sign-in/")
    april.page.fill("#id_username", "april")
    april.page.fill("#id_password", PASSWORD)
    april.submit("Sign in")
    assert "/sign-in/code/" in april.page.url
    april.shot("sign-in-code")
    april.enter_code("april")
    assert "/sign-in/code/" not in april.page.url

    april.go(f"/staff/notices/{draft.pk}/")
    april.follow("Approve and issue")
    april.page.fill("#id_issued_on-day", "2")
    april.page.fill("#id_issued_on-month", "2")
    april.page.fill("#id_issued_on-year", "2026")
    april.submit("Approve and issue")
    assert april.page.get_by_text("approved and issued").is_visible()
