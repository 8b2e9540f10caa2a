"""The form for making a personal API token."""

from django import forms

from bestvalue.core.forms import no_control_characters


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What is the token for?",
        help_text="For example, the name of the script or system that will use it",
        max_length=100,
        validators=[no_control_characters],
        error_messages={
            "required": "Enter what the token is for",
            "max_length": "What the token is for must be 100 characters or fewer",
        },
    )
