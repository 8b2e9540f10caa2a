"""Form fields for GOV.UK patterns that Django does not have: the three-box date input."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


class DateWidget(forms.Widget):
    """Reads NAME-day, NAME-month and NAME-year, as the GOV.UK date input names them."""

    template_name = ""  # rendered by bestvalue.core.govuk with the govukDateInput macro

    def value_from_datadict(self, data: Any, files: Any, name: str) -> tuple[str, str, str]:
        return tuple(
            str(data.get(f"{name}-{part}", "")).strip() for part in ("day", "month", "year")
        )  # type: ignore[return-value]

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data for part in ("day", "month", "year"))


class DateField(forms.Field):
    """A date entered as day, month and year, with the GOV.UK error messages."""

    widget = DateWidget

    def __init__(self, *, what: str, **kwargs: Any) -> None:
        self.what = what
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("required", f"Enter {what}")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date) or value is None:
            return value
        day, month, year = value
        if not (day or month or year):
            return None
        raise_for_date_parts(self.what, day, month, year)
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{_sentence(self.what)} must be a real date") from None


NUMBERS_MESSAGE = "Enter the date as numbers, like 27 3 2026"
FOUR_DIGIT_YEAR_MESSAGE = "Enter the year as four digits, like 2026"


def _sentence(what: str) -> str:
    return f"{what[0].upper()}{what[1:]}"


def raise_for_date_parts(what: str, day: str, month: str, year: str) -> None:
    """Refuse boxes that cannot make a date, saying what to type: words ("next week") are told to
    use numbers, a short year to use four digits, and missing boxes are named (the GOV.UK pattern
    "The date of issue must include a month")."""
    parts = (("day", day), ("month", month), ("year", year))
    if any(text and not text.isdigit() for _, text in parts):
        raise ValidationError(NUMBERS_MESSAGE)
    missing = [name for name, text in parts if not text]
    if missing:
        raise ValidationError(f"{_sentence(what)} must include a {' and '.join(missing)}")
    if len(year) != 4:
        raise ValidationError(FOUR_DIGIT_YEAR_MESSAGE)


def date_parts(value: Any) -> tuple[str, str, str]:
    """A bound date field's value as the three boxes show it."""
    if isinstance(value, dt.date):
        return str(value.day), str(value.month), str(value.year)
    if isinstance(value, (tuple, list)) and len(value) == 3:
        return tuple(str(v) for v in value)  # type: ignore[return-value]
    return "", "", ""


def no_control_characters(value: str) -> None:
    """Refuse invisible control characters (other than tabs and line breaks): they come from bad
    copy and paste or attacks, never from a person typing, and they break letters and exports."""
    if any((ord(c) < 32 and c not in "\t\r\n") or 127 <= ord(c) < 160 for c in value):
        raise ValidationError("Remove the invisible control characters from this text")


def refuse_unknown_fields(form: forms.BaseForm) -> None:
    """Refuse a query string that names a field the form does not have, saying which it has."""
    unknown = set(form.data) - set(form.fields)
    if unknown:
        names = ", ".join(sorted(unknown))
        raise forms.ValidationError(f"Unknown filter: {names}. Use {', '.join(form.fields)}.")
