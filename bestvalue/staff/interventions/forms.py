"""Forms of the department's intervention pages (the intervention, inspections, reports; the
statutory steps' forms are in statutory_forms.py). Field names are the services' argument names, so
that an error the service raises about a field is shown at that field. Forms that edit carry the
record's version, so a stale submission is refused by the service and the input shown again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from bestvalue.core.forms import DateField
from bestvalue.guidance.selectors import theme_choices
from bestvalue.interventions.selectors import (
    escalated_notice_choices,
    inspector_role_choices,
    legal_basis_choices,
    status_choices,
)
from bestvalue.staff.forms import VersionedForm, _line, _text, authority_field
from bestvalue.staff.pages import OnceForm

NOT_STATED = ("", "Not stated")
_url = URLValidator(schemes=["http", "https"])


def url_field(label: str) -> forms.URLField:
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


def line_with_hint(label: str, help_text: str) -> forms.CharField:
    field = _line(label)
    field.help_text = help_text
    return field


def date_field(label: str, what: str, *, required: bool = False, help_text: str = "") -> DateField:
    return DateField(label=label, what=what, required=required, help_text=help_text)


def choice_field(
    label: str, choices: Any, message: str, *, required: bool = True
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect,
        error_messages={"required": message, "invalid_choice": message},
    )


def months_field(label: str, message: str, *, most: int) -> forms.IntegerField:
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


def after(form: forms.Form, later: str, earlier: str, message: str, *, strict: bool) -> None:
    """An error on `later` when both dates are entered and it does not follow `earlier`."""
    first, second = form.cleaned_data.get(earlier), form.cleaned_data.get(later)
    if first and second and (second <= first if strict else second < first):
        form.add_error(later, message)


# (later, earlier, message, strict): `later` must follow `earlier` (strictly, or on the same day).
Order = tuple[str, str, str, bool]

# The dates every inspection form orders: the deadline and the start after the announcement.
INSPECTION_ORDER: tuple[Order, ...] = (
    (
        "report_due_on",
        "announced_on",
        "The report deadline must be after the date the inspection was announced",
        True,
    ),
    ("started_on", "announced_on", "The inspection cannot begin before it was announced", False),
)


class DatesInOrder(forms.Form):
    """A form whose dates must come in order: each of `date_order` checked by `after`."""

    date_order: tuple[Order, ...] = ()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for later, earlier, message, strict in self.date_order:
            after(self, later, earlier, message, strict=strict)
        return cleaned


def s15_choices() -> list[tuple[str, str]]:
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


class InterventionForm(OnceForm):
    authority = authority_field("Choose the authority")
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
    status = choice_field("Status", status_choices, "Choose whether it is active or has ended")
    status_note = _text("Note on the status", "", required=False)
    escalated_from = EscalationField()


# --- Inspections (s.10) ----------------------------------------------------------------------


class InspectionForm(DatesInOrder, OnceForm):
    date_order = INSPECTION_ORDER

    announced_on = date_field(
        "Date announced", "the date the inspection was announced", required=True
    )
    started_on = date_field("Date the inspection began", "the date the inspection began")
    report_due_on = date_field("Report deadline", "the date the report is due")
    lead_inspector = _line("Lead inspector")
    assistant_inspectors = _text(
        "Assistant inspectors", "", required=False, help_text="One name a line."
    )
    report_url = url_field("Link to the report")
    note = _text("Note", "", required=False)
    sources = SourcesField()

    def inspectors(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        lead = [(data["lead_inspector"].strip(), "lead")] if data.get("lead_inspector") else []
        assistants = [
            (name.strip(), "assistant")
            for name in data.get("assistant_inspectors", "").splitlines()
            if name.strip()
        ]
        return lead + assistants


class InspectionEditForm(DatesInOrder, VersionedForm):
    date_order = (
        *INSPECTION_ORDER,
        (
            "report_submitted_on",
            "announced_on",
            "The report cannot be submitted before the inspection was announced",
            False,
        ),
        (
            "report_published_on",
            "report_submitted_on",
            "The report cannot be published before it was submitted",
            False,
        ),
    )

    announced_on = date_field(
        "Date announced", "the date the inspection was announced", required=True
    )
    started_on = date_field("Date the inspection began", "the date the inspection began")
    report_due_on = date_field(
        "Original report deadline",
        "the original report deadline",
        help_text="Record a later deadline as an extension, not here.",
    )
    report_submitted_on = date_field("Report submitted", "the date the report was submitted")
    report_published_on = date_field("Report published", "the date the report was published")
    report_url = url_field("Link to the report")
    note = _text("Note", "", required=False)
    sources = SourcesField()


class InspectorForm(OnceForm):
    name = _line(
        "Name", required=True, required_message="Enter the inspector's name, or the firm's"
    )
    role = choice_field(
        "Role",
        lambda: [*inspector_role_choices(), ("", "Not known")],
        "Choose the inspector's role",
        required=False,
    )


class ExtensionForm(DatesInOrder, OnceForm):
    date_order = (
        (
            "new_deadline_on",
            "made_on",
            "The new deadline must be after the date the extension was granted",
            True,
        ),
    )

    made_on = date_field("Date granted", "the date the extension was granted", required=True)
    new_deadline_on = date_field("New deadline", "the new deadline", required=True)
    note = _text("Note", "", required=False)
    sources = SourcesField()


VERDICTS = [("meets", "Meets the duty"), ("fails", "Does not meet the duty"), NOT_STATED]


class FindingsForm(forms.Form):
    """One question per theme of the statutory guidance: meets, does not meet, or not stated."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.themes = theme_choices()
        for key, name in self.themes:
            self.fields[f"verdict_{key}"] = choice_field(
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


class ScheduleForm(VersionedForm):
    first_after_months = months_field(
        "First report after (months)", "Enter when the first report is due", most=60
    )
    every_months = months_field("Then every (months)", "Enter how often reports are due", most=24)
    until = date_field(
        "Schedule reports up to",
        "the date to schedule reports up to",
        help_text="Needed only when the directions have no end date. For example, 27 3 2027",
    )


class ReportForm(DatesInOrder, OnceForm):
    date_order = (
        (
            "published_on",
            "received_on",
            "A report cannot be published before it was received",
            False,
        ),
    )

    title = line_with_hint("Title", "For example, Commissioners' third report.")
    due_on = date_field("Date due", "the date the report was due")
    received_on = date_field("Date received", "the date the report was received")
    published_on = date_field("Date published", "the date the report was published")
    url = url_field("Link to the report")
    note = _text("Note", "", required=False)
    sources = SourcesField()


class ReportEditForm(ReportForm, VersionedForm):
    form_token = None  # type: ignore[assignment]  # it changes a record and makes none


class ResponseForm(OnceForm):
    published_on = date_field(
        "Date published", "the date the response was published", required=True
    )
    url = url_field("Link to the response")
    summary = _text("Summary", "", required=False)
    sources = SourcesField()


class ReturnForm(forms.Form):
    """The approver's reason for sending something back, shown to the caseworker."""

    reason = _text("Why you are returning it", "Enter why you are returning it", required=False)


def return_reason(data: Any) -> str:
    """The reason from a return form, or ValidationError with what to fix."""
    form = ReturnForm(data)
    if not form.is_valid():
        raise ValidationError(" ".join(str(m) for errors in form.errors.values() for m in errors))
    return str(form.cleaned_data["reason"])
