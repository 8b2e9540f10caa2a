"""Writes to reviews: each expectation assessed, a decision with its rationale, approved by an
approver who did not write it, then applied to the notice (DESIGN.md section 3.2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from bestvalue.accounts import permissions
from bestvalue.audit.services import audited, record_event, snapshot
from bestvalue.core import clock
from bestvalue.notices import rules
from bestvalue.notices.approval import approval_content
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.notices.issuing import LetterWriter
from bestvalue.notices.models import Assessment, Decision, Notice, Outcome, Review, ReviewStatus
from bestvalue.notices.rules import Action, Status
from bestvalue.notices.services import (
    NOTICE_FIELDS,
    _locked,
    _store,
    refuse_record_date,
    start_reissue,
)
from bestvalue.records import services as records
from bestvalue.records.rules import digest as digest_of

# What the approver approves when a review's decision is approved (records.Submission.action).
DECIDE = "review.decide"

REVIEW_FIELDS = (
    "notice",
    "reviewed_on",
    "decision",
    "rationale",
    "status",
    "version",
    "approved_by",
    "approved_at",
)
DECISION_ACTIONS = {
    Decision.REISSUE: Action.REISSUE,
    Decision.LAPSE: Action.LAPSE,
    Decision.WITHDRAW: Action.WITHDRAW,
    Decision.ESCALATE: Action.ESCALATE,
}


@dataclass(frozen=True)
class AssessmentInput:
    expectation_id: int
    rating: str
    commentary: str
    evidence_links: str = ""


def _locked_review(review: Review) -> Review:
    # Only the review's row, and FOR NO KEY UPDATE: see services._locked for why.
    return (
        Review.objects.select_for_update(of=("self",), no_key=True)
        .select_related("notice")
        .get(pk=review.pk)
    )


def _refuse_decision_date(reviewed_on: dt.date) -> None:
    refuse_record_date("the date of the review", reviewed_on, field="reviewed_on")


def _write_assessments(review: Review, assessments: Sequence[AssessmentInput]) -> None:
    expectation_ids = set(review.notice.expectations.values_list("id", flat=True))
    given = {a.expectation_id for a in assessments}
    if given - expectation_ids:
        raise ValueError("An assessment names an expectation that is not on this notice.")
    review.assessments.exclude(expectation_id__in=given).delete()
    for item in assessments:
        assessment, _ = Assessment.objects.get_or_create(
            review=review,
            expectation_id=item.expectation_id,
            defaults={"rating": item.rating, "commentary": item.commentary},
        )
        assessment.rating, assessment.commentary = item.rating, item.commentary.strip()
        assessment.evidence_links = item.evidence_links.strip()
        assessment.full_clean(exclude=["review", "expectation"])
        assessment.save()


def _snapshot(review: Review) -> dict[str, Any]:
    return {
        **snapshot(review, REVIEW_FIELDS),
        "assessments": [
            {
                "expectation": a.expectation_id,
                "rating": a.rating,
                "commentary": a.commentary,
                "evidence_links": a.evidence_links,
            }
            for a in review.assessments.order_by("expectation__position")
        ],
    }


def draft_review(
    notice: Notice,
    *,
    by: Any,
    reviewed_on: dt.date,
    decision: str,
    rationale: str,
    assessments: Sequence[AssessmentInput],
) -> Review:
    """Record a review of an issued notice. A notice "can be withdrawn or escalated at any time"
    (DESIGN.md section 1), so a review is not tied to the end of the period."""
    if not permissions.can_draft(by):
        raise NotAllowed("Only department caseworkers can draft reviews.")
    _refuse_decision_date(reviewed_on)
    with transaction.atomic():
        notice = _locked(notice)
        review_open = notice.reviews.exclude(status=ReviewStatus.APPROVED).exists()
        if not rules.may_review(notice.status_enum, review_open=review_open):
            if notice.status != Status.ISSUED:
                raise NotAllowed(
                    "Only a notice in force can be reviewed; this one is "
                    f"{notice.status_enum.label.lower()}."
                )
            raise NotAllowed("This notice already has a review in progress: finish that one first.")
        review = Review(
            notice=notice,
            reviewed_on=reviewed_on,
            decision=decision,
            rationale=rationale.strip(),
            drafted_by=by,
        )
        review.full_clean(exclude=["editors"], validate_constraints=False)
        review.save()
        review.editors.add(by)
        _write_assessments(review, assessments)
        record_event(actor=by, action="review.drafted", obj=review, after=_snapshot(review))
        return review


def update_review(
    review: Review,
    *,
    by: Any,
    version: int,
    reviewed_on: dt.date,
    decision: str,
    rationale: str,
    assessments: Sequence[AssessmentInput],
) -> Review:
    if not permissions.can_draft(by):
        raise NotAllowed("Only department caseworkers can edit reviews.")
    _refuse_decision_date(reviewed_on)
    with transaction.atomic():
        review = _locked_review(review)
        if review.version != version:
            raise StaleEdit("review")
        if review.status != ReviewStatus.DRAFT:
            raise NotAllowed("Only a draft review can be changed.")
        before = _snapshot(review)
        review.reviewed_on, review.decision, review.rationale = (
            reviewed_on,
            decision,
            rationale.strip(),
        )
        review.version += 1
        review.full_clean(exclude=["editors"], validate_constraints=False)
        review.save()
        review.editors.add(by)
        _write_assessments(review, assessments)
        record_event(
            actor=by, action="review.edited", obj=review, before=before, after=_snapshot(review)
        )
        return review


def submit_review(review: Review, *, by: Any) -> Review:
    """Send a review for approval: every expectation must be assessed."""
    if not permissions.can_draft(by):
        raise NotAllowed("Only department caseworkers can send reviews for approval.")
    with transaction.atomic():
        review = _locked_review(review)
        if review.status != ReviewStatus.DRAFT:
            raise NotAllowed("Only a draft review can be sent for approval.")
        missing = review.notice.expectations.exclude(assessments__review=review).count()
        if missing:
            raise ValueError(
                f"Assess every expectation before sending for approval ({missing} not assessed)."
            )
        before = _snapshot(review)
        review.status = ReviewStatus.AWAITING_APPROVAL
        review.version += 1
        review.save()
        records.submit(review, by=by, action=DECIDE, content=approval_content(review))
        record_event(
            actor=by, action="review.submitted", obj=review, before=before, after=_snapshot(review)
        )
        return review


def return_review(review: Review, *, by: Any, reason: str, version: int | None = None) -> Review:
    """Return a review awaiting approval to draft, as of the version the user saw (StaleEdit if it
    has changed since)."""
    if not permissions.is_department(by):
        raise NotAllowed("Only the department can return a review to draft.")
    if not reason.strip():
        raise ValueError("Enter why the review is being returned to draft")
    with transaction.atomic():
        review = _locked_review(review)
        if review.status != ReviewStatus.AWAITING_APPROVAL:
            raise NotAllowed("Only a review awaiting approval can be returned.")
        if version is not None and version != review.version:
            raise StaleEdit("review")
        before = _snapshot(review)
        review.status = ReviewStatus.DRAFT
        review.version += 1
        review.save()
        records.return_to_author(review, by=by, reason=reason)
        record_event(
            actor=by,
            action="review.returned",
            obj=review,
            before=before,
            after={**_snapshot(review), "reason": reason.strip()},
        )
        return review


def approve_review(
    review: Review,
    *,
    by: Any,
    digest: str | None = None,
    letters: LetterWriter | None = None,
) -> Review:
    """Approve the review the approver read and apply its decision: lapse, withdraw or escalate
    end the notice now (a lapse at its expiry if that came first); reissue starts the revised
    notice, which replaces this one when it is itself approved and issued.

    `digest` is the SHA-256 of approval_content as read (the approve form carries it): if the
    review changed since, StaleApproval lists what changed and nothing is approved; callers
    where no person reads omit it. `letters` (the letters app's writer) freezes the letter
    of a lapse or a withdrawal in the same transaction."""
    try:
        return _approve_review(review, by=by, digest=digest, letters=letters)
    except BaseException:
        if letters is not None:
            letters.discard()
        raise


def _approve_review(
    review: Review, *, by: Any, digest: str | None, letters: LetterWriter | None
) -> Review:
    with transaction.atomic():
        review = _locked_review(review)
        refusal = permissions.approval_refusal(by, review)
        if refusal:
            raise NotAllowed(refusal)
        content = approval_content(review)
        read = digest_of(content) if digest is None else digest
        if read != digest_of(content):
            # Raises StaleApproval with the changes since the version read; nothing is written.
            records.approve(review, by=by, action=DECIDE, digest_read=read, content=content)
        notice = _locked(review.notice)
        action = DECISION_ACTIONS[Decision(review.decision)]
        new_status = rules.next_status(notice.status_enum, action)  # refuses an ended notice
        review.status, review.approved_by, review.approved_at = (
            ReviewStatus.APPROVED,
            by,
            clock.now(),
        )
        review.version += 1
        review.save()
        if action == Action.REISSUE:
            records.approve(review, by=by, action=DECIDE, digest_read=read, content=content)
            record_event(actor=by, action="review.approved", obj=review, after=_snapshot(review))
            if not Notice.objects.filter(replaces=notice).exists():
                start_reissue(notice, by=review.drafted_by or by)
            return review
        with audited(notice, NOTICE_FIELDS, actor=by, action=f"notice.{new_status}"):
            notice.status = new_status
            notice.ended_on = (
                rules.lapse_date(notice.expires_on, review.reviewed_on)
                if action == Action.LAPSE
                else max(review.reviewed_on, notice.issued_on or review.reviewed_on)
            )
            notice.version += 1
            _store(notice, by=by)
            Outcome.objects.update_or_create(
                notice=notice,
                defaults={
                    "decided_on": review.reviewed_on,
                    "review": review,
                    "note": review.rationale,
                },
            )
            if letters is not None and action in (Action.LAPSE, Action.WITHDRAW):
                letters.write(notice, by=by)
            records.approve(review, by=by, action=DECIDE, digest_read=read, content=content)
            record_event(actor=by, action="review.approved", obj=review, after=_snapshot(review))
        return review
