"""Writes to notices. Each function is one transaction that checks its rules, saves, and records
its audit event. Rules and their sources are named in each docstring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from bestvalue.accounts import permissions
from bestvalue.audit.services import audited, record_event, snapshot
from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.guidance.selectors import named_themes
from bestvalue.notices import engagement, rules
from bestvalue.notices.approval import approval_content
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.notices.issuing import LetterWriter, allocate_reference
from bestvalue.notices.models import Acknowledgement, Expectation, Ground, Notice
from bestvalue.notices.rules import Action, Status
from bestvalue.records import services as records
from bestvalue.records.rules import digest as digest_of

# What the approver approves when a notice is issued (records.Submission.action).
ISSUE = "notice.issue"

NOTICE_FIELDS = (
    "reference",
    "authority",
    "department",
    "addressee_name",
    "addressee_role",
    "signatory_name",
    "signatory_role",
    "issued_on",
    "period_months",
    "expires_on",
    "status",
    "ended_on",
    "replaces",
    "version",
    "approved_by",
    "approved_at",
)


@dataclass(frozen=True)
class ItemInput:
    """A ground, acknowledgement or expectation as entered: its text and theme keys."""

    text: str
    themes: Sequence[str] = field(default_factory=tuple)
    source_document: str = ""


def _locked(notice: Notice) -> Notice:
    """The notice, locked until the transaction ends so that services change it in turn.

    Only its own row (not the authority joined to it), and FOR NO KEY UPDATE rather than FOR
    UPDATE: PostgreSQL checks foreign keys at commit, taking FOR KEY SHARE on the row referred
    to after record_event has taken the audit chain head, so a transaction adding an engagement
    to this notice, or a draft for its authority, would wait for our lock while we waited for
    its head: a deadlock. FOR NO KEY UPDATE does not block those checks, and still makes writers
    of the notice take turns (issuing, which sets the unique reference, takes the stronger lock
    itself when it writes it, by which time no one else can be adding to the notice)."""
    return (
        Notice.objects.select_for_update(of=("self",), no_key=True)
        .select_related("authority")
        .get(pk=notice.pk)
    )


def _lock_authority(authority_id: int) -> None:
    """Make services that put a notice in force for one authority take turns, so the second sees
    the first's notice and is refused in words rather than by the database constraint."""
    Authority.objects.select_for_update(no_key=True).get(pk=authority_id)


def _check_version(notice: Notice, version: int | None) -> None:
    if version is not None and version != notice.version:
        raise StaleEdit()


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


def _refuse_period(period_months: int | None) -> None:
    refusal = rules.period_refusal(period_months)
    if refusal:
        raise ValidationError({"period_months": refusal})


def refuse_record_date(what: str, on: dt.date, *, field: str) -> None:
    """Refuse, on `field`, a date of issue or decision too far from today
    (rules.record_date_refusal, the margin RECORD_DATE_MARGIN_DAYS)."""
    refusal = rules.record_date_refusal(
        what, on, today=clock.today(), margin_days=settings.RECORD_DATE_MARGIN_DAYS
    )
    if refusal:
        raise ValidationError({field: refusal})


def _store(notice: Notice, *, by: Any) -> None:
    """Save the notice (its expiry derived) without its audit event."""
    notice.expires_on = rules.expiry_date(notice.issued_on, notice.period_months)
    notice.full_clean(exclude=["editors"], validate_constraints=False)
    notice.save()
    if by is not None and notice.status in (Status.DRAFT, Status.AWAITING_APPROVAL):
        notice.editors.add(by)


def _save(notice: Notice, *, by: Any, action: str, before: dict[str, Any] | None) -> Notice:
    _store(notice, by=by)
    record_event(
        actor=by, action=action, obj=notice, before=before, after=snapshot(notice, NOTICE_FIELDS)
    )
    return notice


def create_draft(
    *,
    by: Any,
    authority: Authority,
    period_months: int | None,
    addressee_name: str = "",
    addressee_role: str = "",
    signatory_name: str = "",
    signatory_role: str = "",
    department: str | None = None,
) -> Notice:
    """Start a draft notice. Only department caseworkers draft notices (DESIGN.md section 2)."""
    _require(permissions.is_caseworker(by), "Only department caseworkers can draft notices.")
    _refuse_period(period_months)
    notice = Notice(
        authority=authority,
        period_months=period_months,
        addressee_name=addressee_name,
        addressee_role=addressee_role,
        signatory_name=signatory_name,
        signatory_role=signatory_role,
        department=department or settings.DEPARTMENT,
        status=Status.DRAFT,
        drafted_by=by,
    )
    with transaction.atomic():
        return _save(notice, by=by, action="notice.drafted", before=None)


def update_draft(notice: Notice, *, by: Any, version: int, **changes: Any) -> Notice:
    """Change a draft's details. Refused if someone else saved it since `version` was read."""
    _require(permissions.is_caseworker(by), "Only department caseworkers can edit drafts.")
    allowed = {
        "authority",
        "period_months",
        "addressee_name",
        "addressee_role",
        "signatory_name",
        "signatory_role",
        "department",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} on a draft")
    if "period_months" in changes:
        _refuse_period(changes["period_months"])
    with transaction.atomic():
        notice = _locked(notice)
        _check_version(notice, version)
        if notice.status != Status.DRAFT:
            raise NotAllowed("Only a draft can be changed. Return it to draft first.")
        with audited(notice, NOTICE_FIELDS, actor=by, action="notice.edited"):
            for name, value in changes.items():
                setattr(notice, name, value)
            notice.version += 1
            _store(notice, by=by)
        return notice


_ITEM_MODELS: dict[str, type[Ground] | type[Acknowledgement] | type[Expectation]] = {
    "grounds": Ground,
    "acknowledgements": Acknowledgement,
    "expectations": Expectation,
}


def save_item(
    notice: Notice,
    *,
    by: Any,
    version: int,
    kind: str,
    item: ItemInput,
    position: int | None = None,
) -> Notice:
    """Add (position None) or change a ground, acknowledgement or expectation of a draft.

    Expectations and grounds are tagged with one or more of the seven themes (DESIGN.md 3.1).
    """
    _require(permissions.is_caseworker(by), "Only department caseworkers can edit drafts.")
    model = _ITEM_MODELS[kind]
    text = item.text.strip()
    if not text:
        raise ValueError("Enter the text")
    with transaction.atomic():
        notice = _locked(notice)
        _check_version(notice, version)
        if notice.status != Status.DRAFT:
            raise NotAllowed("Only a draft can be changed. Return it to draft first.")
        items = model.objects.filter(notice=notice)
        if position is None:
            last = items.aggregate(last=Max("position"))["last"] or 0
            obj = model(notice=notice, position=last + 1)
            before = None
        else:
            obj = items.get(position=position)
            before = snapshot(obj)
        obj.text = text
        if isinstance(obj, Ground):
            obj.source_document = item.source_document.strip()
        obj.full_clean(exclude=["notice"])
        obj.save()
        if not isinstance(obj, Acknowledgement):
            obj.themes.set(named_themes(item.themes))
        record_event(
            actor=by,
            action=f"notice.{kind}.saved",
            obj=obj,
            before=before,
            after={**snapshot(obj), "themes": sorted(item.themes)},
        )
        notice.version += 1
        return _save(notice, by=by, action="notice.edited", before=None)


def remove_item(notice: Notice, *, by: Any, version: int, kind: str, position: int) -> Notice:
    """Remove an item from a draft and renumber the rest, keeping the list's order."""
    _require(permissions.is_caseworker(by), "Only department caseworkers can edit drafts.")
    model = _ITEM_MODELS[kind]
    with transaction.atomic():
        notice = _locked(notice)
        _check_version(notice, version)
        if notice.status != Status.DRAFT:
            raise NotAllowed("Only a draft can be changed. Return it to draft first.")
        obj = model.objects.get(notice=notice, position=position)
        record_event(actor=by, action=f"notice.{kind}.removed", obj=obj, before=snapshot(obj))
        obj.delete()
        for later in model.objects.filter(notice=notice, position__gt=position).order_by(
            "position"
        ):
            later.position -= 1
            later.save(update_fields=["position"])
        notice.version += 1
        return _save(notice, by=by, action="notice.edited", before=None)


def _untagged_refusal(notice: Notice) -> str | None:
    grounds = [(g.position, g.themes.exists()) for g in notice.grounds.all()]
    expectations = [(e.position, e.themes.exists()) for e in notice.expectations.all()]
    return rules.untagged_items_refusal(grounds, expectations)


def submit_for_approval(notice: Notice, *, by: Any, version: int | None = None) -> Notice:
    """Send a draft to an approver. It needs an authority, a period within the limits, at least
    one ground and one expectation, each ground and expectation tagged with a theme. The content
    sent is kept with its SHA-256 (records.services.submit), so that the approver approves what
    they read."""
    _require(
        permissions.is_caseworker(by), "Only department caseworkers can send drafts for approval."
    )
    with transaction.atomic():
        notice = _locked(notice)
        _check_version(notice, version)
        problems = []
        if notice.period_months is None:
            problems.append("Enter the period of the notice in months")
        problems.append(rules.period_refusal(notice.period_months) or "")
        if not notice.expectations.exists():
            problems.append("Add at least one expectation")
        if not notice.grounds.exists():
            problems.append("Add at least one ground for the department's concern")
        problems.append(_untagged_refusal(notice) or "")
        problems = [p for p in problems if p]
        if problems:
            raise ValueError(". ".join(problems) + ".")
        with audited(notice, NOTICE_FIELDS, actor=by, action="notice.submitted"):
            notice.status = rules.next_status(notice.status_enum, Action.SUBMIT)
            notice.version += 1
            _store(notice, by=by)
            records.submit(notice, by=by, action=ISSUE, content=approval_content(notice))
        return notice


def return_to_draft(notice: Notice, *, by: Any, reason: str, version: int | None = None) -> Notice:
    """An approver sends a notice back to its caseworker with a reason, or the caseworker takes it
    back to change it. The reason is shown at the top of the draft (records.selectors.last_return).
    """
    _require(permissions.is_department(by), "Only the department can return a notice to draft.")
    if not reason.strip():
        raise ValueError("Enter why the notice is being returned to draft")
    with transaction.atomic():
        notice = _locked(notice)
        _check_version(notice, version)
        with audited(
            notice,
            NOTICE_FIELDS,
            actor=by,
            action="notice.returned",
            noted={"reason": reason.strip()},
        ):
            notice.status = rules.next_status(notice.status_enum, Action.RETURN)
            notice.version += 1
            notice.save()
            records.return_to_author(notice, by=by, reason=reason)
        return notice


def _refuse_issue(notice: Notice, *, by: Any, issued_on: dt.date) -> Status:
    refusal = permissions.approval_refusal(by, notice)
    if refusal and notice.status == Status.AWAITING_APPROVAL:
        raise NotAllowed(refusal)
    new_status = rules.next_status(notice.status_enum, Action.APPROVE)
    refuse_record_date("the date of issue", issued_on, field="issued_on")
    if (
        notice.replaces is None
        and Notice.objects.open().filter(authority=notice.authority).exists()
    ):
        raise NotAllowed(
            f"{notice.authority} already has a notice in force. Reissue that notice, or record "
            "its outcome, before issuing a new one."
        )
    return new_status


def approve_and_issue(
    notice: Notice,
    *,
    by: Any,
    issued_on: dt.date,
    digest: str | None = None,
    letters: LetterWriter | None = None,
) -> Notice:
    """Approve the content the approver read and issue the notice, which publishes it.

    `digest` is the SHA-256 of approval_content as the approver read it (the approve form
    carries it): if the notice changed since, StaleApproval lists what changed and nothing is
    issued. Callers where no person reads (the benchmark generator, test factories) omit it and
    approve the content as it stands. Four eyes: the approver must not have written or edited
    it. At most one notice is in force per authority; a revised notice replaces the one in force
    in the same transaction. Two approvals at the same moment issue it once.

    `letters` (the letters app's writer) renders and freezes the letter once the reference is
    allocated, before any audit event takes the chain head, so that the rendering holds only
    this notice, its authority and the year's reference counter.
    """
    try:
        return _approve_and_issue(
            notice, by=by, issued_on=issued_on, digest=digest, letters=letters
        )
    except BaseException:
        if letters is not None:
            letters.discard()
        raise


def _approve_and_issue(
    notice: Notice,
    *,
    by: Any,
    issued_on: dt.date,
    digest: str | None,
    letters: LetterWriter | None,
) -> Notice:
    with transaction.atomic():
        _lock_authority(notice.authority_id)
        notice = _locked(notice)
        new_status = _refuse_issue(notice, by=by, issued_on=issued_on)
        content = approval_content(notice)
        read = digest_of(content) if digest is None else digest
        if read != digest_of(content):
            # Raises StaleApproval with the changes since the version read; nothing is written.
            records.approve(notice, by=by, action=ISSUE, digest_read=read, content=content)
        record_replacement = (
            _replace(notice.replaces, by=by, on=issued_on) if notice.replaces else None
        )
        with audited(notice, NOTICE_FIELDS, actor=by, action="notice.issued"):
            notice.status, notice.issued_on = new_status, issued_on
            notice.approved_by, notice.approved_at = by, clock.now()
            notice.version += 1
            notice.reference = allocate_reference(issued_on.year)
            _store(notice, by=by)
            if letters is not None:
                letters.write(notice, by=by)
            if record_replacement is not None:
                record_replacement()
            records.approve(notice, by=by, action=ISSUE, digest_read=read, content=content)
        return notice


def _replace(old: Notice, *, by: Any, on: dt.date) -> Callable[[], None]:
    """End the notice in force, replaced on `on`. Returns the recording of its audit event, for
    approve_and_issue to make after the letter is rendered."""
    old = _locked(old)
    before = snapshot(old, NOTICE_FIELDS)
    old.status = rules.next_status(old.status_enum, Action.REISSUE)
    old.ended_on = on
    old.version += 1
    _store(old, by=by)

    def record() -> None:
        record_event(
            actor=by,
            action="notice.reissued",
            obj=old,
            before=before,
            after=snapshot(old, NOTICE_FIELDS),
        )
        # Open data requests and their outstanding returns carry to the revised notice
        # (notices.engagement.carries_over; docs/architecture.md).
        engagement.carry_open_requests(old, to=old.replaced_by, by=by, on=on)

    return record


def start_reissue(notice: Notice, *, by: Any) -> Notice:
    """Start a revised notice from the one in force: same authority, addressee and signatory,
    grounds and expectations carried forward (each expectation linked to its predecessor), the
    period for revised notices (configurable: REVISED_NOTICE_PERIOD_MONTHS, 6 by default, as
    revised notices have been so far; no rule of law fixes it). Acknowledgements start empty:
    they record progress since this notice."""
    _require(permissions.is_caseworker(by), "Only department caseworkers can draft notices.")
    with transaction.atomic():
        notice = _locked(notice)
        started = Notice.objects.filter(replaces=notice).exists()
        if not rules.may_reissue(notice.status_enum, revision_started=started):
            if notice.status != Status.ISSUED:
                raise rules.InvalidTransition(notice.status_enum, Action.REISSUE)
            raise NotAllowed("A revised notice has already been started for this notice.")
        revised = Notice(
            authority=notice.authority,
            department=settings.DEPARTMENT,
            replaces=notice,
            addressee_name=notice.addressee_name,
            addressee_role=notice.addressee_role,
            signatory_name=notice.signatory_name,
            signatory_role=notice.signatory_role,
            period_months=settings.REVISED_NOTICE_PERIOD_MONTHS,
            status=Status.DRAFT,
            drafted_by=by,
        )
        _save(revised, by=by, action="notice.reissue_started", before=None)
        for ground in notice.grounds.prefetch_related("themes"):
            _carry(ground, revised, source_document=ground.source_document)
        for expectation in notice.expectations.prefetch_related("themes"):
            _carry(
                expectation, revised, is_verbatim=expectation.is_verbatim, carried_from=expectation
            )
        return revised


def _carry(item: Ground | Expectation, revised: Notice, **fields: Any) -> None:
    """Copy a ground or expectation, with its themes, onto the revised notice."""
    copy = type(item).objects.create(
        notice=revised, position=item.position, text=item.text, **fields
    )
    copy.themes.set(item.themes.all())
