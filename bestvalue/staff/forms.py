"""Fields and forms shared by the staff rooms: text fields with the house limits, the choice of
authority, the versioned
form (a stale submission is refused by the service and the input shown again), and the
dashboard's date form. Each room's own forms live in its package (staff/notices/forms.py)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core import signing
from django.utils.html import format_html

from bestvalue.authorities.selectors import current_authorities
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


def authority_field(required_message: str) -> forms.ModelChoiceField:
    """The authority a record is about, chosen from the current authorities."""
    return forms.ModelChoiceField(
        label="Authority",
        queryset=current_authorities(),
        empty_label="Choose an authority",
        error_messages={
            "required": required_message,
            "invalid_choice": "Choose an authority from the list",
        },
    )


def search_field() -> forms.CharField:
    """A case list's search box: authority, reference or words."""
    return forms.CharField(
        label="Authority, reference or words",
        required=False,
        max_length=100,
        error_messages={"max_length": "Search for 100 characters or fewer"},
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


def radios(label: str, choices: Any, required_message: str) -> forms.ChoiceField:
    """One of `choices`, shown as radios; `required_message` when none is chosen."""
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required_message},
    )


OPENED = "opened"  # the hidden field, beside the version, with the values the form opened with
_SALT = "bestvalue.staff.opened"


def shown(field: forms.Field, value: Any) -> str:
    """A field's value as a person reads it: a choice by its label, yes or no, a list joined."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list | tuple | set | frozenset) or hasattr(value, "all"):
        items = value.all() if hasattr(value, "all") else value
        return ", ".join(shown(field, item) for item in items)
    if isinstance(field, forms.ChoiceField):
        key = str(getattr(value, "pk", value))
        choices: Any = field.choices
        labels = {str(k): str(v) for k, v in choices if not isinstance(v, list | tuple)}
        return labels.get(key, str(value))
    return str(value)


def values_now(form: forms.BaseForm) -> dict[str, str]:
    """The visible fields' values the form is (re)opened with, as people read them."""
    return {
        name: shown(field, form.get_initial_for_field(field, name))
        for name, field in form.fields.items()
        if not field.widget.is_hidden
    }


def values_opened(form: forms.BaseForm) -> dict[str, str] | None:
    """The values the sent form was opened with (signed in the page), or None if not known."""
    try:
        opened = signing.loads(str(form.data.get(OPENED, "")), salt=_SALT)
    except signing.BadSignature:
        return None
    return opened if isinstance(opened, dict) else None


def sign_opened(values: dict[str, str]) -> str:
    return signing.dumps(values, salt=_SALT, compress=True)


class VersionInput(forms.HiddenInput):
    """The record's version and, beside it, the values the form was opened with (signed), so
    that a refused stale edit can show what changed since (staff.pages.offer_retry)."""

    form: forms.BaseForm | None = None

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> Any:
        html = super().render(name, value, attrs, renderer)
        if self.form is None:
            return html
        opened = self.form.data.get(OPENED) if self.form.is_bound else None
        return html + format_html(
            '<input type="hidden" name="{}" value="{}">',
            OPENED,
            opened or sign_opened(values_now(self.form)),
        )


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=VersionInput, min_value=1)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["version"].widget
        if isinstance(widget, VersionInput):
            widget.form = self


class InForceForm(forms.Form):
    on = DateField(label="In force on", what="the date")
