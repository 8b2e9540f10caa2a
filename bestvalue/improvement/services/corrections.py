"""Correcting and withdrawing readings and evidence, in the open (issue 18.2): nothing is
deleted; the earlier value stays in the item's correction note and in the audit log (its
History), and a published measure or evidence item shows the note when next published."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from bestvalue.audit.services import record_event, snapshot
from bestvalue.core import clock
from bestvalue.improvement import content, permissions, rules
from bestvalue.improvement.errors import FieldRefused
from bestvalue.improvement.models import Evidence, Measure, Reading
from bestvalue.improvement.readings_csv import uk
from bestvalue.improvement.services._common import check_version, clean_text, require

READING_FIELDS = ("taken_on", "value", "source", "withdrawn_at", "withdrawal_reason")
EVIDENCE_FIELDS = ("title", "effective_on", "url", "withdrawn_at", "withdrawal_reason")
REASON = "Enter the reason, which is published with the item"


def _may_edit(by: Any, authority_id: int) -> None:
    require(
        permissions.can_edit_authority(by, authority_id),
        "Only the authority's own officers can correct its records.",
    )


def _reason(reason: str) -> str:
    try:
        return clean_text(reason, REASON)
    except ValueError as exc:
        raise FieldRefused(str(exc), field="reason") from None


def _note(item: Any, what: str, reason: str) -> None:
    item.correction_notes = [
        *item.correction_notes,
        rules.correction_note(clock.today(), what, reason),
    ]


def _recorded(
    by: Any, action: str, item: Any, before: dict[str, Any], fields: tuple[str, ...], reason: str
) -> Any:
    """The correction's audit event, in its transaction: before and after, and the reason."""
    after = {**snapshot(item, fields), "reason": reason}
    record_event(actor=by, action=f"improvement.{action}", obj=item, before=before, after=after)
    return item


def _locked_reading(reading: Reading) -> tuple[Reading, Measure]:
    reading = Reading.with_withdrawn.select_for_update(of=("self",), no_key=True).get(pk=reading.pk)
    measure = Measure.objects.select_for_update(no_key=True).get(pk=reading.measure_id)
    refusal = rules.withdrawn_refusal(reading.withdrawn_at is not None, "reading")
    if refusal:
        raise FieldRefused(refusal, field="reason")
    return reading, measure


def correct_reading(
    reading: Reading,
    *,
    by: Any,
    version: int,
    taken_on: dt.date,
    value: Decimal,
    source: str,
    reason: str,
) -> Reading:
    """Correct a reading's date, value or source, saying why. The measure keeps a dated note of
    the earlier value; `version` is the measure's, so an edit made since is refused."""
    _may_edit(by, reading.measure.authority_id)
    reason = _reason(reason)
    with transaction.atomic():
        reading, measure = _locked_reading(reading)
        check_version(measure.version, version, "measure")
        refusal = rules.reading_date_refusal(
            taken_on, baseline_on=measure.baseline_on, today=clock.today()
        )
        if refusal:
            raise FieldRefused(refusal, field="taken_on")
        clash = Reading.objects.filter(measure=measure, taken_on=taken_on).exclude(pk=reading.pk)
        if clash.exists():
            raise FieldRefused(
                f"There is already a reading for {uk(taken_on)}: choose another date",
                field="taken_on",
            )
        before = snapshot(reading, READING_FIELDS)
        was = f"{uk(reading.taken_on)}: {content.number_text(reading.value)} ({reading.source})"
        reading.taken_on, reading.value = taken_on, value
        reading.source = clean_text(source, "Enter the source of the reading")
        now = f"{uk(taken_on)}: {content.number_text(value)} ({reading.source})"
        if now == was:
            raise FieldRefused("Change the date, value or source to correct it", field="value")
        reading.full_clean(exclude=["measure", "recorded_by"], validate_constraints=False)
        reading.save()
        _note(measure, f"The reading {was} was corrected to {now}", reason)
        measure.version += 1
        measure.save()
        return _recorded(by, "reading.corrected", reading, before, READING_FIELDS, reason)


def withdraw_reading(reading: Reading, *, by: Any, version: int, reason: str) -> Reading:
    """Withdraw a reading that should never have been recorded (a reading dated before the
    baseline, a wrong measure), saying why. It is kept, counts nowhere, and the measure keeps a
    dated note of it."""
    _may_edit(by, reading.measure.authority_id)
    reason = _reason(reason)
    with transaction.atomic():
        reading, measure = _locked_reading(reading)
        check_version(measure.version, version, "measure")
        before = snapshot(reading, READING_FIELDS)
        reading.withdrawn_at, reading.withdrawal_reason = clock.now(), reason
        reading.save()
        was = f"{uk(reading.taken_on)}: {content.number_text(reading.value)} ({reading.source})"
        _note(measure, f"The reading {was} was withdrawn", reason)
        measure.version += 1
        measure.save()
        return _recorded(by, "reading.withdrawn", reading, before, READING_FIELDS, reason)


def _locked_evidence(evidence: Evidence) -> Evidence:
    evidence = Evidence.objects.select_for_update(of=("self",), no_key=True).get(pk=evidence.pk)
    refusal = rules.withdrawn_refusal(evidence.withdrawn_at is not None, "evidence")
    if refusal:
        raise FieldRefused(refusal, field="reason")
    return evidence


def correct_evidence(
    evidence: Evidence, *, by: Any, title: str, effective_on: dt.date, reason: str
) -> Evidence:
    """Correct evidence's title or effective date, saying why (a file's bytes never change: a
    wrong file is withdrawn and the right one added)."""
    _may_edit(by, evidence.authority_id)
    reason = _reason(reason)
    refusal = rules.evidence_date_refusal(effective_on, today=clock.today())
    if refusal:
        raise FieldRefused(refusal, field="effective_on")
    with transaction.atomic():
        evidence = _locked_evidence(evidence)
        before = snapshot(evidence, EVIDENCE_FIELDS)
        was = f"“{evidence.title}”, effective {uk(evidence.effective_on)}"
        evidence.title = clean_text(title, "Enter a title for the evidence")
        evidence.effective_on = effective_on
        now = f"“{evidence.title}”, effective {uk(effective_on)}"
        if now == was:
            raise FieldRefused("Change the title or effective date to correct it", field="title")
        _note(evidence, f"The evidence {was} was corrected to {now}", reason)
        evidence.full_clean(validate_constraints=False)
        evidence.save()
        return _recorded(by, "evidence.corrected", evidence, before, EVIDENCE_FIELDS, reason)


def withdraw_evidence(evidence: Evidence, *, by: Any, reason: str) -> Evidence:
    """Withdraw evidence, saying why. It is kept with its history; a withdrawn file is no longer
    served to the public, and a published item shows the withdrawal when next published."""
    _may_edit(by, evidence.authority_id)
    reason = _reason(reason)
    with transaction.atomic():
        evidence = _locked_evidence(evidence)
        before = snapshot(evidence, EVIDENCE_FIELDS)
        evidence.withdrawn_at, evidence.withdrawal_reason = clock.now(), reason
        _note(evidence, f"The evidence “{evidence.title}” was withdrawn", reason)
        evidence.save()
        return _recorded(by, "evidence.withdrawn", evidence, before, EVIDENCE_FIELDS, reason)
