"""A caseworker drafts a notice, an approver issues it, the public finds it; a reissue with its
change page; a review that lets a notice lapse. With JavaScript on (checked by axe) and off."""

from __future__ import annotations

import pytest

from bestvalue.accounts.roles import Role
from tests.factories import PASSWORD, make_issued_notice, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_date(visitor, prefix: str, day: int, month: int, year: int) -> None:  # type: ignore[no-untyped-def]
    visitor.page.fill(f"#{prefix}-day", str(day))
    visitor.page.fill(f"#{prefix}-month", str(month))
    visitor.page.fill(f"#{prefix}-year", str(year))


def test_draft_approve_issue_and_find_it_on_the_register(visitor) -> None:  # type: ignore[no-untyped-def]
    make_user(Role.CASEWORKER, username="casey", first_name="Casey", last_name="Worker")
    make_user(Role.APPROVER, username="april", first_name="April", last_name="Prover")

    casey = visitor("caseworker")
    casey.sign_in("casey", PASSWORD)
    casey.follow("Draft a notice")
    casey.page.select_option("#id_authority", label="Thurrock Council")
    casey.page.fill("#id_addressee_name", "Dave Smith")
    casey.page.fill("#id_addressee_role", "Chief Executive")
    casey.submit("Save and continue")
    casey.follow("Add a ground")
    casey.page.fill(
        "#id_text", "The auditor's statutory recommendations on commercial investments."
    )
    casey.page.check("input[value=use_of_resources]")
    casey.submit("Save")
    casey.follow("Add an expectation")
    casey.submit("Save")  # nothing entered: the errors are shown and link to their fields
    assert casey.page.get_by_text("There is a problem").is_visible()
    casey.page.fill("#id_text", "Work with the independent improvement board.")
    casey.page.check("input[value=continuous_improvement]")
    casey.submit("Save")
    casey.shot("draft")
    casey.submit("Send for approval")
    assert casey.page.get_by_text("Sent for approval.").is_visible()

    april = visitor("approver")
    april.sign_in("april", PASSWORD)
    april.follow("Notice to Thurrock Council")
    april.follow("Approve and issue")
    _fill_date(april, "id_issued_on", 2, 2, 2026)
    april.submit("Approve and issue")
    assert april.page.get_by_text("approved and issued").is_visible()
    april.shot("issued")

    public = visitor("public")
    public.go("/authorities/E06000034/")
    public.follow("BVN-2026-001")
    assert public.page.get_by_text("Work with the independent improvement board.").is_visible()
    assert public.page.get_by_text("2 February 2027").is_visible()  # end of the 12-month period
    public.shot("public-notice")


def test_reissue_with_the_change_page(visitor) -> None:  # type: ignore[no-untyped-def]
    from bestvalue.authorities.selectors import authority_by_gss

    caseworker = make_user(Role.CASEWORKER, username="casey")
    notice = make_issued_notice(
        caseworker=caseworker,
        authority=authority_by_gss("E47000008"),
        expectations=["Keep the Improvement Board.", "Implement the plan."],
    )
    casey = visitor("caseworker")
    casey.sign_in("casey", PASSWORD)
    casey.go(f"/staff/notices/{notice.pk}/")
    casey.submit("Start a revised notice")
    assert casey.page.get_by_text("Revised notice started").is_visible()
    casey.follow("Add an acknowledgement")
    casey.page.fill("#id_text", "Permanent appointments to the senior leadership team.")
    casey.submit("Save")
    casey.follow("what changed")
    assert casey.page.get_by_text("0 added, 0 dropped, 0 reworded, 2 unchanged").is_visible()
    assert casey.page.get_by_text("12 months, now 6 months").is_visible()
    casey.shot("changes")


def test_review_and_lapse(visitor) -> None:  # type: ignore[no-untyped-def]
    caseworker = make_user(Role.CASEWORKER, username="casey")
    make_user(Role.APPROVER, username="april")
    from bestvalue.authorities.selectors import authority_by_gss

    notice = make_issued_notice(
        caseworker=caseworker,
        authority=authority_by_gss("E06000002"),
        expectations=["Keep the Improvement Board."],
    )
    expectation = notice.expectations.get()
    casey = visitor("caseworker")
    casey.sign_in("casey", PASSWORD)
    casey.go(f"/staff/notices/{notice.pk}/")
    casey.follow("Review this notice")
    _fill_date(casey, "id_reviewed_on", 2, 1, 2025)
    casey.page.check(f"input[name=rating_{expectation.pk}][value=met]")
    casey.page.fill(
        f"#id_commentary_{expectation.pk}", "The board met monthly and its advice was taken."
    )
    casey.page.check("input[name=decision][value=lapse]")
    casey.page.fill("#id_rationale", "Sufficient assurance of improvement.")
    casey.submit("Save review")
    casey.submit("Send for approval")
    april = visitor("approver")
    april.sign_in("april", PASSWORD)
    april.go(casey.page.url.replace(casey.base_url, ""))
    april.submit("Approve the decision")
    assert april.page.get_by_text("Decision approved").is_visible()
    april.go(f"/staff/notices/{notice.pk}/")
    assert april.page.get_by_text("Lapsed").first.is_visible()
    april.shot("lapsed")
