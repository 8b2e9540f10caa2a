"""What an approver reads and approves: a notice's or a review's content as labelled values.

`approval_content` is every field and item that will be published, spelt as the approver reads
it; its SHA-256 (`approval_digest`) is what the approve form carries and what the service checks
and stores (bestvalue.records.services.approve). If the record changed since the approver opened
it, the digests differ and nothing is approved (issue 13.1).
"""

from __future__ import annotations

from typing import Any

from bestvalue.notices.models import Decision, Notice, Rating, Review
from bestvalue.records.rules import digest

# Audit actions that never change what the public sees: a notice or review while it is drafted,
# edited, sent for approval or returned, a proposed or returned correction, and case notes. The
# public validators (ETag, Last-Modified, cached pages: public.caching) skip them, so a draft
# changes no public page or ETag (issue 16; interventions.steps and improvement.public declare
# their own).
PRIVATE_ACTIONS = frozenset(
    {
        "notice.drafted",
        "notice.edited",
        "notice.submitted",
        "notice.returned",
        "notice.reissue_started",
        *(
            f"notice.{kind}.{done}"
            for kind in ("grounds", "acknowledgements", "expectations")
            for done in ("saved", "removed")
        ),
        "review.drafted",
        "review.edited",
        "review.submitted",
        "review.returned",
        "records.submitted",
        "records.correction_proposed",
        "records.correction_returned",
        "case_note.added",
    }
)


def _themes(item: Any) -> list[str]:
    return sorted(theme.name for theme in item.themes.all())


def _notice_content(notice: Notice) -> dict[str, Any]:
    return {
        "Authority": notice.authority.official_name,
        "Department": notice.get_department_display(),
        "Addressee's name": notice.addressee_name,
        "Addressee's role": notice.addressee_role,
        "Signatory's name": notice.signatory_name,
        "Signatory's role": notice.signatory_role,
        "Period in months": notice.period_months,
        "Replaces": notice.replaces.reference if notice.replaces_id else None,  # type: ignore[union-attr]
        "Grounds": [
            {"Text": g.text, "Source document": g.source_document, "Themes": _themes(g)}
            for g in notice.grounds.order_by("position").prefetch_related("themes")
        ],
        "Progress acknowledged": [
            {"Text": a.text} for a in notice.acknowledgements.order_by("position")
        ],
        "Expectations": [
            {"Text": e.text, "Themes": _themes(e)}
            for e in notice.expectations.order_by("position").prefetch_related("themes")
        ],
    }


def _review_content(review: Review) -> dict[str, Any]:
    return {
        "Notice": review.notice.reference,
        "Date of the review": review.reviewed_on,
        "Decision": Decision(review.decision).label,
        "Rationale": review.rationale,
        "Assessments": [
            {
                "Expectation": a.expectation.position,
                "Rating": Rating(a.rating).label,
                "Commentary": a.commentary,
                "Evidence": a.evidence_links,
            }
            for a in review.assessments.select_related("expectation").order_by(
                "expectation__position"
            )
        ],
    }


def approval_content(record: Notice | Review) -> dict[str, Any]:
    """The content an approver reads: for a notice every published field, ground,
    acknowledgement and expectation with its themes; for a review its decision, rationale and
    each expectation's rating."""
    if isinstance(record, Review):
        return _review_content(record)
    return _notice_content(record)


def approval_digest(record: Notice | Review) -> str:
    """The SHA-256 of approval_content: what an approve form carries."""
    return digest(approval_content(record))
