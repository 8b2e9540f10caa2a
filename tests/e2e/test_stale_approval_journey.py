"""An approval is of the version read: an approver opens "Approve and issue", the caseworker takes
the draft back, changes an expectation and sends it again; the approver's approval is refused and
shows what changed; approving the version now shown issues it. JavaScript on (axe) and off."""

from __future__ import annotations

import pytest

from bestvalue.accounts.roles import Role
from bestvalue.notices.models import Notice
from tests.factories import PASSWORD, make_draft_notice, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_stale_approval_in_the_browser_is_refused_and_shows_the_change(visitor) -> None:  # type: ignore[no-untyped-def]
    from bestvalue.authorities.selectors import authority_by_gss
    from bestvalue.notices import services

    casey_user = make_user(Role.CASEWORKER, username="casey")
    make_user(Role.APPROVER, username="april")
    notice = make_draft_notice(
        caseworker=casey_user,
        authority=authority_by_gss("E06000034"),
        expectations=["Work with the independent improvement board."],
    )
    services.submit_for_approval(notice, by=casey_user)

    april = visitor("approver")
    april.sign_in("april", PASSWORD)
    april.go(f"/staff/notices/{notice.pk}/approve/")
    for part, value in (("day", "1"), ("month", "12"), ("year", "2026")):
        april.page.fill(f"#id_issued_on-{part}", value)

    casey = visitor("caseworker")
    casey.sign_in("casey", PASSWORD)
    casey.go(f"/staff/notices/{notice.pk}/")
    casey.follow("Take it back to change it")
    casey.page.fill("#id_reason", "Name the board's chair in expectation 1.")
    casey.submit("Return to draft")
    casey.page.get_by_role("link", name="Change expectation 1").click()
    casey.page.wait_for_load_state()
    casey.page.fill("#id_text", "Work with the independent improvement board and its chair.")
    casey.submit("Save")
    casey.submit("Send for approval")
    assert casey.page.get_by_text("Sent for approval.").is_visible()

    april.submit("Approve and issue")  # the form opened before the change
    assert april.page.get_by_text("There is a problem").is_visible()
    assert april.page.get_by_text("What changed since you opened it").first.is_visible()
    assert april.page.get_by_text("Work with the independent improvement board.").first.is_visible()
    assert april.page.get_by_text(
        "Work with the independent improvement board and its chair."
    ).first.is_visible()
    april.shot("stale-approval-refused")
    notice.refresh_from_db()
    assert notice.status == "awaiting_approval"
    assert notice.reference is None

    for part, value in (("day", "1"), ("month", "12"), ("year", "2026")):
        april.page.fill(f"#id_issued_on-{part}", value)
    april.submit("Approve and issue")  # the version now shown
    assert april.page.get_by_text("approved and issued").is_visible()
    issued = Notice.objects.get(pk=notice.pk)
    assert issued.status == "issued"
    assert issued.expectations.get().text.endswith("and its chair.")
