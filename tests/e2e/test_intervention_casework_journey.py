"""A caseworker finds a draft intervention in the case list by search and filter, adds a note
to it, and downloads the list (issue 17). With JavaScript on (checked by axe) and off."""

from __future__ import annotations

import pytest

from bestvalue.accounts.roles import Role
from tests.factories import PASSWORD, make_directions, make_intervention, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_caseworker_finds_a_draft_case_and_adds_a_note(visitor) -> None:  # type: ignore[no-untyped-def]
    from bestvalue.authorities.selectors import authority_by_gss

    make_user(Role.CASEWORKER, username="casey")
    slough = authority_by_gss("E06000039")
    draft = make_intervention(
        authority=slough, reference="slough-2026", publication="draft", trigger="Finances."
    )
    other = make_intervention(authority=authority_by_gss("E06000034"), reference="thurrock-2026")
    make_directions(intervention=other)  # another case, issued, which the filters leave out

    casey = visitor("caseworker")
    casey.sign_in("casey", PASSWORD)
    casey.go("/staff/interventions/")
    casey.page.fill("#id_q", "Slough")
    casey.page.select_option("#id_status", "draft")
    casey.submit("Apply")
    rows = casey.page.locator("table tbody tr")
    assert rows.count() == 1
    assert "slough-2026" in rows.first.inner_text()
    assert casey.page.get_by_text("1 case").first.is_visible()
    casey.shot("case-list")
    with casey.page.expect_download() as download:
        casey.page.get_by_role("link", name="CSV").click()
    assert "slough-2026" in download.value.path().read_text()

    casey.follow("slough-2026")
    casey.follow("Add a note")
    casey.submit("Add the note")  # empty: the error is shown at the top
    assert casey.page.get_by_text("There is a problem").is_visible()
    casey.page.fill("#id_text", "Spoke to the section 151 officer about the budget gap.")
    casey.submit("Add the note")
    assert casey.page.get_by_text("Note added.").is_visible()
    assert casey.page.get_by_text("Spoke to the section 151 officer").is_visible()
    casey.shot("note")
    assert draft.notes.count() == 1

    public = visitor("public")
    public.page.goto(public.base_url + f"/interventions/{draft.reference}/")
    assert "Spoke to the section 151 officer" not in public.page.content()
