"""Fields and forms shared by the staff rooms: text fields with the house limits, the versioned
form (a stale submission is refused by the service and the input shown again), and the
dashboard's date form. Each room's own forms live in its package (staff/notices/forms.py)."""

from __future__ import annotations

from django import forms

from bestvalue.core.forms import DateField, no_control_characters

TEXT_LIMIT = 5000


def _text(
    label: str, required_message: str, *, help_text: str = "", required: bool = True
) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=TEXT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[no_control_characters],
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be {TEXT_LIMIT:,} characters or fewer",
        },
    )


def _line(label: str, *, required: bool = False, required_message: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=200,
        validators=[no_control_characters],
        error_messages={
            "required": required_message,
            "max_length": f"{label} must be 200 characters or fewer",
        },
    )


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class InForceForm(forms.Form):
    on = DateField(label="In force on", what="the date")
