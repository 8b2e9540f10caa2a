"""Approval binds to what was read (issue 13.1): the notice's "Approve and issue" and the review's
decision carry the digest of the content shown; a record changed since is refused with what
changed, and nothing is issued. The staff pages show who approved, when and the SHA-256 approved,
the approver's reason for a return, and the record's history (13.4)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.notices import reviews, services
from bestvalue.notices.approval import approval_content, approval_digest
from bestvalue.notices.errors import StaleApproval
from bestvalue.notices.models import Notice, Review, ReviewStatus
from bestvalue.notices.rules import Status
from bestvalue.notices.services import ItemInput
from bestvalue.records import selectors as records
from bestvalue.records.rules import digest
from tests.clients import CheckingClient
from tests.factories import make_draft_notice, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

ISSUE_DATE = {"issued_on-day": "3", "issued_on-month": "6", "issued_on-year": "2024"}


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def _digest(html: str) -> str:
    found = re.search(r'name="digest" (?:type="hidden" )?value="([0-9a-f]{64})"', html)
    assert found, "the approve form carries no digest of the content read"
    return found.group(1)


def _awaiting() -> tuple[Notice, Any]:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_draft_notice(caseworker=caseworker, expectations=["Keep the board."])
    return services.submit_for_approval(notice, by=caseworker), caseworker


def _change_expectation(notice: Notice, caseworker: Any, text: str) -> Notice:
    """The caseworker takes the notice back, changes its expectation and sends it again."""
    notice = services.return_to_draft(notice, by=caseworker, reason="One more change.")
    notice = services.save_item(
        notice,
        by=caseworker,
        version=notice.version,
        kind="expectations",
        item=ItemInput(text, ["continuous_improvement"]),
        position=1,
    )
    return services.submit_for_approval(notice, by=caseworker)


# --- The notice ---------------------------------------------------------------------------------


def test_stale_approval_of_a_notice_through_the_page_is_refused_with_what_changed() -> None:
    notice, caseworker = _awaiting()
    approver = _client(make_user(Role.APPROVER))
    url = reverse("staff:notice-approve", kwargs={"pk": notice.pk})
    opened = approver.get(url).content.decode()
    assert "Keep the board." in opened  # the content is shown to the approver
    _change_expectation(notice, caseworker, "Dissolve the board.")

    response = approver.post(url, {**ISSUE_DATE, "digest": _digest(opened)})

    assert response.status_code == 409
    html = response.content.decode()
    assert "has changed since you opened it, so it has not been approved" in html
    assert "What changed since you opened it" in html
    assert "Expectations 1: Text" in html
    assert "Keep the board." in html
    assert "Dissolve the board." in html
    notice.refresh_from_db()
    assert (notice.status, notice.reference) == (Status.AWAITING_APPROVAL, None)
    # The page offers the current content with its own digest: approving that issues it.
    fresh = _digest(html)
    assert fresh == approval_digest(notice)
    assert approver.post(url, {**ISSUE_DATE, "digest": fresh}).status_code == 302
    notice.refresh_from_db()
    assert notice.status == Status.ISSUED


def test_stale_approval_of_a_notice_by_the_service_issues_nothing() -> None:
    notice, caseworker = _awaiting()
    read = approval_digest(notice)
    notice = _change_expectation(notice, caseworker, "Dissolve the board.")
    with pytest.raises(StaleApproval) as refused:
        services.approve_and_issue(
            notice, by=make_user(Role.APPROVER), issued_on=dt.date(2024, 6, 3), digest=read
        )
    assert [(c.label, c.before, c.after) for c in refused.value.changes] == [
        ("Expectations 1: Text", "Keep the board.", "Dissolve the board.")
    ]
    notice.refresh_from_db()
    assert (notice.status, notice.reference, notice.approved_by) == (
        Status.AWAITING_APPROVAL,
        None,
        None,
    )
    assert records.approval_of(notice) is None


def test_a_notice_approved_as_read_stores_the_sha256_of_the_content_approved() -> None:
    notice, _ = _awaiting()
    approver = make_user(Role.APPROVER)
    read = approval_digest(notice)
    services.approve_and_issue(notice, by=approver, issued_on=dt.date(2024, 6, 3), digest=read)
    approval = records.approval_of(notice)
    assert approval is not None
    assert (approval.decided_by, approval.digest) == (approver, read)
    assert approval.digest == digest(approval_content(notice))

    page = _client(make_user(Role.CASEWORKER)).get(
        reverse("staff:notice", kwargs={"pk": notice.pk})
    )
    html = page.content.decode()
    assert "Content approved (SHA-256)" in html
    assert read in html
    assert approver.username in html


def test_the_content_approved_names_every_published_part_with_its_themes() -> None:
    notice, _ = _awaiting()
    content = approval_content(notice)
    assert content["Addressee's name"] == "A. Chief"
    assert content["Period in months"] == 12
    assert content["Grounds"] == [
        {"Text": "Concerns about governance.", "Source document": "", "Themes": ["Governance"]}
    ]
    assert content["Expectations"] == [
        {"Text": "Keep the board.", "Themes": ["Continuous improvement"]}
    ]


def test_a_returned_draft_shows_the_approvers_reason_at_the_top() -> None:
    notice, caseworker = _awaiting()
    approver = make_user(Role.APPROVER)
    url = reverse("staff:notice-return", kwargs={"pk": notice.pk})
    response = _client(approver).post(
        url, {"version": notice.version, "reason": "Expectation 1 needs a date by which to act."}
    )
    assert response.status_code == 302
    html = _client(caseworker).get(reverse("staff:notice", kwargs={"pk": notice.pk})).content
    text = html.decode()
    assert "Returned to draft" in text
    assert "Expectation 1 needs a date by which to act." in text
    assert text.index("Expectation 1 needs a date") < text.index("<h1")


# --- The review ---------------------------------------------------------------------------------


def _review_awaiting() -> tuple[Review, Any]:
    notice = make_issued_notice(expectations=["Keep the board."])
    caseworker = make_user(Role.CASEWORKER)
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=dt.date(2024, 12, 2),
        decision="withdraw",
        rationale="The board is no longer needed.",
        assessments=[
            reviews.AssessmentInput(e.pk, "met", "Done.") for e in notice.expectations.all()
        ],
    )
    return reviews.submit_review(review, by=caseworker), caseworker


def _change_rationale(review: Review, caseworker: Any) -> Review:
    review = reviews.return_review(review, by=caseworker, reason="Reword it.")
    review = reviews.update_review(
        review,
        by=caseworker,
        version=review.version,
        reviewed_on=review.reviewed_on,
        decision="escalate",
        rationale="Escalate to intervention.",
        assessments=[
            reviews.AssessmentInput(a.expectation_id, a.rating, a.commentary)
            for a in review.assessments.all()
        ],
    )
    return reviews.submit_review(review, by=caseworker)


def test_stale_approval_of_a_review_through_the_page_is_refused_with_what_changed() -> None:
    review, caseworker = _review_awaiting()
    approver = _client(make_user(Role.APPROVER))
    opened = approver.get(reverse("staff:review", kwargs={"pk": review.pk})).content.decode()
    _change_rationale(review, caseworker)

    response = approver.post(
        reverse("staff:review-approve", kwargs={"pk": review.pk}), {"digest": _digest(opened)}
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "What changed since you opened it" in html
    assert "The board is no longer needed." in html
    assert "Escalate to intervention." in html
    review.refresh_from_db()
    assert review.status == ReviewStatus.AWAITING_APPROVAL
    assert review.notice.status == Status.ISSUED


def test_stale_approval_of_a_review_by_the_service_applies_nothing() -> None:
    review, caseworker = _review_awaiting()
    read = approval_digest(review)
    review = _change_rationale(review, caseworker)
    with pytest.raises(StaleApproval) as refused:
        reviews.approve_review(review, by=make_user(Role.APPROVER), digest=read)
    labels = {c.label for c in refused.value.changes}
    assert labels == {"Decision", "Rationale"}
    review.refresh_from_db()
    assert review.status == ReviewStatus.AWAITING_APPROVAL
    assert review.notice.status == Status.ISSUED


def test_a_review_approved_as_read_shows_the_sha256_approved() -> None:
    review, _ = _review_awaiting()
    approver = make_user(Role.APPROVER)
    read = approval_digest(review)
    reviews.approve_review(review, by=approver, digest=read)
    html = (
        _client(make_user(Role.CASEWORKER))
        .get(reverse("staff:review", kwargs={"pk": review.pk}))
        .content.decode()
    )
    assert "Content approved (SHA-256)" in html
    assert read in html


# --- History ------------------------------------------------------------------------------------


def test_the_notice_page_has_a_history_in_plain_words_with_before_and_after() -> None:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_draft_notice(caseworker=caseworker)
    services.update_draft(notice, by=caseworker, version=notice.version, addressee_name="B. Head")
    html = _client(caseworker).get(reverse("staff:notice", kwargs={"pk": notice.pk})).content
    text = html.decode()
    history = text[text.index('id="history"') :]
    assert "Edited" in history
    assert "Addressee name" in history
    assert "A. Chief" in history
    assert "B. Head" in history
    assert caseworker.username in history
    assert "Drafted" in history
