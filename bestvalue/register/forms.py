"""Filters for the public authority list; anything else in the query string is a 400."""

from typing import Any

from django import forms

from bestvalue.authorities.selectors import AuthorityFilters, filter_choices

STATUS_CHOICES = [
    ("current", "Current"),
    ("abolished", "Abolished"),
    ("all", "Current and abolished"),
]


class AuthorityFilterForm(forms.Form):
    q = forms.CharField(label="Name or GSS code", required=False, max_length=100)
    kind = forms.ChoiceField(
        label="Type",
        required=False,
        choices=lambda: filter_choices()["kind"],
        error_messages={"invalid_choice": "Choose a type from the list"},
    )
    region = forms.ChoiceField(
        label="Region",
        required=False,
        choices=lambda: filter_choices()["region"],
        error_messages={"invalid_choice": "Choose a region from the list"},
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=STATUS_CHOICES,
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={"invalid": "Page must be a whole number"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        unknown = set(self.data) - set(self.fields)
        if unknown:
            raise forms.ValidationError(
                f"Unknown filter: {', '.join(sorted(unknown))}. Use {', '.join(self.fields)}."
            )
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
