"""Forms of the corrections room: propose a correction to an issued notice, propose withdrawing
one issued in error, approve a correction as read, and return one with a reason. Every field
whose words will be published says so."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from bestvalue.core.forms import DateField
from bestvalue.staff.forms import _line, _text

PUBLISHED_REASON = "This reason is published with the correction."


def item_field_name(key: str) -> str:
    """ "ground:2" as a form field's name (ground_2)."""
    return key.replace(":", "_")


class CorrectionForm(forms.Form):
    """The notice's correctable facts, prefilled with the values now on the record; only the
    ones changed are proposed."""

    issued_on = DateField(label="Date of issue", what="the date the notice was issued")
    period_months = forms.IntegerField(
        label="Period in months",
        min_value=1,
        max_value=36,
        error_messages={
            "required": "Enter the period in months",
            "invalid": "Enter the period as a whole number of months",
            "min_value": "The period must be at least 1 month",
            "max_value": "The period must be 36 months or fewer",
        },
    )
    addressee_name = _line("Addressee's name")
    addressee_role = _line("Addressee's role")
    signatory_name = _line("Signatory's name")
    signatory_role = _line("Signatory's role")

    def __init__(self, *args: Any, items: dict[str, tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.item_keys = {item_field_name(key): key for key in items}
        for key, (label, _value) in items.items():
            self.fields[item_field_name(key)] = _text(label, f"Enter the {label.lower()}")
        self.fields["reason"] = _text(
            "Reason for the correction",
            "Enter why the record is being corrected",
            help_text=PUBLISHED_REASON,
        )

    def values(self) -> dict[str, Any]:
        """Every correctable value as entered, keyed as notices.corrections names them."""
        data = self.cleaned_data
        found: dict[str, Any] = {}
        for name, value in data.items():
            if name == "reason":
                continue
            key = self.item_keys.get(name, name)
            found[key] = value.isoformat() if isinstance(value, dt.date) else value
        return found


class WithdrawInErrorForm(forms.Form):
    reason = _text(
        "Why the notice was issued in error",
        "Enter why the notice was issued in error",
        help_text="This will be published on the register with the withdrawal.",
    )


class ApproveCorrectionForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput, required=False)


class ReturnCorrectionForm(forms.Form):
    reason = _text(
        "Why you are returning it",
        "Enter why the correction is being returned",
        help_text="The caseworker who proposed it sees this on the correction's page.",
    )
