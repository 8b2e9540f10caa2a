"""Forms for correcting and withdrawing readings and evidence in the open (issue 18.2): each
asks for the reason, which is published with the item's correction note."""

from __future__ import annotations

from django import forms

from bestvalue.core.forms import DateField
from bestvalue.staff.improvement.forms import VersionedForm, _line, _number, _text, public

REASON_HINT = "Say what was wrong. The reason is kept in the history and shown with the item once it is published."


def _reason() -> forms.CharField:
    return _text("Reason", "Enter the reason", help_text=REASON_HINT)


class ReadingCorrectionForm(VersionedForm):
    taken_on = DateField(
        label="Date of the reading", what="the date of the reading", help_text=public("measure")
    )
    value = _number("Value", "the value", help_text=public("measure"))
    source = _line("Source", required=True, required_message="Enter the source of the reading")
    reason = _reason()


class WithdrawReadingForm(VersionedForm):
    reason = _reason()


class EvidenceCorrectionForm(forms.Form):
    title = _line("Title", required=True, required_message="Enter a title for the evidence")
    effective_on = DateField(
        label="Effective date", what="the effective date", help_text=public("evidence")
    )
    reason = _reason()


class WithdrawEvidenceForm(forms.Form):
    reason = _reason()
