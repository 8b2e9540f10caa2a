"""Find dates and notice periods in letters and statements, and resolve them against the document's
own date. Pure: no database and no clock; "today" means the date the caller says the document bears.

Each date keeps its span in the text so that a proposal can quote the passage it came from, and a
confidence that falls as more is inferred (a year taken from context rather than written).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name.casefold(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAYS = [name.casefold() for name in calendar.day_name]
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(_WEEKDAYS) + r"),?\s+(?:the\s+)?)?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# Confidence of a date by how much of it was written rather than inferred.
WRITTEN = 0.95
FROM_DOCUMENT_DATE = 0.8
FROM_CONTEXT = 0.5
UNRESOLVED = 0.3
# A weekday ("on Monday") is taken to be the latest one on or before the document's date: a
# statement reports what has happened. A guess, so weaker than a date worked out by arithmetic.
WEEKDAY_GUESS = 0.6

# Numbers as letters and notices write them, for spans and periods.
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "eighteen": 18,
    "twenty-four": 24,
}
_COUNT = r"(?P<n>\d{1,2}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r")"
_SPAN_UNIT = r"(?P<unit>day|week|month|year)s?"
# Forms that give a deadline or a bound rather than the day something happened.
DEADLINE_FORMS = frozenset({"relative_within", "relative_end_of_month"})

# Longest forms first: once a span is taken, shorter forms inside it are not dates of their own.
_FORMS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")),
    (
        "numeric",
        re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b"),
    ),
    ("dmy", re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("mdy", re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("dm", re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}(?![\w-])", re.I)),
    # "May 8" is left out: "May" is too often the verb for a month-first form without a year.
    ("my", re.compile(rf"\b{_MONTH}\s+{_YEAR}\b", re.I)),
    (
        "relative_month",
        re.compile(rf"\b(?P<which>this|last|next)\s+{_MONTH}(?![\w-])", re.I),
    ),
    ("relative_day", re.compile(r"\b(?P<which>today|yesterday|tomorrow)\b", re.I)),
    ("relative_ago", re.compile(rf"\b{_COUNT}\s+{_SPAN_UNIT}\s+ago\b", re.I)),
    (
        "relative_within",
        re.compile(rf"\bwithin\s+(?:the\s+next\s+)?{_COUNT}\s+{_SPAN_UNIT}\b", re.I),
    ),
    (
        "relative_end_of_month",
        re.compile(r"\b(?:by\s+)?the\s+end\s+of\s+(?P<which>this|last|next)\s+month\b", re.I),
    ),
    # Weekdays are proper nouns: only a capitalised "Monday" after "on" or "last" is a date.
    (
        "relative_weekday",
        re.compile(r"\b(?:on|last)\s+(?P<day_name>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"),
    ),
    ("relative_year", re.compile(r"\b(?P<which>this|last|next)\s+year\b", re.I)),
    ("relative_this_month", re.compile(r"\b(?P<which>this|last|next)\s+month\b", re.I)),
    ("year", re.compile(rf"\b(?:in|during|throughout)\s+{_YEAR}\b(?!\s*[-/])", re.I)),
]

# "today (8 May 2025)": one date written twice, not two.
_BRACKETED = re.compile(r"\s*[(\[]\s*$")


@dataclass(frozen=True)
class FoundDate:
    """A date in the text. `year`, `month` and `day` are None where the text does not give them
    (month precision has no day; an unresolved "8 May" has no year)."""

    start: int
    end: int
    text: str
    year: int | None
    month: int | None
    day: int | None
    confidence: float
    form: str

    @property
    def precision(self) -> str:
        if self.year is None:
            return "unresolved"
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    @property
    def iso(self) -> str | None:
        """ "2024-01-30", "2024-01" or "2024"; None when the year is not known."""
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)


@dataclass(frozen=True)
class FoundPeriod:
    """How long a notice runs, as the text states it. `strength` is "stated" ("for six months",
    "a six-month period") or "implied" ("over the next 12 months", "six months from now")."""

    start: int
    end: int
    text: str
    months: int
    strength: str


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _valid_day_of_month(month: int, day: int) -> bool:
    # 29 February exists in some year, so a date without a year is allowed it.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2024, month)[1]


def _month(value: str) -> int:
    return MONTHS[value.casefold().rstrip(".")] if not value.isdigit() else int(value)


def _closest_year(month: int, day: int, document_date: dt.date) -> int:
    """The year that puts day and month nearest the document's date: a letter dated 10 January
    that mentions "20 December" means the December just gone."""
    years = [document_date.year - 1, document_date.year, document_date.year + 1]
    candidates = [y for y in years if _valid(y, month, day)]
    return min(candidates, key=lambda y: abs((dt.date(y, month, day) - document_date).days))


def _written(match: re.Match[str], form: str) -> tuple[int, int, int | None] | None:
    year, month = int(match["year"]), _month(match["month"])
    if form == "my":
        return (year, month, None) if 1 <= month <= 12 else None
    day = int(match["day"])
    if not _valid(year, month, day):
        return None
    return year, month, day


def _weekday_agrees(match: re.Match[str], value: dt.date | None) -> bool:
    weekday = match.groupdict().get("weekday")
    if not weekday or value is None:
        return True
    return _WEEKDAYS.index(weekday.casefold()) == value.weekday()


def _relative(
    match: re.Match[str], form: str, document_date: dt.date | None
) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) for today, this January, last year..., or None without a document date."""
    if document_date is None:
        return None
    if form in ("relative_ago", "relative_within", "relative_weekday", "relative_end_of_month"):
        return _counted(match, form, document_date)
    which = match["which"].casefold()
    if form == "relative_day":
        shift = {"today": 0, "yesterday": -1, "tomorrow": 1}[which]
        value = document_date + dt.timedelta(days=shift)
        return value.year, value.month, value.day
    if form == "relative_year":
        shift = {"this": 0, "last": -1, "next": 1}[which]
        return document_date.year + shift, None, None
    if form == "relative_this_month":
        index = document_date.year * 12 + document_date.month - 1
        index += {"this": 0, "last": -1, "next": 1}[which]
        return index // 12, index % 12 + 1, None
    month = _month(match["month"])
    # "this January" is January of the document's year; "last January" the most recent one
    # before the document's month, "next January" the first one after it.
    if which == "this":
        return document_date.year, month, None
    if which == "last":
        year = document_date.year if month < document_date.month else document_date.year - 1
        return year, month, None
    year = document_date.year if month > document_date.month else document_date.year + 1
    return year, month, None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word.casefold()]


def _shift_months(value: dt.date, months: int) -> dt.date:
    index = value.year * 12 + value.month - 1 + months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(value.day, calendar.monthrange(year, month)[1]))


def _counted(
    match: re.Match[str], form: str, document_date: dt.date
) -> tuple[int, int | None, int | None]:
    """Dates counted from the document's date: "a year ago" (to the month), "within three
    months" and "by the end of next month" (deadlines, to the day), "on Monday" (the latest
    Monday on or before the document's date)."""
    if form == "relative_weekday":
        wanted = _WEEKDAYS.index(match["day_name"].casefold())
        value = document_date - dt.timedelta(days=(document_date.weekday() - wanted) % 7)
        return value.year, value.month, value.day
    if form == "relative_end_of_month":
        shift = {"this": 0, "last": -1, "next": 1}[match["which"].casefold()]
        first = _shift_months(document_date.replace(day=1), shift)
        return first.year, first.month, calendar.monthrange(first.year, first.month)[1]
    number = _number(match["n"])
    unit = match["unit"].casefold()
    sign = -1 if form == "relative_ago" else 1
    if unit in ("day", "week"):
        value = document_date + dt.timedelta(days=sign * number * (7 if unit == "week" else 1))
    else:
        value = _shift_months(document_date, sign * number * (12 if unit == "year" else 1))
    if form == "relative_ago" and unit in ("month", "year"):
        return value.year, value.month, None  # "a year ago" is not to the day
    return value.year, value.month, value.day


def _raw_matches(text: str) -> list[tuple[str, re.Match[str]]]:
    taken = bytearray(len(text))  # 1 where a date has been found already
    found = []
    for form, pattern in _FORMS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            # Month names are proper nouns: "this may take time" is not a date.
            month = match.groupdict().get("month")
            if month and not month.isdigit() and not month[0].isupper():
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append((form, match))
    found.sort(key=lambda item: item[1].start())
    return found


def _resolve_written(form: str, match: re.Match[str], text: str) -> FoundDate | None:
    start, end = match.span()
    if form in ("iso", "numeric", "dmy", "mdy", "my"):
        parts = _written(match, form)
        if parts is None:
            return None
        year, month, day = parts
        value = dt.date(year, month, day) if day else None
        confidence = WRITTEN if _weekday_agrees(match, value) else FROM_CONTEXT
        return FoundDate(start, end, text[start:end], year, month, day, confidence, form)
    if form == "year":
        year = int(match["year"])
        start = match.start("year")
        return FoundDate(start, end, text[start:end], year, None, None, WRITTEN, form)
    return None


def _context_year(found: list[FoundDate], position: int) -> int | None:
    """The year of the nearest written date before `position`, else after it."""
    before = [d for d in found if d.form != "dm" and d.year and d.end <= position]
    if before:
        return before[-1].year
    after = [d for d in found if d.form != "dm" and d.year and d.start >= position]
    return after[0].year if after else None


def _resolve_day_month(
    match: re.Match[str], written: list[FoundDate], document_date: dt.date | None
) -> FoundDate:
    """A day and month without a year ("8 May"), given the year the document or context implies."""
    start, end = match.span()
    month, day = _month(match["month"]), int(match["day"])
    year: int | None = None
    confidence = UNRESOLVED
    if document_date is not None:
        year, confidence = _closest_year(month, day, document_date), FROM_DOCUMENT_DATE
    else:
        context = _context_year(written, start)
        if context is not None and _valid(context, month, day):
            year, confidence = context, FROM_CONTEXT
    return FoundDate(start, end, match.string[start:end], year, month, day, confidence, "dm")


def _merge_bracketed(text: str, dates: list[FoundDate]) -> list[FoundDate]:
    """Fold "today (30th January 2024)" into one date: the written one, spanning both."""
    merged: list[FoundDate] = []
    for date in dates:
        previous = merged[-1] if merged else None
        between = text[previous.end : date.start] if previous else ""
        after = text[date.end :]
        closing = date.end + len(after) - len(after.lstrip()) + 1
        if (
            previous is not None
            and previous.form.startswith("relative")
            and _BRACKETED.fullmatch(between)
            and after.lstrip()[:1] in (")", "]")
        ):
            merged[-1] = FoundDate(
                previous.start,
                closing,
                text[previous.start : closing],
                date.year,
                date.month,
                date.day,
                max(date.confidence, previous.confidence),
                date.form,
            )
            continue
        merged.append(date)
    return merged


def find_dates(text: str, *, document_date: dt.date | None = None) -> list[FoundDate]:
    """Every date in `text`, in order, resolved as far as the text and the document's date allow.

    Written dates ("24 January 2023", "January 24 2023", "30th January 2024", "24/01/2023") are
    taken as written (day first, as in the UK). A day and month without a year ("8 May") takes the
    year that puts it nearest the document's date, else the year of the nearest written date,
    else stays unresolved. Words ("today", "this January", "last year", "a year ago", "on
    Monday", "within three months", "by the end of next month") need the document's date;
    the last two are deadlines (`DEADLINE_FORMS`), not days on which something happened.
    Seasons ("over the summer") are not dates.
    """
    written: list[FoundDate] = []
    pending: list[tuple[str, re.Match[str]]] = []
    for form, match in _raw_matches(text):
        date = _resolve_written(form, match, text)
        if date is not None:
            written.append(date)
        elif form not in ("iso", "numeric", "dmy", "mdy", "my", "year"):
            pending.append((form, match))
    found = list(written)
    for form, match in pending:
        start, end = match.span()
        if form == "dm":
            if _valid_day_of_month(_month(match["month"]), int(match["day"])):
                found.append(_resolve_day_month(match, written, document_date))
            continue
        parts = _relative(match, form, document_date)
        year, month, day = parts if parts else (None, None, None)
        if form == "relative_month" and month is None:
            month = _month(match["month"])
        confidence = FROM_DOCUMENT_DATE if parts else UNRESOLVED
        if parts and form == "relative_weekday":
            confidence = WEEKDAY_GUESS
        found.append(FoundDate(start, end, text[start:end], year, month, day, confidence, form))
    found.sort(key=lambda d: d.start)
    return _merge_bracketed(text, found)


_N = _COUNT
_UNIT = r"(?P<unit>month|year)"
_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    # "for six months", "for a period of 6 months", "for a further six months", "for 12 months",
    # "for a six-month period", "for one year"
    (
        "stated",
        re.compile(
            rf"\bfor\s+(?:a\s+|the\s+next\s+)?(?:further\s+)?(?:period\s+of\s+)?(?:a\s+further\s+)?{_N}"
            rf"(?:\s+|\s*-\s*){_UNIT}s?\b",
            re.I,
        ),
    ),
    # "a six-month period", "a revised 12-month notice", "six month Best Value Notice"
    (
        "stated",
        re.compile(
            rf"\b{_N}(?:\s+|\s*-\s*){_UNIT}\s+(?:(?:revised|renewed|further|non-statutory|"
            r"best|value)\s+){0,3}(?:period|notice|term)\b",
            re.I,
        ),
    ),
    # "over the next 12 months", "six months from now": how long is left, so weaker.
    ("implied", re.compile(rf"\bover\s+the\s+(?:next|coming)\s+{_N}\s+(?P<unit>month)s?\b", re.I)),
    ("implied", re.compile(rf"\b{_N}\s+(?P<unit>month)s?\s+from\s+now\b", re.I)),
]
# Notices run for months, rarely more than a year or two; anything longer is not a notice period.
_LONGEST_PERIOD = 36


def find_periods(text: str) -> list[FoundPeriod]:
    """Every notice period stated in `text`, in order. Backward-looking spans ("over the past 12
    months", "the previous five years") and deadlines ("a one-month response period") are not
    periods."""
    found: list[FoundPeriod] = []
    taken = bytearray(len(text))
    for strength, pattern in _PERIODS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            taken[start:end] = b"\x01" * (end - start)
            number = _number(match["n"])
            months = number * (12 if match["unit"].casefold() == "year" else 1)
            if 0 < months <= _LONGEST_PERIOD:
                found.append(FoundPeriod(start, end, text[start:end], months, strength))
    found.sort(key=lambda p: p.start)
    return found


_DATE_LINE = re.compile(r"^\s*(?:(?:dated?|published(?:\s+on)?)\s*:?\s*)?(?P<date>.+?)\s*$", re.I)
_DATE_LINE_REACH = 15


def document_date(text: str) -> FoundDate | None:
    """The date a letter bears: a line near the top holding a full date and nothing else
    ("30 January 2024", "Date: 30/01/2024", "Published 8 May 2025"), as letters and pages are
    laid out."""
    offset = 0
    for number, line in enumerate(text.split("\n")):
        if number >= _DATE_LINE_REACH:
            break
        match = _DATE_LINE.match(line)
        if match and line.strip():
            found = find_dates(match["date"])
            if len(found) == 1 and found[0].text == match["date"] and found[0].precision == "day":
                start = offset + match.start("date")
                date = found[0]
                return FoundDate(
                    start,
                    start + len(date.text),
                    date.text,
                    date.year,
                    date.month,
                    date.day,
                    date.confidence,
                    date.form,
                )
        offset += len(line) + 1
    return None
