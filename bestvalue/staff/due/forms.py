"""The form of a user's reminder preferences."""

from __future__ import annotations

from django import forms

from bestvalue.reminders.selectors import kind_choices


class PreferencesForm(forms.Form):
    email = forms.TypedChoiceField(
        label="Do you want reminders by email?",
        choices=[("yes", "Yes"), ("no", "No, show them only in the service")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you want reminders by email"},
    )
    kinds = forms.MultipleChoiceField(
        label="Which dates do you want to be reminded of?",
        help_text="Select all that apply. Only dates that concern you are shown or sent.",
        choices=kind_choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select the dates from the list"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
