"""A caseworker drafts a minded-to letter and previews it; an approver reads the letter and issues
it; the public finds it on the intervention's page and downloads the letter exactly as issued.
With JavaScript on (checked by axe) and off."""

from __future__ import annotations

import hashlib

import pytest

from bestvalue.accounts.roles import Role
from bestvalue.authorities.models import Authority
from bestvalue.letters.models import IssuedLetter
from tests.factories import PASSWORD, make_intervention, make_user

pytestmark = pytest.mark.django_db(transaction=True)

REFERENCE = "thurrock-test-2026"


def _fill_date(visitor, prefix: str, day: int, month: int, year: int) -> None:  # type: ignore[no-untyped-def]
    visitor.page.fill(f"#{prefix}-day", str(day))
    visitor.page.fill(f"#{prefix}-month", str(month))
    visitor.page.fill(f"#{prefix}-year", str(year))


def test_draft_preview_approve_and_download_a_minded_to_letter(visitor) -> None:  # type: ignore[no-untyped-def]
    make_user(Role.CASEWORKER, username="casey", first_name="Casey", last_name="Worker")
    make_user(Role.APPROVER, username="april", first_name="April", last_name="Prover")
    make_intervention(
        authority=Authority.objects.get(gss_code="E06000034"),
        reference=REFERENCE,
        trigger="The best value inspection found failures of governance and financial management.",
    )

    casey = visitor("caseworker")
    casey.sign_in("casey", PASSWORD)
    casey.go(f"/staff/interventions/{REFERENCE}/")
    casey.follow("Draft a minded-to letter")
    casey.submit("Save")  # nothing entered: the error summary links to the date
    assert casey.page.get_by_text("There is a problem").is_visible()
    _fill_date(casey, "id_letter_on", 9, 3, 2026)
    casey.page.check("input[value='s.15(5)']")
    casey.page.check("input[value='s.15(6)']")
    casey.page.fill("#id_proposed_powers", "Commissioners would exercise the finance functions.")
    casey.page.check("input[name=window][value=invited]")
    _fill_date(casey, "id_representations_by", 23, 3, 2026)
    casey.page.fill("#id_addressee_name", "Dave Smith")
    casey.page.fill("#id_addressee_role", "Chief Executive")
    casey.page.fill("#id_signatory_name", "Sam Minister")
    casey.page.fill("#id_signatory_role", "Minister of State for Local Government")
    casey.submit("Save")
    assert casey.page.get_by_text("Minded-to letter drafted.").is_visible()
    casey.follow("Preview the letter")
    assert casey.page.get_by_role("heading", name="Draft letter: Minded-to letter").is_visible()
    assert casey.page.get_by_text("Dear Dave Smith,").is_visible()
    assert casey.page.get_by_text(
        "make representations on these proposals by 23 March 2026"
    ).is_visible()
    casey.shot("draft-letter")
    casey.follow("Back to the intervention")
    casey.submit("Send for approval")
    assert casey.page.get_by_text("Sent for approval.").is_visible()

    april = visitor("approver")
    april.sign_in("april", PASSWORD)
    april.go(f"/staff/interventions/{REFERENCE}/")
    april.follow("Approve and issue")
    april.follow("Preview the letter")  # the approver reads the letter before issuing it
    assert april.page.get_by_text("Sam Minister").first.is_visible()
    april.page.go_back()
    april.submit("Approve and issue")
    assert april.page.get_by_text("with its letter").is_visible()
    april.shot("issued")

    stored = IssuedLetter.objects.get(minded_to__intervention__reference=REFERENCE, format="pdf")
    public = visitor("public")
    public.go(f"/interventions/{REFERENCE}/")
    assert public.page.get_by_text(stored.sha256).is_visible()
    link = public.page.get_by_role("link", name="Minded-to letter, PDF")
    href = link.get_attribute("href")
    assert href is not None
    response = public.page.request.get(public.base_url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(response.body()).hexdigest() == stored.sha256
    public.shot("public-intervention")
