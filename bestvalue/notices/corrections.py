"""Corrections in the open (issue 13, point 3): a caseworker proposes correcting an issued
notice (a wrong date, a typo, the wrong addressee) with a reason the public will read; an
approver other than the proposer approves the correction as read; the notice changes, with a
dated public note, and the earlier values stay in the audit log and on the Correction.

A notice issued in error is withdrawn the same way (proposed, then approved by someone else),
without a review rating its expectations: its outcome says "withdrawn (issued in error)".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction

from bestvalue.accounts import permissions
from bestvalue.audit.services import record_event, snapshot
from bestvalue.core import clock
from bestvalue.core.dates import uk_date
from bestvalue.notices import rules
from bestvalue.notices.errors import NotAllowed, StaleApproval
from bestvalue.notices.models import Notice, Outcome
from bestvalue.notices.rules import Action, Status
from bestvalue.records import rules as record_rules
from bestvalue.records import services as records

# The notice's own facts that may be corrected once it is issued, with the labels the
# correction page and the public note use.
FIELD_LABELS = {
    "issued_on": "Date of issue",
    "period_months": "Period",
    "addressee_name": "Addressee's name",
    "addressee_role": "Addressee's role",
    "signatory_name": "Signatory's name",
    "signatory_role": "Signatory's role",
}
ITEM_KINDS = {
    "ground": "grounds",
    "acknowledgement": "acknowledgements",
    "expectation": "expectations",
}
CORRECTION_FIELDS = (*FIELD_LABELS, "status", "ended_on", "expires_on", "version")
WITHDRAWAL = "status"
MAX_PERIOD_MONTHS = 36

if TYPE_CHECKING:
    from bestvalue.records.models import Correction


def _items(notice: Notice) -> dict[str, tuple[str, Any]]:
    found = {}
    for kind, related in ITEM_KINDS.items():
        for item in getattr(notice, related).all():
            found[f"{kind}:{item.position}"] = (f"Text of {kind} {item.position}", item.text)
    return found


def current_values(notice: Notice) -> dict[str, tuple[str, Any]]:
    """What may be corrected on `notice`: each field's label and its value now (dates as ISO
    text, as a Correction keeps them)."""
    values: dict[str, tuple[str, Any]] = {
        name: (label, record_rules.json_safe(getattr(notice, name)))
        for name, label in FIELD_LABELS.items()
    }
    return {**values, **_items(notice)}


def approval_content(correction: Correction, notice: Notice) -> dict[str, Any]:
    """What the approver reads (and its digest binds): each change with the value now on the
    record beside the value proposed, and the reason to be published."""
    now = current_values(notice)
    if WITHDRAWAL in correction.changes:
        changed = {"Status": {"Now on the record": notice.status, "Proposed": "withdrawn"}}
    else:
        changed = {
            change["label"]: {
                "Now on the record": now.get(field, ("", None))[1],
                "Proposed": change["after"],
            }
            for field, change in correction.changes.items()
        }
    return {"Notice": notice.reference, "Correction": changed, "Reason": correction.reason}


def _as_proposed(correction: Correction, notice: Notice) -> dict[str, Any]:
    """The approval content as it read when the correction was proposed."""
    content = approval_content(correction, notice)
    for field, change in correction.changes.items():
        label = "Status" if field == WITHDRAWAL else change["label"]
        content["Correction"][label]["Now on the record"] = change["before"]
    return content


def _issue_date_error(notice: Notice, value: Any, *, today: dt.date) -> str:
    issued_on = dt.date.fromisoformat(value) if isinstance(value, str) else value
    if issued_on is None:
        return "Enter the date the notice was issued"
    if issued_on > today:
        return record_rules.not_in_future_message("the date of issue")
    if notice.ended_on is not None and issued_on > notice.ended_on:
        return (
            f"The date of issue must be on or before {uk_date(notice.ended_on)}, "
            "the day the notice stopped being in force"
        )
    return ""


def _check(notice: Notice, values: Mapping[str, Any], *, today: dt.date) -> None:
    """The notice rules a correction must keep, for the values it changes: an issue date not in
    the future and not after the day it stopped being in force, a whole period of 1 to 36
    months, no blank text. (A value it leaves alone is not checked again: correcting the
    addressee of a notice mistyped as issued in 2031 must not wait for the date's correction.)"""
    errors: dict[str, str] = {}
    if "issued_on" in values:
        message = _issue_date_error(notice, values["issued_on"], today=today)
        if message:
            errors["issued_on"] = message
    period = values.get("period_months")
    if "period_months" in values and period is None:
        errors["period_months"] = "Enter the period in months"
    elif period is not None and not 1 <= int(period) <= MAX_PERIOD_MONTHS:
        errors["period_months"] = f"The period must be from 1 to {MAX_PERIOD_MONTHS} months"
    for field, value in values.items():
        if field.partition(":")[0] in ITEM_KINDS and not str(value or "").strip():
            errors[field] = "Enter the corrected text"
    if errors:
        raise ValidationError(errors)


def propose_notice_correction(
    notice: Notice, *, by: Any, values: Mapping[str, Any], reason: str
) -> Correction:
    """Propose correcting an issued notice's facts: `values` maps fields (current_values' keys)
    to their corrected values. Nothing changes until an approver approves it."""
    if not notice.is_published:
        raise NotAllowed("Only an issued notice is corrected: change a draft on its own page.")
    now = current_values(notice)
    unknown = set(values) - set(now)
    if unknown:
        raise ValueError(f"These cannot be corrected: {', '.join(sorted(unknown))}")
    after = {field: record_rules.json_safe(value) for field, value in values.items()}
    _check(notice, after, today=clock.today())
    changes = {field: (now[field][0], now[field][1], value) for field, value in after.items()}
    return records.propose_correction(notice, by=by, changes=changes, reason=reason)


def propose_withdrawal_in_error(notice: Notice, *, by: Any, reason: str) -> Correction:
    """Propose withdrawing a notice issued in error: it ends without a review rating its
    expectations, once an approver other than the proposer approves it."""
    if notice.status != Status.ISSUED:
        raise rules.InvalidTransition(notice.status_enum, Action.WITHDRAW)
    changes = {WITHDRAWAL: ("Status", str(notice.status), str(Status.WITHDRAWN))}
    return records.propose_correction(notice, by=by, changes=changes, reason=reason)


def _locked(notice: Notice) -> Notice:
    # FOR NO KEY UPDATE on the notice's own row, as notices.services does (docs/architecture.md).
    return (
        Notice.objects.select_for_update(of=("self",), no_key=True)
        .select_related("authority")
        .get(pk=notice.pk)
    )


def correct_notice(notice: Notice, *, by: Any, values: Mapping[str, Any]) -> Notice:
    """Apply an approved correction: set the corrected facts, derive the expiry again from the
    issue date and period, keep the notice rules, and record the change with before and after.
    Called by approve_notice_correction (four eyes) only."""
    with transaction.atomic():
        notice = _locked(notice)
        _check(notice, values, today=clock.today())
        before = {**snapshot(notice, CORRECTION_FIELDS), **_texts(notice, values)}
        for field, value in values.items():
            kind, _, position = field.partition(":")
            if kind in ITEM_KINDS:
                item = getattr(notice, ITEM_KINDS[kind]).get(position=int(position))
                item.text = str(value).strip()
                item.full_clean(exclude=["notice", "themes"])
                item.save(update_fields=["text"])
            elif field == "issued_on":
                notice.issued_on = dt.date.fromisoformat(str(value))
            elif field == "period_months":
                notice.period_months = int(value)
            else:
                setattr(notice, field, str(value or "").strip())
        notice.expires_on = rules.expiry_date(notice.issued_on, notice.period_months)
        notice.version += 1
        notice.full_clean(exclude=["editors"], validate_constraints=False)
        notice.save()
        after = {**snapshot(notice, CORRECTION_FIELDS), **_texts(notice, values)}
        record_event(actor=by, action="notice.corrected", obj=notice, before=before, after=after)
        return notice


def _texts(notice: Notice, values: Mapping[str, Any]) -> dict[str, str]:
    items = _items(notice)
    return {field: items[field][1] for field in values if field in items}


def withdraw_in_error(notice: Notice, *, by: Any, reason: str) -> Notice:
    """Withdraw a notice issued in error: it ends today (or on its issue date, if that is
    later) with the outcome "withdrawn (issued in error)" and the reason as its public note. No
    review and no ratings: there was nothing to assess. Called by approve_notice_correction
    (four eyes) only."""
    with transaction.atomic():
        notice = _locked(notice)
        before = snapshot(notice, CORRECTION_FIELDS)
        notice.status = rules.next_status(notice.status_enum, Action.WITHDRAW)
        today = clock.today()
        notice.ended_on = max(today, notice.issued_on or today)
        notice.version += 1
        notice.full_clean(exclude=["editors"], validate_constraints=False)
        notice.save()
        Outcome.objects.update_or_create(
            notice=notice,
            defaults={
                "decided_on": today,
                "note": f"{rules.WITHDRAWN_IN_ERROR}. {reason.strip()}",
            },
        )
        record_event(
            actor=by,
            action="notice.withdrawn",
            obj=notice,
            before=before,
            after={
                **snapshot(notice, CORRECTION_FIELDS),
                "outcome": rules.WITHDRAWN_IN_ERROR,
                "reason": reason.strip(),
            },
        )
        return notice


def approve_notice_correction(
    correction: Correction, *, by: Any, digest_read: str | None
) -> Correction:
    """An approver other than the proposer approves the correction as they read it (the digest
    of approval_content). If the notice changed since they opened it, nothing is applied:
    StaleApproval lists what changed. A correction whose "before" no longer matches the record
    is refused: return it, and propose it again."""
    refusal = permissions.four_eyes_refusal(
        by, authors=[correction.proposed_by_id], awaiting=correction.decision == "pending"
    )
    if refusal:
        raise NotAllowed(refusal)
    notice = Notice.objects.select_related("authority").get(pk=correction.object_id)
    now = approval_content(correction, notice)
    if digest_read != record_rules.digest(now):
        proposed = _as_proposed(correction, notice)
        read = proposed if digest_read == record_rules.digest(proposed) else None
        raise StaleApproval(record_rules.content_changes(read, now) if read else [])
    if correction.decision == "pending" and WITHDRAWAL not in correction.changes:
        current = current_values(notice)
        if any(current[f][1] != c["before"] for f, c in correction.changes.items()):
            raise NotAllowed(
                "The notice has changed since this correction was proposed: return it and "
                "propose the correction again."
            )

    def apply(values: dict[str, Any]) -> Notice:
        if WITHDRAWAL in values:
            return withdraw_in_error(notice, by=by, reason=correction.reason)
        return correct_notice(notice, by=by, values=values)

    return records.approve_correction(
        correction,
        by=by,
        digest_read=record_rules.digest(
            {"changes": correction.changes, "reason": correction.reason}
        ),
        apply=apply,
    )
