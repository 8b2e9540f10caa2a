"""Forms of the letter import: the upload, and the proposal as a person confirms or corrects it
before it becomes a draft notice."""

from __future__ import annotations

from typing import Any

from django import forms

from bestvalue.core.forms import DateField, no_control_characters
from bestvalue.letters.selectors import department_choices
from bestvalue.letters.uploads import MAX_UPLOAD_BYTES, size_text
from bestvalue.notices.rules import period_refusal
from bestvalue.staff.forms import authority_field

ITEM_LIMIT = 5000
MAX_ITEMS = 30
NO_EVENT = "none"


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Letter or statement",
        help_text=(
            "A PDF, a Word document (.docx), a saved web page (.html) or a plain text file, up to "
            f"{size_text(MAX_UPLOAD_BYTES)}."
        ),
        error_messages={
            "required": "Choose the file that holds the letter",
            "empty": "The file is empty: choose the file that holds the letter",
            "invalid": "Choose the file that holds the letter",
        },
    )
    published_on = DateField(
        label="Date the letter or statement bears (optional)",
        what="the date the letter bears",
        required=False,
        help_text="Used for words like 'today' and dates without a year. For example, 30 1 2024",
    )
    source_url = forms.URLField(
        label="Web address it was published at (optional)",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="Helps find the authority when the text does not name it.",
        error_messages={
            "invalid": "Enter a web address in the correct format, like https://www.example.gov.uk/news",
            "max_length": "The web address must be 500 characters or fewer",
        },
    )


def _lines(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_ITEMS * ITEM_LIMIT,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="One a line, in the letter's order.",
        validators=[no_control_characters],
        error_messages={"max_length": f"{label} are too long: import at most {MAX_ITEMS}"},
    )


def _line(label: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=200,
        validators=[no_control_characters],
        error_messages={"max_length": f"{label} must be 200 characters or fewer"},
    )


class DraftFromLetterForm(forms.Form):
    """What becomes the draft notice. `proposal` carries the signed proposal, so the page can be
    shown again with its passages if something needs correcting; the upload itself is gone."""

    proposal = forms.CharField(widget=forms.HiddenInput)
    authority = authority_field("Choose the authority the letter is to")
    event = forms.ChoiceField(
        label="Which event is this letter about?",
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": "Choose the event the letter records, or 'None of these'"},
    )
    department = forms.ChoiceField(
        label="Department",
        choices=department_choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the department that wrote the letter"},
    )
    # The limits are the service's (notices.rules.period_refusal): the form only reads a number.
    period_months = forms.IntegerField(
        label="Period in months",
        required=False,
        error_messages={"invalid": "Enter the period as a whole number of months"},
    )
    addressee_name = _line("Addressee's name")
    addressee_role = _line("Addressee's role")

    def clean_period_months(self) -> int | None:
        # Asked of the rule's one home, so that every error shows at once, in its words.
        period: int | None = self.cleaned_data.get("period_months")
        refusal = period_refusal(period)
        if refusal:
            raise forms.ValidationError(refusal)
        return period

    signatory_name = _line("Signatory's name")
    signatory_role = _line("Signatory's role")
    expectations = _lines("Expectations")
    acknowledgements = _lines("Acknowledgements")

    def __init__(self, *args: Any, event_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [*event_choices, (NO_EVENT, "None of these")]  # type: ignore[attr-defined]

    def _items(self, name: str) -> list[str]:
        items = [" ".join(line.split()) for line in self.cleaned_data.get(name, "").splitlines()]
        items = [item for item in items if item]
        label = self.fields[name].label
        if len(items) > MAX_ITEMS:
            self.add_error(name, f"{label}: import at most {MAX_ITEMS}, one a line")
        if any(len(item) > ITEM_LIMIT for item in items):
            self.add_error(
                name, f"Each of the {str(label).lower()} must be {ITEM_LIMIT:,} characters or fewer"
            )
        return items

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["expectation_list"] = self._items("expectations")
        cleaned["acknowledgement_list"] = self._items("acknowledgements")
        if not cleaned["expectation_list"] and "expectations" not in self.errors:
            self.add_error("expectations", "Enter at least one expectation, one a line")
        return cleaned
