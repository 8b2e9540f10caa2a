"""Dates and notice periods in letters, resolved against the document's own date."""

from __future__ import annotations

import datetime as dt

import pytest

from bestvalue.letters.dates import document_date, find_dates, find_periods

LETTER_DATE = dt.date(2025, 5, 8)


def _only(text: str, document_date: dt.date | None = None) -> tuple[str | None, str]:
    found = find_dates(text, document_date=document_date)
    assert len(found) == 1, found
    date = found[0]
    assert text[date.start : date.end] == date.text
    return date.iso, date.text


@pytest.mark.parametrize(
    ("text", "iso", "written"),
    [
        ("issued on 24 January 2023.", "2023-01-24", "24 January 2023"),
        ("On January 24 2023, a notice", "2023-01-24", "January 24 2023"),
        ("On January 24, 2023, a notice", "2023-01-24", "January 24, 2023"),
        ("Today (30th January 2024) the", "2024-01-30", "Today (30th January 2024)"),
        ("dated 24/01/2023 and", "2023-01-24", "24/01/2023"),
        ("on Wednesday 8 May 2024.", "2024-05-08", "Wednesday 8 May 2024"),
        ("on 3rd Sept 2024", "2024-09-03", "3rd Sept 2024"),
        ("on 1st March 2024", "2024-03-01", "1st March 2024"),
        ("on 22nd March 2024", "2024-03-22", "22nd March 2024"),
        ("on 31st January 2024", "2024-01-31", "31st January 2024"),
        ("on 29 February 2024", "2024-02-29", "29 February 2024"),
        ("on 2024-01-30", "2024-01-30", "2024-01-30"),
    ],
)
def test_a_written_date_is_read_as_written(text: str, iso: str, written: str) -> None:
    assert _only(text) == (iso, written)


def test_a_month_and_year_is_a_month() -> None:
    # "a year ago" is itself a date now, written again in brackets: one date, as "today (...)".
    assert _only("a year ago (January 2023) over") == ("2023-01", "a year ago (January 2023)")
    assert _only("in January 2023 the") == ("2023-01", "January 2023")


@pytest.mark.parametrize("text", ["on 31st February 2024", "on 29 February 2023", "on 32 May 2024"])
def test_an_impossible_date_is_not_a_date(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "lapsed over the summer",
        "in the spring",
        "this may take time",
        "we will march on",
        "the Local Government Act 1999",
    ],
)
def test_words_that_only_look_like_dates_are_not_dates(text: str) -> None:
    assert find_dates(text, document_date=LETTER_DATE) == []


def test_a_date_without_a_year_takes_the_documents_year() -> None:
    date = find_dates("issued on 8 May", document_date=LETTER_DATE)[0]
    assert date.iso == "2025-05-08"
    assert date.confidence < find_dates("8 May 2025")[0].confidence


def test_a_date_without_a_year_is_the_one_nearest_the_documents_date() -> None:
    # A letter of 10 January that mentions 20 December means the December just gone.
    assert _only("met on 20 December", dt.date(2025, 1, 10))[0] == "2024-12-20"
    assert _only("reply by 31 January", dt.date(2024, 12, 19))[0] == "2025-01-31"


def test_a_date_without_a_year_and_no_document_date_takes_the_year_from_context() -> None:
    found = find_dates("On 3 November 2023 it was issued; on 20 November the council voted.")
    assert [d.iso for d in found] == ["2023-11-03", "2023-11-20"]
    assert found[1].confidence < found[0].confidence


def test_a_date_without_any_year_to_go_on_is_left_unresolved() -> None:
    date = find_dates("The council voted on 20 November.")[0]
    assert (date.iso, date.month, date.day, date.precision) == (None, 11, 20, "unresolved")
    assert date.confidence <= 0.3


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("issued today", "2025-05-08"),
        ("received yesterday", "2025-05-07"),
        ("issued this January", "2025-01"),
        ("issued last January", "2025-01"),
        ("issued last June", "2024-06"),
        ("a rating received last year", "2024"),
        ("issued this month", "2025-05"),
    ],
)
def test_words_for_dates_resolve_against_the_documents_date(text: str, iso: str) -> None:
    assert _only(text, LETTER_DATE)[0] == iso


def test_words_for_dates_stay_unresolved_without_a_document_date() -> None:
    found = find_dates("issued today, reviewed this January")
    assert [(d.text, d.iso) for d in found] == [("today", None), ("this January", None)]


def test_a_date_repeated_in_brackets_is_one_date() -> None:
    found = find_dates("has today (8 May 2025) issued", document_date=None)
    assert [(d.text, d.iso) for d in found] == [("today (8 May 2025)", "2025-05-08")]


def test_a_weekday_that_does_not_match_lowers_the_confidence() -> None:
    right, wrong = find_dates("Wednesday 8 May 2024 and Friday 9 May 2024")
    assert right.confidence > wrong.confidence
    assert wrong.iso == "2024-05-09"


def test_the_letters_date_line_is_its_document_date() -> None:
    letter = "Department\n2 Marsham Street\n\n12 March 2025\n\nDear Alex,\nOn 8 May 2024 we met."
    found = document_date(letter)
    assert found is not None
    assert found.date == dt.date(2025, 3, 12)
    assert letter[found.start : found.end] == "12 March 2025"
    assert document_date("Date: 30/01/2024\nDear Rob,") is not None
    assert document_date("On 8 May 2024 we were issued with a notice.") is None


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("for a six-month period", 6),
        ("for a period of six months", 6),
        ("for a period of 6 months", 6),
        ("extended the Notice for a further six months", 6),
        ("The notice remained in place for 12 months in which time", 12),
        ("It will remain in place for six months.", 6),
        ("a revised six-month notice", 6),
        ("a 12-month Best Value Notice", 12),
        ("for one year", 12),
        ("for twelve months", 12),
    ],
)
def test_a_stated_period_is_read_in_months(text: str, months: int) -> None:
    found = find_periods(text)
    assert [(p.months, p.strength) for p in found] == [(months, "stated")]


@pytest.mark.parametrize(
    ("text", "months"),
    [("further progress over the next 12 months", 12), ("issued six months from now", 6)],
)
def test_time_left_is_an_implied_period(text: str, months: int) -> None:
    assert [(p.months, p.strength) for p in find_periods(text)] == [(months, "implied")]


@pytest.mark.parametrize(
    "text",
    [
        "the progress we have made over the past 12 months",
        "retrospective data for the previous five years",
        "with a one month response period",
        "a one-week response period",
        "a two-week deadline",
        "for 60 months",
    ],
)
def test_spans_that_are_not_a_notice_period_are_not_periods(text: str) -> None:
    assert find_periods(text) == []


STATEMENT_DATE = dt.date(2024, 12, 19)  # a Thursday


@pytest.mark.parametrize(
    ("text", "iso", "written"),
    [
        ("issued a year ago will not", "2023-12", "a year ago"),
        ("issued six months ago and", "2024-06", "six months ago"),
        ("two weeks ago the council", "2024-12-05", "two weeks ago"),
        ("must reply within three months of", "2025-03-19", "within three months"),
        ("a plan within 28 days", "2025-01-16", "within 28 days"),
        ("a plan by the end of next month", "2025-01-31", "by the end of next month"),
        ("by the end of this month", "2024-12-31", "by the end of this month"),
        ("confirmed on Monday that", "2024-12-16", "on Monday"),
        ("confirmed on Thursday that", "2024-12-19", "on Thursday"),
        ("from today the notice", "2024-12-19", "today"),
    ],
)
def test_relative_dates_are_resolved_against_the_documents_date(
    text: str, iso: str, written: str
) -> None:
    assert _only(text, STATEMENT_DATE) == (iso, written)


@pytest.mark.parametrize(
    "text", ["a year ago", "within three months", "by the end of next month", "on Monday"]
)
def test_relative_dates_stay_unresolved_without_the_documents_date(text: str) -> None:
    (found,) = find_dates(text)
    assert found.iso is None


def test_a_weekday_is_a_weaker_reading_than_a_counted_date() -> None:
    (weekday,) = find_dates("on Monday", document_date=STATEMENT_DATE)
    (today,) = find_dates("today", document_date=STATEMENT_DATE)
    assert weekday.confidence < today.confidence


def test_a_lower_case_weekday_word_or_a_weekday_before_a_date_is_not_a_second_date() -> None:
    assert [d.text for d in find_dates("on Wednesday 8 May 2024", document_date=LETTER_DATE)] == [
        "Wednesday 8 May 2024"
    ]


def test_the_next_months_of_a_notice_are_its_period() -> None:
    (period,) = find_periods("It would continue to operate for the next 6 months.")
    assert (period.months, period.strength) == (6, "stated")
