"""An approver reads the draft lapse letter of a notice whose review decides to let it lapse,
approves the decision, and the public finds the letter (not reissued) on the notice's page and
downloads it exactly as issued. With JavaScript on (checked by axe) and off."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from bestvalue.accounts.roles import Role
from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.letters.models import IssuedLetter
from bestvalue.notices import reviews
from tests.factories import PASSWORD, make_issued_notice, make_user

pytestmark = pytest.mark.django_db(transaction=True)


def test_approve_a_lapse_and_find_its_lapse_letter_on_the_public_notice_page(visitor) -> None:  # type: ignore[no-untyped-def]
    today = clock.today()
    casey = make_user(Role.CASEWORKER, username="casey", first_name="Casey", last_name="Worker")
    make_user(Role.APPROVER, username="april", first_name="April", last_name="Prover")
    notice = make_issued_notice(
        authority=Authority.objects.get(gss_code="E47000008"),
        issued_on=today - dt.timedelta(days=200),
        period_months=6,
        caseworker=casey,
    )
    review = reviews.draft_review(
        notice,
        by=casey,
        reviewed_on=today - dt.timedelta(days=2),
        decision="lapse",
        rationale="The Authority has met the expectations of the Notice.",
        assessments=[
            reviews.AssessmentInput(e.pk, "met", "Done.") for e in notice.expectations.all()
        ],
    )
    reviews.submit_review(review, by=casey)

    april = visitor("approver")
    april.sign_in("april", PASSWORD)
    april.go(f"/staff/notices/{notice.pk}/")
    april.follow("Preview the outcome letter")
    assert april.page.get_by_role(
        "heading", name="Draft letter: Best Value Notice not reissued"
    ).is_visible()
    assert april.page.get_by_text(
        "The Authority has met the expectations of the Notice."
    ).is_visible()
    april.shot("draft-lapse-letter")
    april.go(f"/staff/reviews/{review.pk}/")
    april.submit("Approve the decision")
    assert april.page.get_by_text("Decision approved and applied to the notice.").is_visible()

    stored = IssuedLetter.objects.get(notice=notice, kind="outcome", format="pdf")
    public = visitor("public")
    public.go(f"/notices/{notice.reference}/")
    assert public.page.get_by_text(stored.sha256).is_visible()
    link = public.page.get_by_role("link", name="Outcome letter (not reissued), PDF")
    href = link.get_attribute("href")
    assert href == f"/notices/{notice.reference}/letters/outcome.pdf"
    response = public.page.request.get(public.base_url + href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(response.body()).hexdigest() == stored.sha256
    public.shot("public-notice-with-lapse-letter")
