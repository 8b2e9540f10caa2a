"""Forms of the improvement and assurance pages. Forms that change a record carry its version, so
a stale submission is refused by the service and the user's input is shown again; forms that make
a record carry a one-time token (staff.pages.OnceForm), so sending one twice makes one record.
A field whose words become public when the item is published says so in its hint."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django import forms
from django.http import QueryDict

from bestvalue.core.forms import DateField, no_control_characters
from bestvalue.guidance.selectors import theme_choices
from bestvalue.improvement.selectors import choices
from bestvalue.improvement.services.evidence import web_address_refusal
from bestvalue.improvement.services.measures import target_refusal
from bestvalue.staff.forms import VersionedForm, _line, _text
from bestvalue.staff.pages import OnceForm


def public(what: str, also: str = "") -> str:
    """The hint of a field whose words will be public once the item is published."""
    return f"{also} Public once you publish the {what}.".strip()


def _hint(field: forms.Field, text: str) -> forms.Field:
    field.help_text = text
    return field


def _checkboxes(label: str, *, required_message: str = "", help_text: str = "") -> forms.Field:
    return forms.TypedMultipleChoiceField(
        label=label,
        coerce=int,
        choices=[],
        required=bool(required_message),
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={"required": required_message, "invalid_choice": "Choose from the list"},
    )


def _radios(label: str, kind: str, required_message: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=lambda: choices(kind),
        widget=forms.RadioSelect,
        error_messages={"required": required_message, "invalid_choice": "Choose from the list"},
    )


def _number(label: str, what: str, *, help_text: str = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=14,
        decimal_places=4,
        help_text=help_text,
        error_messages={
            "required": f"Enter {what}",
            "invalid": f"Enter {what} as a number, like 12.5",
            "max_digits": f"Enter {what} with no more than 14 digits",
            "max_decimal_places": f"Enter {what} with no more than 4 decimal places",
            "max_whole_digits": f"Enter {what} with no more than 10 digits before the decimal point",
        },
    )


def _set_choices(form: forms.Form, name: str, options: list[tuple[Any, str]]) -> None:
    if name in form.fields:
        cast(forms.ChoiceField, form.fields[name]).choices = options


class _AnswersExpectations(forms.Form):
    """A form of a record linked to expectations: its choices are the expectations of the
    authority's published notices, given by the view."""

    def __init__(self, *args: Any, expectations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "expectation_ids", expectations)


def _expectations(label: str, what: str) -> forms.Field:
    return _checkboxes(
        label, required_message="Choose at least one expectation", help_text=public(what)
    )


# --- The plan -----------------------------------------------------------------------------


class ActionFields(_AnswersExpectations):
    title = _hint(
        _line("Title", required=True, required_message="Enter a title for the action"),
        public("action"),
    )
    description = _text("Description", "", required=False, help_text=public("action"))
    owner = _hint(
        _line("Owner", required=True, required_message="Enter who owns the action"),
        public("action", "The person or role responsible."),
    )
    due_on = DateField(
        label="Due date", what="the date the action is due", help_text=public("action")
    )
    expectation_ids = _expectations("Expectations it answers", "action")
    theme_keys = forms.MultipleChoiceField(
        label="Themes",
        choices=theme_choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=public("action", "The themes of the statutory guidance the action concerns."),
        error_messages={
            "required": "Choose at least one theme",
            "invalid_choice": "Choose themes from the list",
        },
    )


class ActionForm(ActionFields, OnceForm):
    status = _hint(
        _radios("Status", "action_status_on_creation", "Choose the action's status"),
        public("action", "Its status now: later changes are made with a dated progress update."),
    )


class ActionEditForm(ActionFields, VersionedForm):
    pass


class ProgressForm(VersionedForm, OnceForm):
    written_on = DateField(
        label="Date of the update", what="the date of the update", help_text=public("action")
    )
    status = _hint(
        _radios("Status", "action_status", "Choose the action's status"),
        public("action", "The action takes this status if this is its latest update."),
    )
    text = _text(
        "Progress made",
        "Enter the progress made",
        help_text=public(
            "action",
            "The latest update is shown with a published action. To cancel or supersede the "
            "action, give the reason here.",
        ),
    )


# --- Measures -----------------------------------------------------------------------------


class MeasureFields(_AnswersExpectations):
    name = _hint(
        _line("Name", required=True, required_message="Enter the name of the measure"),
        public("measure"),
    )
    definition = _text(
        "Definition", "Enter how the measure is defined", help_text=public("measure")
    )
    unit = forms.CharField(
        label="Unit",
        max_length=40,
        help_text=public("measure", "For example %, days or £ million."),
        validators=[no_control_characters],
        error_messages={
            "required": "Enter the unit of the measure",
            "max_length": "Unit must be 40 characters or fewer",
        },
    )
    direction = _hint(
        _radios("Which way is better", "direction", "Choose which way is better"),
        public("measure"),
    )
    baseline_value = _number("Baseline value", "the baseline value", help_text=public("measure"))
    baseline_on = DateField(
        label="Baseline date", what="the date of the baseline", help_text=public("measure")
    )
    target_value = _number("Target value", "the target value", help_text=public("measure"))
    target_on = DateField(
        label="Target date", what="the date the target is to be met", help_text=public("measure")
    )
    expectation_ids = _expectations("Expectations it evidences", "measure")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        names = ("direction", "baseline_value", "baseline_on", "target_value", "target_on")
        if all(cleaned.get(n) is not None for n in names):
            for name, message in target_refusal(**{n: cleaned[n] for n in names}).items():
                self.add_error(name, message)
        return cleaned


class MeasureForm(MeasureFields, OnceForm):
    pass


class MeasureEditForm(MeasureFields, VersionedForm):
    pass


class ReadingForm(OnceForm):
    taken_on = DateField(
        label="Date of the reading", what="the date of the reading", help_text=public("measure")
    )
    value = _number("Value", "the value", help_text=public("measure"))
    source = _hint(
        _line("Source", required=True, required_message="Enter the source of the reading"),
        public("measure", "Where the figure comes from."),
    )


class ReadingImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        help_text=(
            "The first line must be the headings date,value,source. The readings are public "
            "once you publish the measure."
        ),
        error_messages={
            "required": "Choose a CSV file",
            "empty": "The chosen file is empty",
            "invalid": "Choose a CSV file",
        },
    )


class ActionImportForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV or Excel file",
        help_text="The first line must be the headings. The actions are not public until you publish them.",
        error_messages={
            "required": "Choose a CSV or Excel file",
            "empty": "The chosen file is empty",
            "invalid": "Choose a CSV or Excel file",
        },
    )


# --- Evidence -----------------------------------------------------------------------------


class EvidenceForm(OnceForm):
    title = _hint(
        _line("Title", required=True, required_message="Enter a title for the evidence"),
        public("evidence"),
    )
    effective_on = DateField(
        label="Effective date",
        what="the date the evidence speaks to",
        help_text=public(
            "evidence", "The date the evidence is about, not today's date. For example, 31 3 2024."
        ),
    )
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text=public(
            "evidence",
            "PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt), CSV, PNG or JPEG.",
        ),
        error_messages={"empty": "The chosen file is empty", "invalid": "Choose a file"},
    )
    url = forms.CharField(
        label="Or give a web address",
        required=False,
        max_length=500,
        help_text=public(
            "evidence", "For evidence published elsewhere, such as a committee report."
        ),
        error_messages={"max_length": "The web address must be 500 characters or fewer"},
    )
    action_ids = _checkboxes("Actions it supports")
    expectation_ids = _checkboxes("Expectations it supports", help_text=public("evidence"))
    review_ids = _checkboxes("Reviews it was given for")

    def __init__(
        self, *args: Any, options: dict[str, list[tuple[int, str]]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, values in options.items():
            _set_choices(self, name, values)
            if not values:
                del self.fields[name]

    def clean_url(self) -> str:
        url = str(self.cleaned_data.get("url", "")).strip()
        refusal = web_address_refusal(url) if url else None
        if refusal is not None:
            raise forms.ValidationError(refusal)
        return url

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_file, has_url = bool(cleaned.get("file")), bool(cleaned.get("url", "").strip())
        if not has_file and not has_url and not {"file", "url"} & set(self.errors):
            self.add_error("file", "Choose a file, or enter a web address")
        elif has_file and has_url:
            self.add_error("url", "Upload a file or give a web address, not both")
        return cleaned


# --- Boards -------------------------------------------------------------------------------


class MembershipForm(OnceForm):
    name = _line("Name", required=True, required_message="Enter the member's name")
    role = _radios("Role", "board_role", "Choose the member's role")
    description = _line("Description", required=False)
    started_on = DateField(label="Date joined", what="the date they joined")
    ended_on = DateField(
        label="Date left (if they have left)", what="the date they left", required=False
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error(
                "ended_on", "The date they left must be on or after the date they joined"
            )
        return cleaned


class MeetingForm(OnceForm):
    held_on = DateField(label="Date of the meeting", what="the date of the meeting")
    attendees = _text("Attendees", "", required=False)
    minutes = _text("Minutes", "Enter the minutes of the meeting")

    def __init__(self, *args: Any, expectations: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expectations = expectations
        for e in expectations:
            self.fields[f"rating_{e.pk}"] = forms.ChoiceField(
                label=f"Expectation {e.position}: assurance",
                choices=lambda: choices("assurance"),
                widget=forms.RadioSelect,
                required=False,
                help_text=public("assurance statement"),
                error_messages={"invalid_choice": "Choose from the list"},
            )
            self.fields[f"narrative_{e.pk}"] = _text(
                f"Expectation {e.position}: the board's view",
                "",
                required=False,
                help_text=public("assurance statement"),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for e in self.expectations:
            rating, narrative = cleaned.get(f"rating_{e.pk}"), cleaned.get(f"narrative_{e.pk}", "")
            if rating and not narrative.strip():
                self.add_error(
                    f"narrative_{e.pk}", f"Enter the board's view on expectation {e.position}"
                )
            elif narrative.strip() and not rating:
                self.add_error(
                    f"rating_{e.pk}", f"Choose the assurance for expectation {e.position}"
                )
        return cleaned

    def expectation_fields(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [(e, self[f"rating_{e.pk}"], self[f"narrative_{e.pk}"]) for e in self.expectations]

    def assurances(self) -> list[tuple[int, str, str]]:
        data = self.cleaned_data
        return [
            (e.pk, data[f"rating_{e.pk}"], data[f"narrative_{e.pk}"])
            for e in self.expectations
            if data.get(f"rating_{e.pk}")
        ]


# --- The progress report ------------------------------------------------------------------


class PeriodForm(forms.Form):
    """The report's period, as two GOV.UK date inputs named from and to. A link may give them as
    ISO dates instead (?from=2024-01-01&to=2024-06-30)."""

    def __init__(self, query: QueryDict | None, *, initial: dict[str, dt.date]) -> None:
        data = None if query is None else _expand_iso(query)
        super().__init__(data, initial=initial)
        self.fields["from"] = DateField(label="From", what="the first day of the period")
        self.fields["to"] = DateField(label="To", what="the last day of the period")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("from"), cleaned.get("to")
        if start and end and end < start:
            self.add_error("to", "The last day of the period must be on or after the first")
        return cleaned


def _expand_iso(query: QueryDict) -> QueryDict:
    data = query.copy()
    for name in ("from", "to"):
        try:
            day = dt.date.fromisoformat(query.get(name, ""))
        except ValueError:
            continue
        data.update(
            {
                f"{name}-day": str(day.day),
                f"{name}-month": str(day.month),
                f"{name}-year": str(day.year),
            }
        )
    return data


__all__ = [
    "ActionEditForm",
    "ActionForm",
    "EvidenceForm",
    "MeasureEditForm",
    "MeasureForm",
    "MeetingForm",
    "MembershipForm",
    "PeriodForm",
    "ProgressForm",
    "ReadingForm",
    "ReadingImportForm",
]
