"""Forms of the statutory steps (s.15): minded-to letters, representations, directions and the
records that act on them, and appointees. Field names are the services' argument names."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from bestvalue.core.forms import DateField
from bestvalue.interventions.selectors import (
    appointee_role_choices,
    model_choices,
)
from bestvalue.staff.forms import VersionedForm, _line, _text
from bestvalue.staff.interventions.forms import (
    NOT_STATED,
    WINDOW_CHOICES,
    SourcesField,
    after,
    choice_field,
    date_field,
    line_with_hint,
    months_field,
    s15_choices,
)
from bestvalue.staff.pages import OnceForm


def _powers_field(label: str) -> forms.MultipleChoiceField:
    """The powers of section 15 a letter proposes or directions use, ticked from the list."""
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=s15_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the powers from the list"},
    )


class MindedToForm(OnceForm):
    letter_on = date_field("Date of the letter", "the date of the letter", required=True)
    proposed_model = choice_field(
        "Proposed model", lambda: [*model_choices(), NOT_STATED], "", required=False
    )
    proposed_legal_basis = _powers_field("Proposed powers (Local Government Act 1999)")
    proposed_powers = _text("What the directions would do", "", required=False)
    window = choice_field(
        "Representations", WINDOW_CHOICES, "Choose whether representations are invited"
    )
    representations_by = date_field(
        "Closing date for representations",
        "the closing date for representations",
        help_text="The last day representations are accepted. Letters have allowed 11 to 24 "
        "days. For example, 27 3 2024",
    )
    window_foregone_reason = _text("Why the window is foregone", "", required=False)
    addressee_name = line_with_hint(
        "Addressee's name", "Who the letter is to, usually the chief executive or the leader."
    )
    addressee_role = line_with_hint("Addressee's role", "For example, Chief Executive.")
    signatory_name = line_with_hint("Signatory's name", "Who signs the letter for the department.")
    signatory_role = line_with_hint(
        "Signatory's role", "For example, Minister of State for Local Government."
    )
    note = _text("Note", "", required=False)
    sources = SourcesField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        window = cleaned.get("window")
        missing = not cleaned.get("representations_by") and "representations_by" not in self.errors
        if window == "invited" and missing:
            self.add_error("representations_by", "Enter the closing date for representations")
        if window == "invited":
            after(
                self,
                "representations_by",
                "letter_on",
                "The closing date for representations must be after the date of the letter",
                strict=True,
            )
        if window == "foregone":
            if cleaned.get("representations_by"):
                self.add_error(
                    "representations_by",
                    "Leave the closing date blank when the window is foregone as urgent",
                )
            if not cleaned.get("window_foregone_reason", "").strip():
                self.add_error(
                    "window_foregone_reason",
                    "Enter why the representation window is foregone as urgent",
                )
        return cleaned

    def letter_fields(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        foregone = data.pop("window") == "foregone"
        data["window_foregone"] = foregone
        data["proposed_legal_basis"] = data["proposed_legal_basis"] or None
        if not foregone:
            data["window_foregone_reason"] = ""
        data.pop("version", None)
        return data


class MindedToEditForm(MindedToForm, VersionedForm):
    form_token = None  # type: ignore[assignment]  # it changes a record and makes none


class RepresentationForm(OnceForm):
    made_by = _line("Made by", required=True, required_message="Enter who made the representations")
    received_on = date_field("Date received", "the date they were received", required=True)
    summary = _text("Summary", "", required=False)
    sources = SourcesField()


# --- Directions and what follows them (s.15) ---------------------------------------------------

DIRECTIONS_KINDS = ("directions", "extension", "revocation", "expiry", "exit", "appointment")

# Which fields each kind of record asks for, in order.
_KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "directions": (
        "made_on",
        "legal_basis",
        "model",
        "functions",
        "ends_on",
        "representations_foregone_reason",
        "first_report_after_months",
        "report_every_months",
    ),
    "extension": ("amends", "made_on", "ends_on"),
    "revocation": ("amends", "made_on", "partial", "functions"),
    "expiry": ("amends", "made_on"),
    "exit": ("amends", "made_on", "functions", "board_afterwards"),
    "appointment": ("amends", "made_on", "model"),
}
_RETURNED = "Functions returned to the authority"
_LABELS: dict[str, dict[str, str]] = {
    "directions": {"made_on": "Date the directions were made", "ends_on": "End date"},
    "extension": {"made_on": "Date of the extension", "ends_on": "New end date"},
    "revocation": {"made_on": "Date of the revocation", "functions": _RETURNED},
    "expiry": {"made_on": "Last day the directions were in force"},
    "exit": {"made_on": "Date the intervention ended", "functions": _RETURNED},
    "appointment": {"made_on": "Date of the change"},
}

PARTIAL_CHOICES = [
    ("complete", "All functions returned: the directions end"),
    ("partial", "Some functions returned: the directions stay in force"),
]


class DirectionsForm(OnceForm):
    amends = forms.TypedChoiceField(
        label="Directions it acts on",
        coerce=int,
        choices=[],
        error_messages={
            "required": "Choose the directions it acts on",
            "invalid_choice": "Choose directions from the list",
        },
    )
    made_on = date_field("Date", "the date", required=True)
    legal_basis = _powers_field("Powers (Local Government Act 1999)")
    model = choice_field("Model", lambda: [*model_choices(), NOT_STATED], "", required=False)
    functions = _text(
        "Functions transferred to the Secretary of State's nominees", "", required=False
    )
    ends_on = date_field("End date", "the end date")
    partial = choice_field("What was revoked", PARTIAL_CHOICES, "Choose what was revoked")
    representations_foregone_reason = _text(
        "Why the case is urgent",
        "",
        required=False,
        help_text="Needed when the directions are made before representations on the minded-to "
        "letter close, or without one (s.15(9)). Published with the directions.",
    )
    board_afterwards = _text(
        "Support afterwards",
        "",
        required=False,
        help_text="The non-statutory improvement board or support that follows the exit.",
    )
    first_report_after_months = months_field(
        "First report after (months)", "Enter when the first report is due", most=60
    )
    report_every_months = months_field(
        "Then a report every (months)", "Enter how often reports are due", most=24
    )
    note = _text("Note", "", required=False)
    sources = SourcesField()

    def __init__(
        self, *args: Any, kind: str, amendable: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        wanted = {*_KIND_FIELDS[kind], "note", "sources", "version"}
        for name in list(self.fields):
            if name not in wanted:
                del self.fields[name]
        for name, label in _LABELS[kind].items():
            self.fields[name].label = label
        if "made_on" in self.fields:
            cast(DateField, self.fields["made_on"]).what = str(self.fields["made_on"].label).lower()
            self.fields["made_on"].error_messages["required"] = (
                f"Enter the {str(self.fields['made_on'].label).lower()}"
            )
        if "amends" in self.fields:
            field = cast(forms.TypedChoiceField, self.fields["amends"])
            field.choices = [("", "Choose directions"), *amendable]
            field.required = kind in ("extension", "revocation", "expiry")
            field.empty_value = None
        if kind == "extension":
            self.fields["ends_on"].required = True
            self.fields["ends_on"].error_messages["required"] = "Enter the new end date"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.kind == "directions":
            after(
                self,
                "ends_on",
                "made_on",
                "The end date must be after the date the directions were made",
                strict=True,
            )
        return cleaned

    def directions_fields(self) -> dict[str, Any]:
        """The cleaned data as the services take it."""
        data = {k: v for k, v in self.cleaned_data.items() if k != "version"}
        if "legal_basis" in data:
            data["legal_basis"] = data["legal_basis"] or None
        if "partial" in data:
            data["partial"] = data["partial"] == "partial"
        return data


class DirectionsEditForm(DirectionsForm, VersionedForm):
    form_token = None  # type: ignore[assignment]  # it changes a record and makes none


class AppointeeForm(OnceForm):
    name = line_with_hint("Name", "Leave blank if the sources do not name them.")
    role = forms.ChoiceField(
        label="Role",
        choices=lambda: [("", "Choose a role"), *appointee_role_choices()],
        error_messages={"required": "Choose the role", "invalid_choice": "Choose a role"},
    )
    fee_per_day = forms.DecimalField(
        label="Fee per day (£)",
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=2,
        error_messages={
            "invalid": "Enter the fee per day as an amount, like 1100 or 1100.50",
            "min_value": "The fee per day cannot be negative",
            "max_digits": "The fee per day must be less than £1,000,000",
            "max_decimal_places": "Enter the fee per day in pounds and pence",
            "max_whole_digits": "The fee per day must be less than £1,000,000",
        },
    )
    days_per_year = forms.IntegerField(
        label="Most days a year",
        required=False,
        min_value=0,
        max_value=366,
        help_text="The cap on days a year they may be paid for.",
        error_messages={
            "invalid": "Enter the days a year as a whole number",
            "min_value": "The days a year cannot be negative",
            "max_value": "The days a year must be 366 or fewer",
        },
    )
    note = _text("Note", "", required=False)


class AppointeeEditForm(AppointeeForm, VersionedForm):
    form_token = None  # type: ignore[assignment]  # it changes a record and makes none


# --- Reports and responses -----------------------------------------------------------------
