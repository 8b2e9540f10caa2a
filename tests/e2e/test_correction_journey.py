"""A mistyped issue date corrected in the open (issue 13, point 3): a caseworker proposes the
correction with a reason, an approver approves it as read, and the public page shows the dated
correction note. With JavaScript on (checked by axe) and off."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bestvalue.accounts.roles import Role
from tests.factories import PASSWORD, make_issued_notice, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_mistyped_issue_date_is_corrected_with_a_public_note(visitor) -> None:  # type: ignore[no-untyped-def]
    from bestvalue.authorities.selectors import authority_by_gss

    caseworker = make_user(Role.CASEWORKER, username="casey")
    make_user(Role.APPROVER, username="april")
    notice = make_issued_notice(
        caseworker=caseworker,
        authority=authority_by_gss("E06000034"),
        issued_on=dt.date(2031, 1, 1),
    )

    casey = visitor("caseworker")
    casey.sign_in("casey", PASSWORD)
    casey.go(f"/staff/notices/{notice.pk}/")
    casey.follow("Propose a correction")
    assert casey.page.get_by_text("This reason is published with the correction").is_visible()
    casey.page.fill("#id_issued_on-year", "2026")
    casey.submit("Propose the correction")  # no reason: the error is shown
    assert casey.page.get_by_text("There is a problem").is_visible()
    casey.page.fill("#id_issued_on-year", "2026")
    casey.page.fill("#id_reason", "The year of issue was mistyped.")
    casey.submit("Propose the correction")
    assert casey.page.get_by_text("Another approver must approve it").is_visible()
    casey.shot("proposed")

    april = visitor("approver")
    april.sign_in("april", PASSWORD)
    april.go(casey.page.url.removeprefix(casey.base_url))
    assert april.page.get_by_text("1 January 2031").first.is_visible()
    april.submit("Approve and publish the correction")
    assert april.page.get_by_text("The correction was approved and published.").is_visible()

    public = visitor("public")
    public.go(f"/notices/{notice.reference}/")
    note = public.page.get_by_text(
        re.compile(
            r"Corrected on \d+ \w+ \d{4}: the date of issue was given as 1 January 2031; "
            r"it is 1 January 2026\."
        )
    )
    assert note.is_visible()
    assert public.page.get_by_text("The year of issue was mistyped.").is_visible()
    public.shot("public-note")
