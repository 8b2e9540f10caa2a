"""The three-box date field says what to type, in the GOV.UK style (issue 14.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from bestvalue.core.forms import DateField


def _error(day: str, month: str, year: str) -> str:
    field = DateField(what="the date of issue")
    with pytest.raises(ValidationError) as refused:
        field.clean((day, month, year))
    return " ".join(refused.value.messages)


def test_words_in_the_day_box_are_asked_for_as_numbers() -> None:
    assert _error("next week", "", "") == "Enter the date as numbers, like 27 3 2026"


def test_words_in_any_box_are_asked_for_as_numbers() -> None:
    assert _error("1", "March", "2026") == "Enter the date as numbers, like 27 3 2026"
    assert _error("1", "3", "twenty") == "Enter the date as numbers, like 27 3 2026"


def test_a_two_digit_year_is_asked_for_as_four_digits() -> None:
    assert _error("27", "3", "26") == "Enter the year as four digits, like 2026"


def test_a_five_digit_year_is_asked_for_as_four_digits() -> None:
    assert _error("27", "3", "20266") == "Enter the year as four digits, like 2026"


def test_a_missing_month_is_named() -> None:
    assert _error("27", "", "2026") == "The date of issue must include a month"


def test_a_missing_month_and_year_are_named() -> None:
    assert _error("27", "", "") == "The date of issue must include a month and year"


def test_an_impossible_date_must_be_a_real_date() -> None:
    assert _error("31", "2", "2026") == "The date of issue must be a real date"


def test_an_empty_required_date_asks_for_it() -> None:
    assert _error("", "", "") == "Enter the date of issue"


def test_a_good_date_is_read() -> None:
    assert DateField(what="the date").clean(("27", "3", "2026")) == dt.date(2026, 3, 27)
