"""Published notices on the public pages; drafts never."""

from __future__ import annotations

import pytest
from django.urls import reverse

from bestvalue.notices import services
from tests.factories import make_draft_notice, make_issued_notice

pytestmark = pytest.mark.django_db


def test_a_published_notice_has_a_public_page(client) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice(expectations=["Work with the improvement board."])
    html = client.get(
        reverse("register:notice", kwargs={"reference": notice.reference})
    ).content.decode()
    assert notice.authority.official_name in html
    assert "Work with the improvement board." in html
    assert "1 January 2025" in html  # end of the 12-month period


def test_the_authority_page_lists_its_published_notices_only(client) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice()
    draft = make_draft_notice(
        authority=notice.authority, expectations=["A secret draft expectation."]
    )
    html = client.get(
        reverse("register:authority", kwargs={"gss_code": notice.authority.gss_code})
    ).content.decode()
    assert notice.reference in html
    assert "A secret draft expectation." not in html
    assert draft.pk


def test_drafts_and_notices_awaiting_approval_are_not_found(client) -> None:  # type: ignore[no-untyped-def]
    draft = make_draft_notice()
    services.update_draft(draft, by=draft.drafted_by, version=draft.version, addressee_name="X")
    for reference in ["BVN-2099-001", "None", str(draft.pk)]:
        assert (
            client.get(reverse("register:notice", kwargs={"reference": reference})).status_code
            == 404
        )
