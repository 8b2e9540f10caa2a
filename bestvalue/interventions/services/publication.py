"""Four eyes for publication (issue 13.2): the facts a caseworker records about an intervention
(opening it, inspections and their inspectors, extensions, findings, representations, reports,
the department's responses) reach no public channel until an approver other than everyone who
drafted or changed them approves exactly what they read (records.services.approve).

The caseworker sends the intervention's unpublished facts for approval together; the approver
reads them all (steps.publication_content), and approves the digest of what they read. A fact
changed after it was sent goes back to draft, so the approval of the older reading is refused
as stale, showing what changed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction

from bestvalue.accounts import permissions
from bestvalue.accounts.models import User
from bestvalue.audit.services import record_event
from bestvalue.core import clock
from bestvalue.interventions import steps
from bestvalue.interventions.models import ApprovalStatus, Intervention
from bestvalue.records import services as records
from bestvalue.records.errors import NotAllowed

ACTION = "intervention.publication"
# The public validators skip the audit actions that never change what the public sees.
PRIVATE_ACTIONS = steps.PRIVATE_ACTIONS


def _unpublished(intervention: Intervention, state: str) -> list[Any]:
    found: list[Any] = []
    for kind in steps.PUBLISHED_TOGETHER:
        manager = kind.model._default_manager
        where = {kind.intervention: intervention.pk, "publication": state}
        found.extend(manager.filter(**where).prefetch_related("editors").order_by("pk"))
    return found


def unpublished(intervention: Intervention) -> list[Any]:
    """The intervention's facts not yet public and not sent for approval (drafts)."""
    return _unpublished(intervention, ApprovalStatus.DRAFT)


def awaiting(intervention: Intervention) -> list[Any]:
    """The intervention's facts sent for approval, in the order the approver reads them."""
    return _unpublished(intervention, ApprovalStatus.AWAITING_APPROVAL)


def content(intervention: Intervention) -> dict[str, Any]:
    """What the approver reads: every fact awaiting approval, each under its name."""
    return steps.publication_content(awaiting(intervention))


def authors(records_: list[Any]) -> set[int]:
    """Everyone who drafted or changed any of these facts: none of them may approve them."""
    ids = {r.drafted_by_id for r in records_ if r.drafted_by_id}
    ids |= {e.pk for r in records_ for e in r.editors.all()}
    return ids


def refusal(user: Any, intervention: Intervention) -> str | None:
    """Why `user` may not approve the intervention's facts awaiting approval (four eyes, the
    one predicate), or None."""
    waiting = awaiting(intervention)
    return permissions.four_eyes_refusal(user, authors=authors(waiting), awaiting=bool(waiting))


def _set(records_: list[Any], state: str, **extra: Any) -> None:
    for record in records_:
        type(record)._default_manager.filter(pk=record.pk).update(publication=state, **extra)


def submit_publication(intervention: Intervention, *, by: User) -> list[Any]:
    """Send the intervention's drafts for approval, keeping the content sent with its digest."""
    if not permissions.is_caseworker(by):
        raise NotAllowed("Only caseworkers send facts for approval.")
    with transaction.atomic():
        Intervention.objects.select_for_update(no_key=True).filter(pk=intervention.pk).exists()
        drafts = unpublished(intervention)
        if not drafts:
            raise ValidationError("There is nothing unpublished to send for approval.")
        _set(drafts, ApprovalStatus.AWAITING_APPROVAL)
        sent = content(intervention)
        records.submit(intervention, by=by, action=ACTION, content=sent)
        record_event(
            actor=by,
            action="intervention.publication_submitted",
            obj=intervention,
            after={"facts": list(sent)},
        )
        return drafts


def approve_publication(
    intervention: Intervention, *, by: User, digest_read: str | None
) -> list[Any]:
    """Publish the facts awaiting approval, exactly as the approver read them: a different
    digest (a fact changed, returned or added since) is refused as stale with what changed."""
    with transaction.atomic():
        Intervention.objects.select_for_update(no_key=True).filter(pk=intervention.pk).exists()
        waiting = awaiting(intervention)
        why = permissions.four_eyes_refusal(by, authors=authors(waiting), awaiting=bool(waiting))
        if why:
            raise NotAllowed(why)
        records.approve(
            intervention,
            by=by,
            action=ACTION,
            digest_read=digest_read,
            content=content(intervention),
        )
        _set(waiting, ApprovalStatus.ISSUED, approved_by=by, approved_at=clock.now())
        for record in waiting:
            record_event(
                actor=by,
                action=f"{record._meta.model_name}.published",
                obj=record,
                after={"publication": ApprovalStatus.ISSUED, "approved_by": by.pk},
            )
        return waiting


def return_publication(intervention: Intervention, *, by: User, reason: str) -> list[Any]:
    """Send the facts awaiting approval back to draft, with the reason their author will read
    at the top of the intervention's page."""
    if not permissions.is_department(by):
        raise NotAllowed("Only the department can return facts awaiting approval.")
    if not reason.strip():
        raise ValidationError({"reason": "Enter why you are returning them"})
    with transaction.atomic():
        waiting = awaiting(intervention)
        if not waiting:
            raise ValidationError("Nothing is awaiting approval.")
        _set(waiting, ApprovalStatus.DRAFT)
        records.return_to_author(intervention, by=by, reason=reason)
        record_event(
            actor=by,
            action="intervention.publication_returned",
            obj=intervention,
            after={"reason": reason.strip(), "facts": [str(r) for r in waiting]},
        )
        return waiting


def on_change(record: models.Model, *, by: User) -> str:
    """What a change does to a fact's publication (called by services._common.update on the
    locked copy before it is saved): a fact sent for approval goes back to draft, so its
    approval is refused as stale; a public fact leaves the public record until it is approved
    again. Whoever changed it besides its drafter may not approve it. Returns the audit
    action's last word ("reopened" for a public fact, else "updated")."""
    state = getattr(record, "publication", None)
    if state is None:
        return "updated"
    record.publication = ApprovalStatus.DRAFT  # type: ignore[attr-defined]
    if record.drafted_by_id is None and state == ApprovalStatus.ISSUED:  # type: ignore[attr-defined]
        # Loaded from the register: the caseworker changing it becomes its drafter.
        record.drafted_by = by  # type: ignore[attr-defined]
    return "reopened" if state == ApprovalStatus.ISSUED else "updated"


def note_editor(record: models.Model, *, by: User) -> None:
    if hasattr(record, "publication") and record.drafted_by_id not in (None, by.pk):  # type: ignore[attr-defined]
        record.editors.add(by)  # type: ignore[attr-defined]
