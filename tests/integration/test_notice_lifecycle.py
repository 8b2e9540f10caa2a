"""A notice from draft to outcome, through the services, with four eyes and the audit log."""

from __future__ import annotations

import datetime as dt

import pytest

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.audit.verification import verify_chain
from bestvalue.notices import reviews, services
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.notices.models import Notice
from bestvalue.notices.reviews import AssessmentInput
from bestvalue.notices.rules import InvalidTransition, Status
from bestvalue.notices.selectors import changes_from_predecessor
from bestvalue.notices.services import ItemInput
from tests.factories import make_authority, make_draft_notice, make_issued_notice, make_user

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def caseworker():  # type: ignore[no-untyped-def]
    return make_user(Role.CASEWORKER)


@pytest.fixture
def approver():  # type: ignore[no-untyped-def]
    return make_user(Role.APPROVER)


def test_a_caseworker_drafts_and_an_approver_issues(caseworker, approver) -> None:  # type: ignore[no-untyped-def]
    notice = make_draft_notice(caseworker=caseworker)
    assert notice.status == Status.DRAFT
    assert notice.reference is None
    notice = services.submit_for_approval(notice, by=caseworker)
    notice = services.approve_and_issue(notice, by=approver, issued_on=D(2024, 3, 1))
    assert notice.status == Status.ISSUED
    assert notice.reference == "BVN-2024-001"
    assert notice.expires_on == D(2025, 3, 1)
    assert notice.approved_by == approver
    assert notice.approved_at is not None
    actions = list(
        AuditEvent.objects.filter(object_id=str(notice.pk), object_type="notices.notice")
        .order_by("sequence")
        .values_list("action", flat=True)
    )
    assert actions[0] == "notice.drafted"
    # The content sent and the content approved are kept with their digests (issue 13.1).
    assert actions[-4:] == [
        "records.submitted",
        "notice.submitted",
        "records.approved",
        "notice.issued",
    ]
    assert verify_chain().ok


def test_an_approver_cannot_approve_a_draft_they_edited(caseworker) -> None:  # type: ignore[no-untyped-def]
    approver = make_user(Role.APPROVER)
    notice = make_draft_notice(caseworker=caseworker)
    notice.editors.add(approver)
    notice = services.submit_for_approval(notice, by=caseworker)
    with pytest.raises(NotAllowed, match="You wrote or edited this"):
        services.approve_and_issue(notice, by=approver, issued_on=D(2024, 3, 1))
    assert Notice.objects.get(pk=notice.pk).status == Status.AWAITING_APPROVAL


def test_a_caseworker_cannot_approve(caseworker) -> None:  # type: ignore[no-untyped-def]
    notice = services.submit_for_approval(make_draft_notice(caseworker=caseworker), by=caseworker)
    with pytest.raises(NotAllowed, match="Only a department approver"):
        services.approve_and_issue(notice, by=make_user(Role.CASEWORKER), issued_on=D(2024, 3, 1))


@pytest.mark.parametrize(
    "role", [Role.APPROVER, Role.AUTHORITY_OFFICER, Role.BOARD_MEMBER, Role.ADMINISTRATOR]
)
def test_only_caseworkers_draft(role: str) -> None:
    with pytest.raises(NotAllowed):
        services.create_draft(by=make_user(role), authority=make_authority(), period_months=12)
    assert Notice.objects.count() == 0


def test_a_draft_needs_grounds_and_expectations_before_approval(caseworker) -> None:  # type: ignore[no-untyped-def]
    notice = services.create_draft(by=caseworker, authority=make_authority(), period_months=None)
    with pytest.raises(
        ValueError, match=r"Enter the period.*Add at least one expectation.*Add at least one ground"
    ):
        services.submit_for_approval(notice, by=caseworker)
    assert Notice.objects.get(pk=notice.pk).status == Status.DRAFT


def test_approving_a_draft_that_was_not_submitted_names_the_state(caseworker, approver) -> None:  # type: ignore[no-untyped-def]
    notice = make_draft_notice(caseworker=caseworker)
    with pytest.raises(
        InvalidTransition, match=r"it is draft\. From there you can: send for approval"
    ):
        services.approve_and_issue(notice, by=approver, issued_on=D(2024, 3, 1))


def test_an_approver_returns_a_notice_to_draft_with_a_reason(caseworker, approver) -> None:  # type: ignore[no-untyped-def]
    notice = services.submit_for_approval(make_draft_notice(caseworker=caseworker), by=caseworker)
    with pytest.raises(ValueError, match="Enter why"):
        services.return_to_draft(notice, by=approver, reason=" ")
    notice = services.return_to_draft(notice, by=approver, reason="Expectation 1 is vague.")
    assert notice.status == Status.DRAFT
    event = AuditEvent.objects.filter(action="notice.returned").get()
    assert event.after["reason"] == "Expectation 1 is vague."


def test_a_stale_edit_is_refused_and_changes_nothing(caseworker) -> None:  # type: ignore[no-untyped-def]
    notice = make_draft_notice(caseworker=caseworker)
    opened_at = notice.version
    services.update_draft(notice, by=caseworker, version=opened_at, addressee_name="First")
    with pytest.raises(StaleEdit, match="Someone else changed this notice"):
        services.update_draft(
            notice, by=make_user(Role.CASEWORKER), version=opened_at, addressee_name="Second"
        )
    assert Notice.objects.get(pk=notice.pk).addressee_name == "First"


def test_only_one_notice_in_force_per_authority(caseworker, approver) -> None:  # type: ignore[no-untyped-def]
    authority = make_authority()
    make_issued_notice(authority=authority)
    second = services.submit_for_approval(
        make_draft_notice(caseworker=caseworker, authority=authority), by=caseworker
    )
    with pytest.raises(NotAllowed, match="already has a notice in force"):
        services.approve_and_issue(second, by=approver, issued_on=D(2024, 6, 1))
    assert Notice.objects.get(pk=second.pk).status == Status.AWAITING_APPROVAL


def test_items_are_ordered_and_renumbered_on_removal(caseworker) -> None:  # type: ignore[no-untyped-def]
    notice = make_draft_notice(caseworker=caseworker, expectations=["One", "Two", "Three"])
    notice = services.remove_item(
        notice, by=caseworker, version=notice.version, kind="expectations", position=2
    )
    assert [(e.position, e.text) for e in notice.expectations.all()] == [(1, "One"), (2, "Three")]


def test_an_unknown_theme_is_refused(caseworker) -> None:  # type: ignore[no-untyped-def]
    notice = make_draft_notice(caseworker=caseworker)
    with pytest.raises(ValueError, match="Unknown themes: vibes"):
        services.save_item(
            notice,
            by=caseworker,
            version=notice.version,
            kind="expectations",
            item=ItemInput("Text", ["vibes"]),
        )
    assert notice.expectations.count() == 1


def test_a_reissue_carries_expectations_and_replaces_the_old_notice_on_issue(
    caseworker, approver
) -> None:  # type: ignore[no-untyped-def]
    old = make_issued_notice(expectations=["Keep the board.", "Implement the plan."])
    revised = services.start_reissue(old, by=caseworker)
    assert revised.status == Status.DRAFT
    assert revised.period_months == 6
    carried = list(revised.expectations.all())
    assert [e.carried_from_id for e in carried] == [e.pk for e in old.expectations.all()]
    revised = services.save_item(
        revised,
        by=caseworker,
        version=revised.version,
        kind="expectations",
        item=ItemInput("Keep the board for six months.", ["continuous_improvement"]),
        position=1,
    )
    revised = services.remove_item(
        revised, by=caseworker, version=revised.version, kind="expectations", position=2
    )
    revised = services.save_item(
        revised,
        by=caseworker,
        version=revised.version,
        kind="expectations",
        item=ItemInput("Engage at official level.", ["partnerships_and_community_engagement"]),
    )
    revised = services.save_item(
        revised,
        by=caseworker,
        version=revised.version,
        kind="acknowledgements",
        item=ItemInput("Permanent senior appointments."),
    )
    changes = changes_from_predecessor(revised)
    assert changes is not None
    assert [c.kind for c in changes.expectations] == ["reworded", "dropped", "added"]
    assert changes.period_changed
    assert changes.acknowledgements_added == ["Permanent senior appointments."]
    revised = services.submit_for_approval(revised, by=caseworker)
    revised = services.approve_and_issue(revised, by=approver, issued_on=D(2024, 7, 1))
    old.refresh_from_db()
    assert (old.status, old.ended_on) == (Status.REISSUED, D(2024, 7, 1))
    assert revised.status == Status.ISSUED
    assert old.replaced_by == revised


def test_a_second_reissue_of_the_same_notice_is_refused(caseworker) -> None:  # type: ignore[no-untyped-def]
    old = make_issued_notice()
    services.start_reissue(old, by=caseworker)
    with pytest.raises(NotAllowed, match="already been started"):
        services.start_reissue(old, by=caseworker)


def _assess(notice: Notice, rating: str = "met") -> list[AssessmentInput]:
    return [AssessmentInput(e.pk, rating, "Evidence seen.") for e in notice.expectations.all()]


@pytest.mark.parametrize(
    ("decision", "status", "ended_on"),
    [
        ("lapse", Status.LAPSED, D(2025, 1, 1)),  # at expiry, before the review date
        ("withdraw", Status.WITHDRAWN, D(2025, 2, 1)),
        ("escalate", Status.ESCALATED, D(2025, 2, 1)),
    ],
)
def test_an_approved_review_ends_the_notice(
    caseworker, approver, decision: str, status: Status, ended_on: dt.date
) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice()
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=D(2025, 2, 1),
        decision=decision,
        rationale="Assured of progress.",
        assessments=_assess(notice),
    )
    review = reviews.submit_review(review, by=caseworker)
    reviews.approve_review(review, by=approver)
    notice.refresh_from_db()
    assert (notice.status, notice.ended_on) == (status, ended_on)
    assert notice.outcome.review == review
    assert verify_chain().ok


def test_a_reissue_decision_starts_the_revised_draft(caseworker, approver) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice()
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=D(2024, 12, 1),
        decision="reissue",
        rationale="More to do.",
        assessments=_assess(notice, "at_risk"),
    )
    reviews.approve_review(reviews.submit_review(review, by=caseworker), by=approver)
    notice.refresh_from_db()
    assert notice.status == Status.ISSUED  # until the revised notice is issued
    assert notice.replaced_by.status == Status.DRAFT


def test_a_review_must_assess_every_expectation(caseworker) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice(expectations=["One", "Two"])
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=D(2024, 12, 1),
        decision="lapse",
        rationale="Done.",
        assessments=_assess(notice)[:1],
    )
    with pytest.raises(ValueError, match=r"1 not assessed"):
        reviews.submit_review(review, by=caseworker)


def test_a_reviewer_cannot_approve_their_own_review(caseworker, approver) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice()
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=D(2024, 12, 1),
        decision="lapse",
        rationale="Done.",
        assessments=_assess(notice),
    )
    review = reviews.submit_review(review, by=caseworker)
    review.editors.add(approver)
    with pytest.raises(NotAllowed, match="another approver"):
        reviews.approve_review(review, by=approver)
    notice.refresh_from_db()
    assert notice.status == Status.ISSUED


def test_an_ended_notice_cannot_be_reviewed(caseworker, approver) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice()
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=D(2024, 12, 1),
        decision="withdraw",
        rationale="Done.",
        assessments=_assess(notice),
    )
    reviews.approve_review(reviews.submit_review(review, by=caseworker), by=approver)
    with pytest.raises(NotAllowed, match="Only a notice in force can be reviewed"):
        reviews.draft_review(
            notice,
            by=caseworker,
            reviewed_on=D(2024, 12, 2),
            decision="lapse",
            rationale="Again.",
            assessments=[],
        )


def test_a_failure_half_way_through_issue_leaves_nothing_changed(
    caseworker, approver, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    old = make_issued_notice()
    revised = services.submit_for_approval(
        services.start_reissue(old, by=caseworker), by=caseworker
    )
    events_before = AuditEvent.objects.count()

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "allocate_reference", fail)
    with pytest.raises(RuntimeError):
        services.approve_and_issue(revised, by=approver, issued_on=D(2024, 7, 1))
    old.refresh_from_db()
    revised.refresh_from_db()
    assert (old.status, revised.status) == (Status.ISSUED, Status.AWAITING_APPROVAL)
    assert AuditEvent.objects.count() == events_before
