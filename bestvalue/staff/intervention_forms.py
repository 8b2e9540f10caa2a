"""Forms of the department's intervention pages. Field names are the services' argument names, so
that an error the service raises about a field is shown at that field. Forms that edit carry the
record's version, so a stale submission is refused by the service and the input shown again."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from bestvalue.authorities.selectors import current_authorities
from bestvalue.core.forms import DateField
from bestvalue.guidance.selectors import theme_choices
from bestvalue.interventions.selectors import (
    appointee_role_choices,
    escalated_notice_choices,
    inspector_role_choices,
    legal_basis_choices,
    model_choices,
    status_choices,
)
from bestvalue.staff.forms import VersionedForm, _line, _text

NOT_STATED = ("", "Not stated")
_url = URLValidator(schemes=["http", "https"])


def _url_field(label: str) -> forms.URLField:
    return forms.URLField(
        label=label,
        required=False,
        max_length=500,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address starting with https://, like https://www.gov.uk/...",
            "max_length": f"{label} must be 500 characters or fewer",
        },
    )


class SourcesField(forms.CharField):
    """Web addresses of the public sources, one a line, cleaned into a list."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Sources")
        kwargs.setdefault("help_text", "Web addresses of the published documents, one a line.")
        super().__init__(required=False, widget=forms.Textarea(attrs={"rows": 3}), **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        lines = [line.strip() for line in str(value or "").splitlines() if line.strip()]
        for number, url in enumerate(lines, start=1):
            try:
                _url(url)
            except ValidationError:
                raise ValidationError(
                    f"Source {number} is not a web address: enter each one on its own line, "
                    "starting with https://"
                ) from None
            if len(url) > 500:
                raise ValidationError(f"Source {number} must be 500 characters or fewer")
        return lines


def _line_with_hint(label: str, help_text: str) -> forms.CharField:
    field = _line(label)
    field.help_text = help_text
    return field


def _date(label: str, what: str, *, required: bool = False, help_text: str = "") -> DateField:
    return DateField(label=label, what=what, required=required, help_text=help_text)


def _choice(label: str, choices: Any, message: str, *, required: bool = True) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def _months(label: str, message: str, *, most: int) -> forms.IntegerField:
    what = label.replace(" (months)", "")
    return forms.IntegerField(
        label=label,
        min_value=1,
        max_value=most,
        error_messages={
            "required": message,
            "invalid": f"{what} must be a whole number of months",
            "min_value": f"{what} must be at least 1 month",
            "max_value": f"{what} must be {most} months or fewer",
        },
    )


def _after(form: forms.Form, later: str, earlier: str, message: str, *, strict: bool) -> None:
    """An error on `later` when both dates are entered and it does not follow `earlier`."""
    first, second = form.cleaned_data.get(earlier), form.cleaned_data.get(later)
    if first and second and (second <= first if strict else second < first):
        form.add_error(later, message)


def _s15_choices() -> list[tuple[str, str]]:
    """The powers of section 15 (section 10 is the inspection's)."""
    return [c for c in legal_basis_choices() if c[0].startswith("s.15")]


def _escalation_choices() -> list[tuple[Any, str]]:
    return [("", "None: it did not follow a notice"), *escalated_notice_choices()]


class EscalationField(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label="Escalated from a best value notice",
            choices=_escalation_choices,
            coerce=int,
            empty_value=None,
            required=False,
            help_text="Only notices whose outcome is escalation are listed.",
            error_messages={"invalid_choice": "Choose a notice from the list"},
            **kwargs,
        )


# --- The intervention ------------------------------------------------------------------------


class InterventionForm(forms.Form):
    authority = forms.ModelChoiceField(
        label="Authority",
        queryset=current_authorities(),
        empty_label="Choose an authority",
        error_messages={
            "required": "Choose the authority",
            "invalid_choice": "Choose an authority from the list",
        },
    )
    reference = forms.SlugField(
        label="Reference",
        max_length=60,
        help_text="The authority's name and the year, in lower case with hyphens, such as "
        "thurrock-2022. It is the page's web address and cannot be changed.",
        error_messages={
            "required": "Enter a reference, such as thurrock-2022",
            "invalid": "Use only lower-case letters, numbers and hyphens in the reference",
            "max_length": "The reference must be 60 characters or fewer",
        },
    )
    trigger = _text("What led to it", "Enter what led to the inspection or intervention")
    escalated_from = EscalationField()

    def clean_reference(self) -> str:
        reference = str(self.cleaned_data["reference"]).lower()
        if reference == "new":
            raise forms.ValidationError(
                "Choose a reference other than “new”, such as thurrock-2022"
            )
        return reference


class InterventionEditForm(VersionedForm):
    trigger = _text("What led to it", "Enter what led to the inspection or intervention")
    status = _choice("Status", status_choices, "Choose whether it is active or has ended")
    status_note = _text("Note on the status", "", required=False)
    escalated_from = EscalationField()


# --- Inspections (s.10) ----------------------------------------------------------------------


class InspectionForm(forms.Form):
    announced_on = _date("Date announced", "the date the inspection was announced", required=True)
    started_on = _date("Date the inspection began", "the date the inspection began")
    report_due_on = _date("Report deadline", "the date the report is due")
    lead_inspector = _line("Lead inspector")
    assistant_inspectors = _text(
        "Assistant inspectors", "", required=False, help_text="One name a line."
    )
    report_url = _url_field("Link to the report")
    note = _text("Note", "", required=False)
    sources = SourcesField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _after(
            self,
            "report_due_on",
            "announced_on",
            "The report deadline must be after the date the inspection was announced",
            strict=True,
        )
        _after(
            self,
            "started_on",
            "announced_on",
            "The inspection cannot begin before it was announced",
            strict=False,
        )
        return cleaned

    def inspectors(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        lead = [(data["lead_inspector"].strip(), "lead")] if data.get("lead_inspector") else []
        assistants = [
            (name.strip(), "assistant")
            for name in data.get("assistant_inspectors", "").splitlines()
            if name.strip()
        ]
        return lead + assistants


class InspectionEditForm(VersionedForm):
    announced_on = _date("Date announced", "the date the inspection was announced", required=True)
    started_on = _date("Date the inspection began", "the date the inspection began")
    report_due_on = _date(
        "Original report deadline",
        "the original report deadline",
        help_text="Record a later deadline as an extension, not here.",
    )
    report_submitted_on = _date("Report submitted", "the date the report was submitted")
    report_published_on = _date("Report published", "the date the report was published")
    report_url = _url_field("Link to the report")
    note = _text("Note", "", required=False)
    sources = SourcesField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _after(
            self,
            "report_due_on",
            "announced_on",
            "The report deadline must be after the date the inspection was announced",
            strict=True,
        )
        _after(
            self,
            "started_on",
            "announced_on",
            "The inspection cannot begin before it was announced",
            strict=False,
        )
        _after(
            self,
            "report_submitted_on",
            "announced_on",
            "The report cannot be submitted before the inspection was announced",
            strict=False,
        )
        _after(
            self,
            "report_published_on",
            "report_submitted_on",
            "The report cannot be published before it was submitted",
            strict=False,
        )
        return cleaned


class InspectorForm(forms.Form):
    name = _line(
        "Name", required=True, required_message="Enter the inspector's name, or the firm's"
    )
    role = _choice(
        "Role",
        lambda: [*inspector_role_choices(), ("", "Not known")],
        "Choose the inspector's role",
        required=False,
    )


class ExtensionForm(forms.Form):
    made_on = _date("Date granted", "the date the extension was granted", required=True)
    new_deadline_on = _date("New deadline", "the new deadline", required=True)
    note = _text("Note", "", required=False)
    sources = SourcesField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _after(
            self,
            "new_deadline_on",
            "made_on",
            "The new deadline must be after the date the extension was granted",
            strict=True,
        )
        return cleaned


VERDICTS = [("meets", "Meets the duty"), ("fails", "Does not meet the duty"), NOT_STATED]


class FindingsForm(forms.Form):
    """One question per theme of the statutory guidance: meets, does not meet, or not stated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.themes = theme_choices()
        for key, name in self.themes:
            self.fields[f"verdict_{key}"] = _choice(
                name, VERDICTS, f"Choose a finding on {name.lower()}", required=False
            )
            self.fields[f"summary_{key}"] = _text(f"{name}: summary", "", required=False)

    def verdicts(self) -> dict[str, bool | None]:
        meaning = {"meets": True, "fails": False}
        return {
            key: meaning.get(self.cleaned_data.get(f"verdict_{key}") or "")
            for key, _ in self.themes
        }

    def summaries(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"summary_{key}", "") for key, _ in self.themes}

    def theme_fields(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(name, self[f"verdict_{key}"], self[f"summary_{key}"]) for key, name in self.themes]


# --- Minded-to letters (s.15) ------------------------------------------------------------------

WINDOW_CHOICES = [
    ("invited", "Representations invited by a closing date"),
    ("foregone", "Foregone as urgent"),
]


class MindedToForm(forms.Form):
    letter_on = _date("Date of the letter", "the date of the letter", required=True)
    proposed_model = _choice(
        "Proposed model", lambda: [*model_choices(), NOT_STATED], "", required=False
    )
    proposed_legal_basis = forms.MultipleChoiceField(
        label="Proposed powers (Local Government Act 1999)",
        required=False,
        choices=_s15_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the powers from the list"},
    )
    proposed_powers = _text("What the directions would do", "", required=False)
    window = _choice(
        "Representations", WINDOW_CHOICES, "Choose whether representations are invited"
    )
    representations_by = _date(
        "Closing date for representations",
        "the closing date for representations",
        help_text="The last day representations are accepted. Letters have allowed 11 to 24 "
        "days. For example, 27 3 2024",
    )
    window_foregone_reason = _text("Why the window is foregone", "", required=False)
    addressee_name = _line_with_hint(
        "Addressee's name", "Who the letter is to, usually the chief executive or the leader."
    )
    addressee_role = _line_with_hint("Addressee's role", "For example, Chief Executive.")
    signatory_name = _line_with_hint("Signatory's name", "Who signs the letter for the department.")
    signatory_role = _line_with_hint(
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
            _after(
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
    pass


class RepresentationForm(forms.Form):
    made_by = _line("Made by", required=True, required_message="Enter who made the representations")
    received_on = _date("Date received", "the date they were received", required=True)
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
_LABELS: dict[str, dict[str, str]] = {
    "directions": {"made_on": "Date the directions were made", "ends_on": "End date"},
    "extension": {"made_on": "Date of the extension", "ends_on": "New end date"},
    "revocation": {
        "made_on": "Date of the revocation",
        "functions": "Functions returned to the authority",
    },
    "expiry": {"made_on": "Last day the directions were in force"},
    "exit": {
        "made_on": "Date the intervention ended",
        "functions": "Functions returned to the authority",
    },
    "appointment": {"made_on": "Date of the change"},
}

PARTIAL_CHOICES = [
    ("complete", "All functions returned: the directions end"),
    ("partial", "Some functions returned: the directions stay in force"),
]


class DirectionsForm(forms.Form):
    amends = forms.TypedChoiceField(
        label="Directions it acts on",
        coerce=int,
        choices=[],
        error_messages={
            "required": "Choose the directions it acts on",
            "invalid_choice": "Choose directions from the list",
        },
    )
    made_on = _date("Date", "the date", required=True)
    legal_basis = forms.MultipleChoiceField(
        label="Powers (Local Government Act 1999)",
        required=False,
        choices=_s15_choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose the powers from the list"},
    )
    model = _choice("Model", lambda: [*model_choices(), NOT_STATED], "", required=False)
    functions = _text(
        "Functions transferred to the Secretary of State's nominees", "", required=False
    )
    ends_on = _date("End date", "the end date")
    partial = _choice("What was revoked", PARTIAL_CHOICES, "Choose what was revoked")
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
    first_report_after_months = _months(
        "First report after (months)", "Enter when the first report is due", most=60
    )
    report_every_months = _months(
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
            _after(
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
    pass


class AppointeeForm(forms.Form):
    name = _line_with_hint("Name", "Leave blank if the sources do not name them.")
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
    pass


# --- Reports and responses -----------------------------------------------------------------


class ScheduleForm(VersionedForm):
    first_after_months = _months(
        "First report after (months)", "Enter when the first report is due", most=60
    )
    every_months = _months("Then every (months)", "Enter how often reports are due", most=24)
    until = _date(
        "Schedule reports up to",
        "the date to schedule reports up to",
        help_text="Needed only when the directions have no end date. For example, 27 3 2027",
    )


class ReportForm(forms.Form):
    title = _line_with_hint("Title", "For example, Commissioners' third report.")
    due_on = _date("Date due", "the date the report was due")
    received_on = _date("Date received", "the date the report was received")
    published_on = _date("Date published", "the date the report was published")
    url = _url_field("Link to the report")
    note = _text("Note", "", required=False)
    sources = SourcesField()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _after(
            self,
            "published_on",
            "received_on",
            "A report cannot be published before it was received",
            strict=False,
        )
        return cleaned


class ReportEditForm(ReportForm, VersionedForm):
    pass


class ResponseForm(forms.Form):
    published_on = _date("Date published", "the date the response was published", required=True)
    url = _url_field("Link to the response")
    summary = _text("Summary", "", required=False)
    sources = SourcesField()
