"""Forms of a board's recommendations (issue 18.6): the board makes or changes one (what, when it
is due, who owns it, the expectation it concerns) and closes it with a note; the authority
responds and links the plan actions that answer it. Forms that change one carry its version."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from bestvalue.core.forms import DateField
from bestvalue.staff.forms import VersionedForm, _line, _text
from bestvalue.staff.improvement.forms import _checkboxes, _radios
from bestvalue.staff.pages import OnceForm


class RecommendationFields(forms.Form):
    text = _text("Recommendation", "Enter the recommendation")
    due_on = DateField(label="Due date", what="the date the recommendation is due")
    owner = _line("Owner", required=True, required_message="Enter who at the authority owns it")
    expectation_id = forms.TypedChoiceField(
        label="The expectation it concerns",
        coerce=int,
        choices=[],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the expectation the recommendation concerns",
            "invalid_choice": "Choose from the list",
        },
    )

    def __init__(self, *args: Any, expectations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["expectation_id"]).choices = expectations


class RecommendationForm(RecommendationFields, OnceForm):
    pass


class RecommendationEditForm(RecommendationFields, VersionedForm):
    pass


class ResponseForm(VersionedForm, OnceForm):
    status = _radios("The authority's response", "response", "Choose the authority's response")
    response = _text("Response", "Enter the authority's response")
    owner = _line("Owner", required=True, required_message="Enter who at the authority owns it")
    responded_on = DateField(label="Date of the response", what="the date of the response")
    action_ids = _checkboxes("Plan actions that answer it")

    def __init__(self, *args: Any, actions: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["action_ids"]).choices = actions


class CloseForm(VersionedForm):
    closing_note = _text("Closing note", "Enter the board's closing note")
    closed_on = DateField(label="Date closed", what="the date it was closed")
