"""Casework journeys (issue 17): a caseworker finds a draft in the case list by search and filter,
adds a note to a notice, and corrects an engagement as recorded. With JavaScript on (checked by
axe) and off."""

from __future__ import annotations

import datetime as dt

import pytest

from bestvalue.accounts.roles import Role
from bestvalue.notices import engagement
from tests.factories import PASSWORD, make_draft_notice, make_issued_notice, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_find_a_draft_add_a_note_and_correct_an_engagement(visitor) -> None:  # type: ignore[no-untyped-def]
    from bestvalue.authorities.selectors import authority_by_gss

    casey = make_user(Role.CASEWORKER, username="casey", first_name="Casey", last_name="Worker")
    slough = authority_by_gss("E06000039")
    draft = make_draft_notice(caseworker=casey, authority=slough)
    notice = make_issued_notice(
        caseworker=casey, authority=authority_by_gss("E06000034"), issued_on=dt.date(2026, 1, 5)
    )
    engagement.record_engagement(
        notice,
        by=casey,
        kind="meeting",
        occurred_on=dt.date(2026, 1, 20),
        summary="Met the leader.",
    )

    page = visitor("caseworker")
    page.sign_in("casey", PASSWORD)
    page.go("/staff/")
    page.follow("Search and filter the drafts")
    page.page.fill("#id_q", "Slough")
    page.page.select_option("#id_drafter", str(casey.pk))
    page.submit("Apply filters")
    assert page.page.get_by_text("1 notice", exact=True).is_visible()
    page.shot("case-list")
    page.follow("Draft")
    assert f"/staff/notices/{draft.pk}/" in page.page.url

    page.go(f"/staff/notices/{notice.pk}/")
    page.follow("Add a note")
    page.submit("Save")  # empty: the error summary is at the top
    assert page.page.get_by_text("There is a problem").is_visible()
    page.page.fill("#id_text", "The leader asked for a call before the review.")
    page.submit("Save")
    assert page.page.get_by_text("Note added.").is_visible()
    note = page.page.locator(".app-note-text", has_text="The leader asked for a call")
    assert note.is_visible()

    page.follow("Correct the engagement")
    page.page.fill("#id_summary", "Met the leader and the chief executive.")
    page.submit("Save")
    assert page.page.get_by_text("The engagement was corrected.").is_visible()
    assert page.page.get_by_text("corrected by Casey Worker", exact=False).first.is_visible()
    page.shot("corrected")
