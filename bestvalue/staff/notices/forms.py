"""Forms of the department's notice and review pages. Each carries the record's version where it
edits, so a stale submission is refused by the service and the user's input is shown again;
create forms carry a one-time token (staff.pages.OnceForm). The notice rules (period limits,
themes, dates) are the services': these forms read values and restate none of them."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from bestvalue.core.forms import DateField
from bestvalue.guidance.selectors import theme_choices
from bestvalue.notices import rules
from bestvalue.notices.selectors import (
    decision_choices,
    engagement_kind_choices,
    rating_choices,
    recurrence_choices,
)
from bestvalue.staff.forms import VersionedForm, _line, _text, authority_field
from bestvalue.staff.pages import OnceForm

PUBLISHED = "This will be published on the register."


class NoticeDetailsForm(OnceForm):
    authority = authority_field("Choose the authority the notice is to")
    # The limits are the service's (notices.rules.period_refusal): the form only reads a number.
    period_months = forms.IntegerField(
        label="Period in months",
        required=False,
        help_text="Notices have run for 12 months; revised notices for 6.",
        error_messages={"invalid": "Enter the period as a whole number of months"},
    )
    addressee_name = _line("Addressee's name")
    addressee_role = _line("Addressee's role", required=False)
    signatory_name = _line("Signatory's name")
    signatory_role = _line("Signatory's role")

    def clean_period_months(self) -> int | None:
        # Asked of the rule's one home, so that every error shows at once, in its words.
        period: int | None = self.cleaned_data.get("period_months")
        refusal = rules.period_refusal(period)
        if refusal:
            raise forms.ValidationError(refusal)
        return period

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("addressee_name", "addressee_role", "signatory_name", "signatory_role"):
            self.fields[name].help_text = PUBLISHED


class NoticeEditForm(NoticeDetailsForm, VersionedForm):
    pass


class ItemForm(VersionedForm, OnceForm):
    text = _text("Text", "Enter the text", help_text=PUBLISHED)
    themes = forms.MultipleChoiceField(
        label="Themes",
        required=False,
        choices=theme_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="The themes of the statutory guidance this concerns. Every ground and "
        "expectation needs at least one before the notice is sent for approval.",
        error_messages={"invalid_choice": "Choose themes from the list"},
    )
    source_document = _line("Source document", required=False)

    def __init__(self, *args: Any, kind: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == "acknowledgements":
            del self.fields["themes"]
        if kind != "grounds":
            del self.fields["source_document"]


class ReasonForm(VersionedForm):
    reason = _text("Reason", "Enter why it is being returned to draft")


class ApproveForm(forms.Form):
    issued_on = DateField(
        label="Date of issue", what="the date the notice is issued", help_text=PUBLISHED
    )
    # The SHA-256 of the content the approver read (notices.approval.approval_digest).
    digest = forms.CharField(widget=forms.HiddenInput, required=False)


class ApproveReviewForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput, required=False)


class ReviewForm(forms.Form):
    reviewed_on = DateField(label="Date of the review", what="the date of the review")
    decision = forms.ChoiceField(
        label="Decision",
        choices=decision_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a decision"},
    )
    rationale = _text(
        "Rationale",
        "Enter the reasons for the decision",
        help_text="This will be published on the register, word for word, as the outcome.",
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


class EngagementForm(OnceForm):
    kind = forms.ChoiceField(
        label="Kind",
        choices=engagement_kind_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of engagement it was"},
    )
    occurred_on = DateField(label="Date", what="the date it happened")
    summary = _text("Summary", "Enter a summary")
    attendees = _text("Attendees", "", required=False)


class DataRequestForm(OnceForm):
    title = _line("Title", required=True, required_message="Enter a title for the request")
    description = _text("What is requested", "", required=False)
    statutory_basis = _line("Statutory basis (for a statutory request)")
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


class NoteForm(OnceForm):
    text = _text(
        "Note",
        "Enter the note",
        help_text="Only the department sees notes. Each is dated and signed with your name.",
    )


class EngagementChangeForm(VersionedForm, EngagementForm):
    pass


class DataRequestChangeForm(VersionedForm, DataRequestForm):
    pass


class DataReturnChangeForm(VersionedForm):
    received_on = DateField(label="Date received", what="the date the return was received")
    note = _text("Note", "", required=False)


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
