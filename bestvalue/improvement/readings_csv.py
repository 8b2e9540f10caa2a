"""Reading a measure's readings from a CSV file. Pure: bytes in, rows or every problem out.

The file has a heading line naming the columns date, value and source (in any order; other
columns are ignored). Dates are 2024-03-31 or 31/03/2024; values are plain numbers. A file with
any bad line is refused whole, each problem named with its line number, so that a half-imported
file never leaves a measure's history half-right.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from bestvalue.core.dates import uk_date as uk
from bestvalue.improvement.rules import reading_date_refusal
from bestvalue.improvement.tabular import ImportRefused, decode_csv

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
INTEGER_DIGITS, DECIMAL_PLACES = 10, 4
COLUMNS = ("date", "value", "source")
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


@dataclass(frozen=True)
class ReadingRow:
    line: int
    taken_on: dt.date
    value: Decimal
    source: str


# The readings' refusal is the one every import gives (tabular.ImportRefused): pages show its
# problems the same way.
ReadingsRefused = ImportRefused


def parse_date(text: str) -> dt.date | None:
    text = text.strip()
    try:
        if match := _UK_DATE.match(text):
            day, month, year = (int(part) for part in match.groups())
            return dt.date(year, month, day)
        if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
            return dt.date.fromisoformat(text)
    except ValueError:
        return None
    return None


def parse_value(text: str) -> Decimal | str:
    """The value, or why it is not one (in words for the page)."""
    text = text.strip()
    if not text:
        return "enter the value"
    if not _NUMBER.match(text):
        return f"enter the value as a plain number such as 1234.5 (no commas, units or spaces), not {text!r}"
    try:
        value = Decimal(text)
    except InvalidOperation:
        return f"enter the value as a plain number, not {text!r}"
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(fraction) > DECIMAL_PLACES:
        return f"the value {text} has more than {DECIMAL_PLACES} decimal places"
    if len(whole.lstrip("0")) > INTEGER_DIGITS:
        return f"the value {text} is too large"
    return value


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ReadingsRefused(
            ["The file is empty: choose a CSV file with a heading line and readings."]
        )
    if len(data) > MAX_BYTES:
        raise ReadingsRefused(
            [f"The file is larger than {MAX_BYTES // 1024:,} KB: split it into smaller files."]
        )
    return decode_csv(data)


def _row(
    line: int, cells: dict[str, str], today: dt.date, baseline_on: dt.date | None
) -> ReadingRow | list[str]:
    problems = []
    raw_date = cells.get("date", "").strip()
    taken_on = parse_date(raw_date)
    if not raw_date:
        problems.append(f"Line {line}: enter the date of the reading.")
    elif taken_on is None:
        problems.append(
            f"Line {line}: enter the date as a real date like 2024-03-31 or 31/03/2024, not {raw_date!r}."
        )
    elif refusal := reading_date_refusal(taken_on, baseline_on=baseline_on, today=today):
        problems.append(f"Line {line}: {refusal}.")
    value = parse_value(cells.get("value", ""))
    if isinstance(value, str):
        problems.append(f"Line {line}: {value}.")
    source = cells.get("source", "").strip()
    if not source:
        problems.append(f"Line {line}: enter the source of the reading.")
    elif len(source) > 300:
        problems.append(f"Line {line}: the source must be 300 characters or fewer.")
    if problems or taken_on is None or isinstance(value, str):
        return problems
    return ReadingRow(line, taken_on, value, source)


def _heading(reader: Any) -> list[str]:
    try:
        heading = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error):
        raise ReadingsRefused(
            ["The file has no heading line: the first line must be date,value,source."]
        ) from None
    missing = [c for c in COLUMNS if c not in heading]
    if missing:
        raise ReadingsRefused(
            [
                "Line 1: the heading line must name the columns date, value and source; it has "
                f"no {', '.join(missing)} column."
            ]
        )
    return heading


def _repeated_dates(dated: list[tuple[int, dt.date]], taken: frozenset[dt.date]) -> list[str]:
    """A date given twice in the file (on any line with a real date, even one with another
    problem), or a date the measure already has a reading for."""
    first: dict[dt.date, int] = {}
    problems = []
    for line, taken_on in dated:
        if taken_on in taken:
            problems.append(f"Line {line}: there is already a reading for {uk(taken_on)}.")
        elif taken_on in first:
            problems.append(
                f"Line {line}: there is already a reading for {uk(taken_on)} on line "
                f"{first[taken_on]}."
            )
        else:
            first[taken_on] = line
    return problems


def parse_readings(
    data: bytes,
    *,
    today: dt.date,
    baseline_on: dt.date | None = None,
    taken: frozenset[dt.date] = frozenset(),
) -> list[ReadingRow]:
    """Every reading in the file, or ReadingsRefused listing every problem found in one pass (a
    date is checked by rules.reading_date_refusal, as the form's is; `taken` are the dates that
    already have a reading)."""
    reader = csv.reader(io.StringIO(_decode(data), newline=""))
    heading = _heading(reader)
    rows: list[ReadingRow] = []
    problems: list[str] = []
    dated: list[tuple[int, dt.date]] = []
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if len(dated) + len(problems) >= MAX_ROWS:
                raise ReadingsRefused(
                    [f"The file has more than {MAX_ROWS:,} readings: split it into smaller files."]
                )
            cells_by_heading = dict(zip(heading, cells, strict=False))
            if on := parse_date(cells_by_heading.get("date", "")):
                dated.append((reader.line_num, on))
            result = _row(reader.line_num, cells_by_heading, today, baseline_on)
            if isinstance(result, list):
                problems.extend(result)
            else:
                rows.append(result)
    except csv.Error as exc:
        problems.append(f"Line {reader.line_num}: the line is not valid CSV ({exc}).")
    problems.extend(_repeated_dates(dated, taken))
    problems.sort(key=_line_number)
    if problems:
        raise ReadingsRefused(problems)
    if not rows:
        raise ReadingsRefused(["The file has a heading line but no readings."])
    return rows


def _line_number(problem: str) -> int:
    match = re.match(r"^Line (\d+)", problem)
    return int(match.group(1)) if match else 0
