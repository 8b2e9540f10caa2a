"""The case list's search, filters and sort. Anything else in the query string, or a value not
in a list, is a 400 saying what to do."""

from __future__ import annotations

from typing import Any

from django import forms

from bestvalue.authorities.selectors import filter_choices
from bestvalue.core.forms import refuse_unknown_fields
from bestvalue.guidance.selectors import theme_choices
from bestvalue.notices import case_list
from bestvalue.staff.forms import search_field


def _choose(label: str, choices: Any, what: str) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=False,
        choices=choices,
        error_messages={"invalid_choice": f"Choose {what} from the list"},
    )


def _drafters() -> list[tuple[str, str]]:
    return [("", "Anyone"), *case_list.drafter_choices()]


def _years() -> list[tuple[str, str]]:
    return [("", "Any year"), *((str(y), str(y)) for y in case_list.year_choices())]


class CaseListForm(forms.Form):
    q = search_field()
    status = _choose("Status", [("", "Any status"), *case_list.STATUS_CHOICES], "a status")
    kind = _choose("Authority type", lambda: filter_choices()["kind"], "an authority type")
    region = _choose("Region", lambda: filter_choices()["region"], "a region")
    drafter = _choose("Drafted by", _drafters, "a person")
    theme = _choose("Theme", lambda: [("", "Any theme"), *theme_choices()], "a theme")
    year = _choose("Year issued", _years, "a year")
    sort = _choose("Sort by", case_list.SORT_CHOICES, "an order")
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": "Page must be a whole number",
            "min_value": "Page must be 1 or more",
        },
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        refuse_unknown_fields(self)
        return cleaned

    def filters(self) -> case_list.CaseFilters:
        data = self.cleaned_data
        return case_list.CaseFilters(
            query=data.get("q") or "",
            status=data.get("status") or "",
            authority_kind=data.get("kind") or "",
            region=data.get("region") or "",
            drafter=int(data["drafter"]) if data.get("drafter") else None,
            theme=data.get("theme") or "",
            year=int(data["year"]) if data.get("year") else None,
            sort=data.get("sort") or "changed",
        )
