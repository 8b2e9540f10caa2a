"""The register's filter form and rough dates, without a database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from bestvalue.interventions.rules import Span
from bestvalue.public.naming import span_text
from bestvalue.register.register_forms import RegisterFilterForm


def _form(query: str) -> RegisterFilterForm:
    form = RegisterFilterForm(QueryDict(query))
    form.is_valid()
    return form


def test_the_date_can_come_from_a_link_or_the_three_boxes() -> None:
    by_link = _form("in_force_on=2024-06-01")
    by_boxes = _form("in_force_on-day=1&in_force_on-month=6&in_force_on-year=2024")
    assert (
        by_link.cleaned_data["in_force_on"]
        == by_boxes.cleaned_data["in_force_on"]
        == dt.date(2024, 6, 1)
    )


def test_a_status_that_only_notices_have_leaves_interventions_out() -> None:
    query = _form("status=lapsed").query()
    assert query.notices is not None
    assert query.notices.status == "lapsed"
    assert query.interventions is None


def test_in_force_means_active_for_interventions() -> None:
    query = _form("status=in_force&kind=intervention").query()
    assert query.notices is None
    assert query.interventions is not None
    assert query.interventions.status == "active"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("in_force_on=01/06/2024", "in_force_on", "Enter the date in force as YYYY-MM-DD"),
        ("in_force_on=2024-02-30", "in_force_on", "The date in force must be a real date"),
        ("year=twenty", "year", "Enter a year as four digits"),
        ("page=0", "page", "Page must be 1 or more"),
    ],
)
def test_malformed_values_are_refused_with_a_message(query: str, field: str, message: str) -> None:
    form = _form(query)
    assert message in " ".join(form.errors[field])


def test_unknown_parameters_are_named() -> None:
    form = _form("q=x&colour=red&size=9")
    assert form.non_field_errors()[0].startswith("Unknown filter: colour, size.")


@pytest.mark.parametrize(
    ("span", "text"),
    [
        (None, "Not known"),
        (Span.exact(dt.date(2014, 4, 4)), "4 April 2014"),
        (Span(dt.date(2018, 3, 1), dt.date(2018, 3, 31)), "March 2018"),
        (Span(dt.date(2010, 1, 1), dt.date(2010, 12, 31)), "2010"),
        (Span(dt.date(2025, 2, 1), dt.date(2025, 3, 31)), "February to March 2025"),
        (Span(dt.date(2024, 11, 1), dt.date(2025, 2, 28)), "2024 to 2025"),
    ],
)
def test_rough_dates_read_as_people_write_them(span: Span | None, text: str) -> None:
    assert span_text(span) == text
