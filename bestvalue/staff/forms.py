"""Forms of the department's notice pages. Each carries the record's version where it edits, so a
stale submission is refused by the service and the user's input is shown again."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from bestvalue.authorities.selectors import current_authorities
from bestvalue.core.forms import DateField, no_control_characters
from bestvalue.guidance.selectors import theme_choices
from bestvalue.notices.selectors import (
    decision_choices,
    engagement_kind_choices,
    rating_choices,
    recurrence_choices,
)

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


class NoticeDetailsForm(forms.Form):
    authority = forms.ModelChoiceField(
        label="Authority",
        queryset=current_authorities(),
        empty_label="Choose an authority",
        error_messages={
            "required": "Choose the authority the notice is to",
            "invalid_choice": "Choose an authority from the list",
        },
    )
    period_months = forms.IntegerField(
        label="Period in months",
        min_value=1,
        max_value=36,
        required=False,
        help_text="Notices have run for 12 months; revised notices for 6.",
        error_messages={
            "invalid": "Enter the period as a whole number of months",
            "min_value": "The period must be at least 1 month",
            "max_value": "The period must be 36 months or fewer",
        },
    )
    addressee_name = _line("Addressee's name")
    addressee_role = _line("Addressee's role", required=False)
    signatory_name = _line("Signatory's name")
    signatory_role = _line("Signatory's role")


class NoticeEditForm(NoticeDetailsForm, VersionedForm):
    pass


class ItemForm(VersionedForm):
    text = _text("Text", "Enter the text")
    themes = forms.MultipleChoiceField(
        label="Themes",
        required=False,
        choices=theme_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The themes of the statutory guidance this concerns.",
        error_messages={"invalid_choice": "Choose themes from the list"},
    )
    source_document = _line("Source document", required=False)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == "acknowledgements":
            del self.fields["themes"]
        if kind != "grounds":
            del self.fields["source_document"]
        if kind == "expectations":
            self.fields["themes"].required = True
            self.fields["themes"].error_messages["required"] = "Choose at least one theme"


class ReasonForm(VersionedForm):
    reason = _text("Reason", "Enter why it is being returned to draft")


class ApproveForm(forms.Form):
    issued_on = DateField(label="Date of issue", what="the date the notice is issued")


class ReviewForm(forms.Form):
    reviewed_on = DateField(label="Date of the review", what="the date of the review")
    decision = forms.ChoiceField(
        label="Decision",
        choices=decision_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision"},
    )
    # The rationale becomes the outcome's public note once the decision is approved.
    rationale = _text(
        "Rationale",
        "Enter the reasons for the decision",
        help_text="This will be published on the register.",
    )

    def __init__(self, *args: Any, expectations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expectations = expectations
        for e in expectations:
            self.fields[f"rating_{e.pk}"] = forms.ChoiceField(
                label=f"Expectation {e.position}: assessment",
                choices=rating_choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose an assessment for expectation {e.position}"},
            )
            self.fields[f"commentary_{e.pk}"] = _text(
                f"Expectation {e.position}: commentary",
                f"Enter a commentary for expectation {e.position}",
            )
            self.fields[f"evidence_{e.pk}"] = _text(
                f"Expectation {e.position}: evidence",
                "",
                required=False,
                help_text="Links or document references, one a line.",
            )

    def expectation_fields(
        self,
    ) -> list[tuple[Any, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (e, self[f"rating_{e.pk}"], self[f"commentary_{e.pk}"], self[f"evidence_{e.pk}"])
            for e in self.expectations
        ]


class ReviewEditForm(ReviewForm, VersionedForm):
    pass


class EngagementForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind",
        choices=engagement_kind_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of engagement it was"},
    )
    occurred_on = DateField(label="Date", what="the date it happened")
    summary = _text("Summary", "Enter a summary")
    attendees = _text("Attendees", "", required=False)


class DataRequestForm(forms.Form):
    title = _line("Title", required=True, required_message="Enter a title for the request")
    description = _text("What is requested", "", required=False)
    requested_on = DateField(label="Date requested", what="the date it was requested")
    first_due_on = DateField(label="First return due", what="the date the first return is due")
    recurrence = forms.ChoiceField(
        label="How often",
        choices=recurrence_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often returns are due"},
    )
    last_due_on = DateField(
        label="Last return due (for recurring requests)",
        what="the date the last return is due",
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        requested, first, last = (
            cleaned.get("requested_on"),
            cleaned.get("first_due_on"),
            cleaned.get("last_due_on"),
        )
        if requested and first and first < requested:
            self.add_error(
                "first_due_on", "The first return must be due on or after the date of the request"
            )
        if first and last and last < first:
            self.add_error("last_due_on", "The last return must be due on or after the first")
        return cleaned


class DataReturnForm(forms.Form):
    due_on = forms.TypedChoiceField(
        label="Return due on",
        coerce=str,
        choices=[],
        error_messages={"required": "Choose the due date this return is for"},
    )
    received_on = DateField(label="Date received", what="the date the return was received")
    note = _text("Note", "", required=False)

    def __init__(self, *args: Any, due_dates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["due_on"]).choices = [("", "Choose a due date")] + [
            (d.isoformat(), f"{d.day} {d:%B %Y}") for d in due_dates
        ]


class InForceForm(forms.Form):
    on = DateField(label="In force on", what="the date")
