"""Reading a measure's readings from CSV: every bad line named with its number and reason, and a
file with any bad line refused whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from bestvalue.improvement.readings_csv import ReadingsRefused, parse_readings

TODAY = dt.date(2024, 12, 1)


def _problems(text: str | bytes) -> list[str]:
    data = text.encode() if isinstance(text, str) else text
    with pytest.raises(ReadingsRefused) as refused:
        parse_readings(data, today=TODAY)
    return refused.value.problems


def test_it_reads_iso_and_uk_dates_and_plain_numbers() -> None:
    rows = parse_readings(
        b"\xef\xbb\xbfDate,Value,Source\r\n2024-03-31,54.5,Staff survey\r\n30/06/2024,-3,Survey\r\n\r\n",
        today=TODAY,
    )
    assert [(r.line, r.taken_on, r.value, r.source) for r in rows] == [
        (2, dt.date(2024, 3, 31), Decimal("54.5"), "Staff survey"),
        (3, dt.date(2024, 6, 30), Decimal("-3"), "Survey"),
    ]


def test_columns_may_come_in_any_order_and_others_are_ignored() -> None:
    rows = parse_readings(b"source,note,value,date\nSurvey,x,12,2024-01-31\n", today=TODAY)
    assert rows[0].value == Decimal("12")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        (
            "31/02/2024,5,Survey",
            "Line 2: enter the date as a real date like 2024-03-31 or 31/03/2024, not '31/02/2024'.",
        ),
        ("2024-3-1,5,Survey", "Line 2: enter the date as a real date"),
        (",5,Survey", "Line 2: enter the date of the reading."),
        ("2025-01-01,5,Survey", "Line 2: The date of the reading must be today or in the past."),
        ("2024-01-01,,Survey", "Line 2: enter the value."),
        ('2024-01-01,"1,234",Survey', "Line 2: enter the value as a plain number such as 1234.5"),
        ("2024-01-01,12%,Survey", "not '12%'"),
        ("2024-01-01,1.23456,Survey", "the value 1.23456 has more than 4 decimal places"),
        ("2024-01-01,12345678901,Survey", "the value 12345678901 is too large"),
        ("2024-01-01,5,", "Line 2: enter the source of the reading."),
        ("2024-01-01,=1+1,Survey", "Line 2: enter the value as a plain number"),
    ],
)
def test_a_bad_line_is_named_with_its_number_and_reason(line: str, problem: str) -> None:
    problems = _problems(f"date,value,source\n{line}\n")
    assert any(p.startswith(problem) or problem in p for p in problems), problems


def test_every_bad_line_is_listed_not_just_the_first() -> None:
    problems = _problems("date,value,source\n2024-01-01,1,S\n2024-13-01,1,S\n2024-02-01,x,S\n")
    assert [p.split(":")[0] for p in problems] == ["Line 3", "Line 4"]


def test_a_date_twice_in_the_file_is_refused_naming_both_lines() -> None:
    problems = _problems("date,value,source\n2024-01-01,1,S\n01/01/2024,2,S\n")
    assert problems == ["Line 3: there is already a reading for 1 January 2024 on line 2."]


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"", "The file is empty"),
        (b"date,value\n2024-01-01,1\n", "it has no source column"),
        (b"date,value,source\n", "no readings"),
        (b"date,value,source\n2024-01-01,1,\xff\xfe\n", "not saved as UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a CSV file"),
        (
            b"date,value,source\n" + b"2024-01-01,1,S\n" * 0 + b"x" * (1024 * 1024 + 1),
            "larger than",
        ),
    ],
)
def test_a_file_that_is_not_readings_is_refused_with_a_reason(data: bytes, problem: str) -> None:
    problems = _problems(data)
    assert any(problem in p for p in problems), problems


def test_the_refusal_says_nothing_was_imported() -> None:
    with pytest.raises(ReadingsRefused, match=r"^Nothing was imported"):
        parse_readings(b"date,value,source\nx,1,S\n", today=TODAY)
