"""Writes shared by every approvable record: keeping the content sent for approval, approving the
exact content read, returning it with a reason, corrections in the open, one-time create forms.

These run inside the domain service's own transaction, so the record's change, its approval and
their audit events commit or roll back together. Four eyes is one predicate
(accounts.permissions.four_eyes_refusal); the domain's own rules stay in the domain service.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction

from bestvalue.accounts import permissions
from bestvalue.audit.services import record_event
from bestvalue.core import clock
from bestvalue.records import rules, selectors
from bestvalue.records.errors import NotAllowed, OneTimeTokenSpent, StaleApproval
from bestvalue.records.models import Correction, Decision, SpentFormToken, Submission


def _ref(obj: models.Model) -> dict[str, Any]:
    return {
        "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
        "object_id": str(obj.pk),
    }


def submit(obj: models.Model, *, by: Any, action: str, content: Mapping[str, Any]) -> Submission:
    """Keep the content of `obj` as it is sent for approval, with its digest. Any earlier
    submission still pending is superseded (it can no longer be approved)."""
    with transaction.atomic():
        Submission.objects.filter(**_ref(obj), decision=Decision.PENDING).update(
            decision=Decision.RETURNED, reason="Sent for approval again with changes."
        )
        submission = Submission.objects.create(
            **_ref(obj),
            action=action,
            digest=rules.digest(content),
            content=rules.json_safe(content),
            submitted_by=by,
            submitted_at=clock.now(),
        )
        record_event(
            actor=by,
            action="records.submitted",
            obj=obj,
            after={"action": action, "digest": submission.digest},
        )
        return submission


def approve(
    obj: models.Model,
    *,
    by: Any,
    action: str,
    digest_read: str | None,
    content: Mapping[str, Any],
) -> Submission:
    """Approve the content of `obj` the approver read (`digest_read`, from their form).

    If the content now differs, nothing is approved: StaleApproval lists what changed since the
    version read (when that version was kept). The digest of the approved content is stored."""
    current = rules.digest(content)
    if digest_read != current:
        read = selectors.submission_with_digest(obj, digest_read or "")
        changes = rules.content_changes(read.content, content) if read is not None else []
        raise StaleApproval(changes)
    with transaction.atomic():
        submission = (
            selectors.pending_submissions(obj).filter(digest=current).first()
            # Records sent for approval before their content was kept, or approved without a
            # separate submission (a correction's own content), are kept now.
            or submit(obj, by=None, action=action, content=content)
        )
        submission.decision, submission.decided_by = Decision.APPROVED, by
        submission.decided_at = clock.now()
        submission.save(update_fields=["decision", "decided_by", "decided_at"])
        record_event(
            actor=by,
            action="records.approved",
            obj=obj,
            after={"action": action, "digest": current},
        )
        return submission


def return_to_author(obj: models.Model, *, by: Any, reason: str) -> None:
    """Record the reason a record awaiting approval was sent back, for its author to read."""
    with transaction.atomic():
        for submission in selectors.pending_submissions(obj).select_for_update():
            submission.decision, submission.decided_by = Decision.RETURNED, by
            submission.decided_at, submission.reason = clock.now(), reason.strip()
            submission.save(update_fields=["decision", "decided_by", "decided_at", "reason"])


def propose_correction(
    obj: models.Model,
    *,
    by: Any,
    changes: Mapping[str, tuple[str, Any, Any]],
    reason: str,
) -> Correction:
    """A caseworker proposes correcting a published record: `changes` maps each field to its
    label and its value before and after. Nothing changes until an approver approves it."""
    if not permissions.is_caseworker(by):
        raise NotAllowed("Only department caseworkers can propose corrections.")
    real = {
        name: {"label": label, "before": before, "after": after}
        for name, (label, before, after) in changes.items()
        if rules.json_safe(before) != rules.json_safe(after)
    }
    errors = {}
    if not real:
        errors["changes"] = "Change at least one detail: the correction is the same as the record"
    if not reason.strip():
        errors["reason"] = "Enter why the record is being corrected"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        content = {"changes": real, "reason": reason.strip()}
        correction = Correction.objects.create(
            **_ref(obj),
            changes=rules.json_safe(real),
            reason=reason.strip(),
            digest=rules.digest(content),
            proposed_by=by,
            proposed_at=clock.now(),
        )
        record_event(actor=by, action="records.correction_proposed", obj=obj, after=content)
        return correction


def approve_correction(
    correction: Correction,
    *,
    by: Any,
    digest_read: str | None,
    apply: Callable[[dict[str, Any]], models.Model],
) -> Correction:
    """An approver other than the proposer approves the correction they read; `apply` (the domain
    service's) makes the change with the domain's rules, given each field's new value."""
    with transaction.atomic():
        correction = Correction.objects.select_for_update().get(pk=correction.pk)
        refusal = permissions.four_eyes_refusal(
            by, authors=[correction.proposed_by_id], awaiting=correction.decision == "pending"
        )
        if refusal:
            raise NotAllowed(refusal)
        content = {"changes": correction.changes, "reason": correction.reason}
        if digest_read != rules.digest(content):
            raise StaleApproval([])
        apply({name: change["after"] for name, change in correction.changes.items()})
        correction.decision, correction.decided_by = Decision.APPROVED, by
        correction.decided_at, correction.corrected_on = clock.now(), clock.today()
        correction.save()
        _record_correction_event(
            correction, by, "approved", {**content, "corrected_on": correction.corrected_on}
        )
        return correction


def _record_correction_event(
    correction: Correction, by: Any, decided: str, after: dict[str, Any]
) -> None:
    """The audit event of a decision on a correction, filed under the corrected record."""
    record_event(
        actor=by,
        action=f"records.correction_{decided}",
        object_type=correction.content_type.model_class()._meta.label_lower,  # type: ignore[union-attr]
        object_id=correction.object_id,
        object_label=f"Correction {correction.pk}",
        after=after,
    )


def return_correction(correction: Correction, *, by: Any, reason: str) -> Correction:
    """Send a proposed correction back to its proposer with a reason; nothing changes."""
    if not permissions.is_department(by):
        raise NotAllowed("Only the department can return a correction.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the correction is being returned"})
    with transaction.atomic():
        correction = Correction.objects.select_for_update().get(pk=correction.pk)
        if correction.decision != Decision.PENDING:
            raise NotAllowed("Only a correction awaiting approval can be returned.")
        correction.decision, correction.decided_by = Decision.RETURNED, by
        correction.decided_at, correction.return_reason = clock.now(), reason.strip()
        correction.save()
        _record_correction_event(correction, by, "returned", {"reason": reason.strip()})
        return correction


def new_form_token() -> str:
    return str(uuid.uuid4())


def create_once(token: str | None, *, by: Any, make: Callable[[], models.Model]) -> models.Model:
    """Make a record from a create form at most once per form token.

    A form sent again (back button then Save, a second click, two tabs) raises OneTimeTokenSpent
    naming the record the first submission made; nothing new is made. Without a token (the API,
    the command line) it simply makes the record."""
    if not token:
        return make()
    try:
        parsed = uuid.UUID(token)
    except ValueError:
        parsed = None
    with transaction.atomic():
        spent = selectors.spent_token(parsed, by) if parsed else None
        if spent is not None:
            raise OneTimeTokenSpent(spent.object_type, spent.object_id)
        obj = make()
        if parsed is None:
            return obj
        try:
            with transaction.atomic():
                SpentFormToken.objects.create(
                    token=parsed,
                    user=by,
                    object_type=obj._meta.label_lower,
                    object_id=str(obj.pk),
                    spent_at=clock.now(),
                )
        except IntegrityError:
            # The same form sent twice at once: the other submission made the record first;
            # raising rolls back the record this one made.
            raise OneTimeTokenSpent("", "") from None
        return obj
