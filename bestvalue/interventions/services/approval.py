"""Four-eyes approval of minded-to letters and directions (with exits and the records that act
on directions): sent for approval with the content kept, returned with a reason, and approved
and issued only as the approver read it (its digest), by an approver who neither drafted nor
changed it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from bestvalue.accounts import permissions
from bestvalue.accounts.models import User
from bestvalue.audit.services import audited
from bestvalue.core import clock
from bestvalue.interventions import rules, steps
from bestvalue.interventions.models import (
    ApprovalStatus,
    Directions,
    MindedTo,
)
from bestvalue.interventions.services._common import (
    bump_version,
    check_version,
)
from bestvalue.records import rules as record_rules
from bestvalue.records import services as record_services
from bestvalue.records.errors import NotAllowed

# --- Approval (four eyes) --------------------------------------------------------------------


def _name(record: MindedTo | Directions) -> str:
    return "minded_to" if isinstance(record, MindedTo) else "directions"


def approval_refusal(user: Any, record: MindedTo | Directions) -> str | None:
    """Why `user` may not approve and issue `record`: four eyes (the one predicate,
    accounts.permissions), then an issue date (nothing is issued undated)."""
    refusal = permissions.approval_refusal(user, record)
    dated = record.letter_on if isinstance(record, MindedTo) else record.made_on
    return refusal or (None if dated else "Enter the date it is issued before approving it.")


def approval_digest(record: MindedTo | Directions) -> str:
    """The digest of what an approver reads of the record (steps.approval_content)."""
    return record_rules.digest(steps.approval_content(record))


def _check_approver(record: MindedTo | Directions, by: User) -> None:
    """Four eyes (DESIGN.md section 2): an approver who neither drafted nor changed the draft."""
    refusal = approval_refusal(by, record)
    if refusal:
        raise NotAllowed(refusal)


def _transition(
    record: MindedTo | Directions,
    *,
    by: User,
    step: str,
    action: str,
    approving: bool = False,
    version: int | None = None,
    digest_read: str | None = None,
    reason: str = "",
) -> MindedTo | Directions:
    with transaction.atomic():
        current = type(record).objects.select_for_update(no_key=True).get(pk=record.pk)
        check_version(current, version)
        with audited(current, None, actor=by, action=f"{_name(current)}.{action}"):
            if approving:
                _check_approver(current, by)
            try:
                current.status = rules.next_status(current.status, step)
            except rules.InvalidTransition as exc:
                raise ValidationError(str(exc)) from None
            kept: dict[str, Any] = {
                "action": f"{_name(current)}.issue",
                "content": steps.approval_content(current),
            }
            if step == "submit":
                record_services.submit(current, by=by, **kept)
            elif step == "return":
                record_services.return_to_author(current, by=by, reason=reason)
            else:
                record_services.approve(current, by=by, digest_read=digest_read, **kept)
                current.approved_by, current.approved_at = by, clock.now()
                # The findings stated in the letter or directions are published with it.
                current.findings.update(
                    publication=ApprovalStatus.ISSUED, approved_by=by, approved_at=clock.now()
                )
            bump_version(current)
            current.full_clean()
            current.save()
    return current


def submit_for_approval(
    record: MindedTo | Directions, *, by: User, version: int | None = None
) -> MindedTo | Directions:
    return _transition(
        record, by=by, step="submit", action="submitted_for_approval", version=version
    )


def return_to_draft(
    record: MindedTo | Directions, *, by: User, version: int | None = None, reason: str = ""
) -> MindedTo | Directions:
    """Send a record awaiting approval back to draft; the reason is shown to its author."""
    return _transition(
        record, by=by, step="return", action="returned_to_draft", version=version, reason=reason
    )


def approve_and_issue(
    record: MindedTo | Directions,
    *,
    by: User,
    digest_read: str | None,
    version: int | None = None,
) -> MindedTo | Directions:
    """Approve and issue a minded-to letter or directions (an exit, an extension...): an
    approver who neither drafted nor changed it must approve (the drafter is also refused by a
    database constraint), and the issue date must be set. `digest_read` is the digest of the
    content the approver read (approval_digest): if the record has changed since, nothing is
    issued (StaleApproval, with what changed). The digest approved is kept (records)."""
    return _transition(
        record,
        by=by,
        step="approve",
        action="approved",
        approving=True,
        version=version,
        digest_read=digest_read,
    )
