"""Filters for the public authority list; anything else in the query string is a 400."""

from typing import Any

from django import forms

from bestvalue.authorities.selectors import AuthorityFilters, filter_choices
from bestvalue.core.forms import refuse_unknown_fields

STATUS_CHOICES = [
    ("current", "Current"),
    ("abolished", "Abolished"),
    ("all", "Current and abolished"),
]


def choice_filter(label: str, choices: Any, refusal: str) -> forms.ChoiceField:
    """An optional choice from a list, refused in words when the query string holds another."""
    return forms.ChoiceField(
        label=label, required=False, choices=choices, error_messages={"invalid_choice": refusal}
    )


def page_filter() -> forms.IntegerField:
    """The page number of a list, with the refusals in words."""
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={
            "invalid": "Page must be a whole number",
            "min_value": "Page must be 1 or more",
            "max_value": "There are not that many pages",
        },
    )


class AuthorityFilterForm(forms.Form):
    q = forms.CharField(label="Name or GSS code", required=False, max_length=100)
    kind = choice_filter("Type", lambda: filter_choices()["kind"], "Choose a type from the list")
    region = choice_filter(
        "Region", lambda: filter_choices()["region"], "Choose a region from the list"
    )
    status = choice_filter("Status", STATUS_CHOICES, "Choose a status from the list")
    page = page_filter()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        refuse_unknown_fields(self)
        return cleaned

    def filters(self) -> AuthorityFilters:
        status = self.cleaned_data.get("status") or "current"
        current = {"current": True, "abolished": False, "all": None}[status]
        return AuthorityFilters(
            kind=self.cleaned_data.get("kind") or "",
            region=self.cleaned_data.get("region") or "",
            current=current,
            query=self.cleaned_data.get("q") or "",
        )
