"""The filters of the department's intervention case list; anything else in the query string,
or a value not on a list, is refused in words (a 400 with the error summary)."""

from __future__ import annotations

from typing import Any

from django import forms

from bestvalue.authorities.selectors import authority_type_choices, region_choices
from bestvalue.core.forms import refuse_unknown_fields
from bestvalue.guidance.selectors import theme_choices
from bestvalue.interventions.selectors.cases import CASE_STATUSES, SORTS, CaseFilters
from bestvalue.staff.forms import search_field


def _choice(label: str, choices: Any, refusal: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, required=False, choices=choices, error_messages={"invalid_choice": refusal}
    )


class CaseListForm(forms.Form):
    q = search_field()
    status = _choice(
        "Status", [("", "Any status"), *CASE_STATUSES], "Choose a status from the list"
    )
    authority_type = _choice(
        "Type of authority",
        lambda: [("", "Any type"), *authority_type_choices()],
        "Choose a type of authority from the list",
    )
    region = _choice(
        "Region",
        lambda: [("", "Any region"), *((r, r) for r in region_choices())],
        "Choose a region from the list",
    )
    theme = _choice(
        "Theme the duty was not met on",
        lambda: [("", "Any theme"), *theme_choices()],
        "Choose a theme from the list",
    )
    year = forms.IntegerField(
        label="Year of the first step",
        help_text="For example, 2024",
        required=False,
        min_value=1999,
        max_value=2100,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "invalid": "Enter the year as four digits, like 2026",
            "min_value": "Enter a year from 1999, when the Act was passed",
            "max_value": "Enter a year before 2100",
        },
    )
    sort = _choice("Sort by", SORTS, "Choose an order from the list")
    page = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": "Page must be a whole number",
            "min_value": "Page must be 1 or more",
        },
    )

    def clean(self) -> dict[str, Any]:
        refuse_unknown_fields(self)
        return super().clean() or {}

    def filters(self) -> CaseFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return CaseFilters(
            query=data.get("q") or "",
            status=data.get("status") or "",
            authority_kind=data.get("authority_type") or "",
            region=data.get("region") or "",
            theme=data.get("theme") or "",
            year=data.get("year"),
            sort=data.get("sort") or "changed",
        )
