"""Approvals of the exact content read, returns with reasons, corrections with four eyes, and
create forms that make their record once (bestvalue.records)."""

from __future__ import annotations

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from bestvalue.accounts.roles import Role
from bestvalue.notices.models import Ground
from bestvalue.records import rules, selectors, services
from bestvalue.records.errors import NotAllowed, OneTimeTokenSpent, StaleApproval
from tests.factories import make_draft_notice, make_user

pytestmark = pytest.mark.django_db

READ = {"Authority": "Testshire", "Expectations": ["Work with the board"]}
NOW = {"Authority": "Testshire", "Expectations": ["Work with the board, weekly"]}


def _submitted(content: dict) -> tuple:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_draft_notice(caseworker=caseworker)
    with transaction.atomic():
        services.submit(notice, by=caseworker, action="notice.issue", content=content)
    return notice, caseworker


def test_an_approval_of_the_content_read_stores_its_digest_and_approver() -> None:
    notice, _ = _submitted(READ)
    approver = make_user(Role.APPROVER)
    with transaction.atomic():
        services.approve(
            notice, by=approver, action="notice.issue", digest_read=rules.digest(READ), content=READ
        )
    approval = selectors.approval_of(notice)
    assert approval is not None
    assert (approval.decided_by, approval.digest) == (approver, rules.digest(READ))
    assert approval.decided_at is not None


def test_a_stale_approval_is_refused_with_what_changed_and_nothing_is_approved() -> None:
    notice, caseworker = _submitted(READ)
    with transaction.atomic():
        services.submit(notice, by=caseworker, action="notice.issue", content=NOW)
    with pytest.raises(StaleApproval) as refused:
        services.approve(
            notice,
            by=make_user(Role.APPROVER),
            action="notice.issue",
            digest_read=rules.digest(READ),
            content=NOW,
        )
    assert [(c.label, c.before, c.after) for c in refused.value.changes] == [
        ("Expectations", ["Work with the board"], ["Work with the board, weekly"])
    ]
    assert selectors.approval_of(notice) is None


def test_the_approvers_reason_for_returning_is_kept_until_it_is_sent_again() -> None:
    notice, caseworker = _submitted(READ)
    with transaction.atomic():
        services.return_to_author(notice, by=make_user(Role.APPROVER), reason="Say which board.")
    returned = selectors.last_return(notice)
    assert returned is not None
    assert returned.reason == "Say which board."
    with transaction.atomic():
        services.submit(notice, by=caseworker, action="notice.issue", content=NOW)
    assert selectors.last_return(notice) is None


def test_a_correction_needs_an_approver_other_than_its_proposer() -> None:
    notice, caseworker = _submitted(READ)
    correction = services.propose_correction(
        notice,
        by=caseworker,
        changes={"addressee_name": ("Addressee", "A. Chief", "B. Chief")},
        reason="The letter was addressed to the new chief executive.",
    )
    content = {"changes": correction.changes, "reason": correction.reason}
    applied: list[dict] = []
    with pytest.raises(NotAllowed, match="Only a department approver"):
        services.approve_correction(
            correction, by=caseworker, digest_read=rules.digest(content), apply=applied.append
        )
    approver = make_user(Role.APPROVER)
    with pytest.raises(StaleApproval):
        services.approve_correction(
            correction, by=approver, digest_read="0" * 64, apply=applied.append
        )
    assert applied == []

    def apply(values: dict) -> object:
        applied.append(values)
        return notice

    services.approve_correction(
        correction, by=approver, digest_read=rules.digest(content), apply=apply
    )
    assert applied == [{"addressee_name": "B. Chief"}]
    assert [c.pk for c in selectors.corrections_for(notice)] == [correction.pk]


def test_a_correction_that_changes_nothing_or_gives_no_reason_is_refused() -> None:
    notice, caseworker = _submitted(READ)
    with pytest.raises(ValidationError) as refused:
        services.propose_correction(
            notice, by=caseworker, changes={"addressee_name": ("Addressee", "A", "A")}, reason=" "
        )
    assert set(refused.value.message_dict) == {"changes", "reason"}


def test_a_create_form_sent_twice_makes_one_record() -> None:
    notice, caseworker = _submitted(READ)
    token = str(uuid.uuid4())

    def make() -> Ground:
        return Ground.objects.create(notice=notice, position=9, text="Twice?")

    first = services.create_once(token, by=caseworker, make=make)
    with pytest.raises(OneTimeTokenSpent) as again:
        services.create_once(token, by=caseworker, make=make)
    assert again.value.object_id == str(first.pk)
    assert Ground.objects.filter(notice=notice, position=9).count() == 1
