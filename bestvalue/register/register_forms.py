"""The register's search and filters. Anything else in the query string, a malformed date or year,
or a page past the end is a 400 with a message saying what to do."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from bestvalue.authorities.selectors import authority_type_choices, region_choices
from bestvalue.core.forms import DateField, DateWidget, no_control_characters
from bestvalue.guidance.themes import THEMES
from bestvalue.interventions.selectors import InterventionFilters
from bestvalue.notices.selectors import NoticeFilters
from bestvalue.public.filters import GSS_PATTERN, RECORD_FILTERS, record_filters
from bestvalue.register.forms import choice_filter, page_filter

KIND_CHOICES = [
    ("", "Notices and interventions"),
    ("notice", "Best value notices"),
    ("intervention", "Inspections and interventions"),
]
# "In force" and "ended" apply to both kinds of record; the other statuses are how a notice ends,
# so choosing one of them lists notices only.
STATUS_CHOICES = [
    ("", "Any status"),
    ("in_force", "In force (notices) or active (interventions)"),
    (
        "period_ended",
        "Period ended, outcome not recorded (notices) or directions ended, exit not recorded "
        "(interventions)",
    ),
    ("ended", "Ended"),
    ("reissued", "Notices replaced by a revised notice"),
    ("lapsed", "Notices that lapsed"),
    ("withdrawn", "Notices withdrawn"),
    ("escalated", "Notices escalated"),
]
SORT_CHOICES = [
    ("newest", "Newest first"),
    ("oldest", "Oldest first"),
    ("authority", "Authority name, A to Z"),
]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FIRST_YEAR = 1999  # the Local Government Act 1999 created the duty


class DateOrIsoWidget(DateWidget):
    """The GOV.UK date input (NAME-day, NAME-month, NAME-year), or NAME=YYYY-MM-DD in a link."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        if name in data and super().value_omitted_from_data(data, files, name):
            text = str(data.get(name, "")).strip()
            if ISO_DATE.match(text):
                year, month, day = text.split("-")
                return (day.lstrip("0") or "0", month.lstrip("0") or "0", year)
            return text
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)


class DateOrIsoField(DateField):
    widget = DateOrIsoWidget

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, str):
            if not value:
                return None
            raise ValidationError(
                "Enter the date in force as YYYY-MM-DD, for example 2024-06-01, or use the day, "
                "month and year boxes"
            )
        return super().to_python(value)


@dataclass(frozen=True)
class RegisterQuery:
    notices: NoticeFilters | None  # None when only interventions are wanted
    interventions: InterventionFilters | None
    sort: str


class RegisterFilterForm(forms.Form):
    q = forms.CharField(
        label="Search",
        help_text="An authority's name, a reference, or words from the grounds or expectations",
        required=False,
        max_length=200,
        validators=[no_control_characters],
    )
    kind = choice_filter("Record", KIND_CHOICES, "Choose notices, interventions or both")
    # Not in the filter panel: set by an authority page's download links (and the API's name).
    authority = forms.RegexField(
        regex=GSS_PATTERN,
        required=False,
        error_messages={"invalid": "Enter an authority's GSS code, for example E07000217"},
    )
    status = choice_filter("Status", STATUS_CHOICES, "Choose a status from the list")
    authority_type = choice_filter(
        "Type of authority",
        lambda: [("", "Any type"), *authority_type_choices()],
        "Choose a type of authority from the list",
    )
    region = choice_filter(
        "Region",
        lambda: [("", "Any region"), *((r, r) for r in region_choices())],
        "Choose a region from the list",
    )
    theme = choice_filter(
        "Theme",
        [("", "Any theme"), *((t.key, t.name) for t in THEMES)],
        "Choose one of the seven themes from the list",
    )
    year = forms.CharField(
        label="Year",
        help_text="The year the notice was issued or the intervention began, for example 2024",
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={"max_length": "Enter a year as four digits, for example 2024"},
    )
    in_force_on = DateOrIsoField(
        what="the date in force",
        label="In force on",
        help_text="Notices in force, and interventions with directions in force, on this day. "
        "For example, 1 6 2024",
        required=False,
    )
    sort = choice_filter("Sort by", SORT_CHOICES, "Sort by newest, oldest or authority")
    page = page_filter()

    def known_parameters(self) -> set[str]:
        parts = {f"in_force_on-{part}" for part in ("day", "month", "year")}
        return set(self.fields) | parts

    def clean_year(self) -> int | None:
        text = self.cleaned_data.get("year", "").strip()
        if not text:
            return None
        if not (text.isdigit() and len(text) == 4):
            raise ValidationError("Enter a year as four digits, for example 2024")
        year = int(text)
        if not FIRST_YEAR <= year <= 2100:
            raise ValidationError(f"Enter a year from {FIRST_YEAR} onwards, for example 2024")
        return year

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        unknown = set(self.data) - self.known_parameters()
        if unknown:
            raise ValidationError(
                f"Unknown filter: {', '.join(sorted(unknown))}. "
                f"Use {', '.join(f for f in self.fields if f != 'page')} or page."
            )
        return cleaned

    def canonical(self) -> dict[str, str]:
        """The filters as set, in the form a link carries them (a date as YYYY-MM-DD), without
        the page: what a download of the same rows is asked with. The sort is always given, so
        that the file lists the rows in the page's order."""
        found = {"sort": "newest"}
        for name in self.fields:
            value = self.cleaned_data.get(name)
            if name != "page" and value not in (None, ""):
                found[name] = value.isoformat() if isinstance(value, dt.date) else str(value)
        return found

    def query(self) -> RegisterQuery:
        data = self.cleaned_data
        status, kind = data.get("status") or "", data.get("kind") or ""
        common = record_filters(**{name: data.get(name) for name in RECORD_FILTERS})
        notices = NoticeFilters(status=status, **common)
        intervention_status = {
            "": "",
            "in_force": "active",
            "period_ended": "directions_ended",
            "ended": "ended",
        }.get(status)
        interventions = (
            None
            if intervention_status is None
            else InterventionFilters(status=intervention_status, **common)
        )
        return RegisterQuery(
            notices=None if kind == "intervention" else notices,
            interventions=None if kind == "notice" else interventions,
            sort=data.get("sort") or "newest",
        )
