"""Reading a table from an uploaded CSV or Excel file: bytes in, a heading and numbered lines of
cells out, or every problem with the file. Pure: no database, no clock.

What the lines mean (readings, plan actions) is checked by readings_csv and action_import, which
name each problem by its line and column, so one upload shows every problem at once.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
MAX_PROBLEMS_SHOWN = 30
XLSX_MAGIC = b"PK\x03\x04"


class ImportRefused(ValueError):
    """The file is refused; `problems` lists each reason, with its line (and column) where it has
    one. Nothing from the file was written."""

    def __init__(self, problems: list[str]) -> None:
        shown = problems[:MAX_PROBLEMS_SHOWN]
        if len(problems) > len(shown):
            shown.append(f"And {len(problems) - len(shown)} more problems.")
        self.problems = shown
        super().__init__("Nothing was imported. " + " ".join(shown))


@dataclass(frozen=True)
class Line:
    number: int  # as the spreadsheet numbers it: the heading is line 1
    cells: dict[str, str]  # by lower-case heading; values as text (dates as ISO)


def decode_csv(data: bytes) -> str:
    """A CSV file's text: UTF-8, with or without a byte order mark (as Excel saves 'CSV UTF-8')."""
    if b"\x00" in data:
        raise ImportRefused(
            ["The file is not a CSV file: save it from your spreadsheet as 'CSV UTF-8'."]
        )
    try:
        return (
            data.decode("utf-8-sig") if data.startswith(codecs.BOM_UTF8) else data.decode("utf-8")
        )
    except UnicodeDecodeError:
        raise ImportRefused(
            [
                "The file is not saved as UTF-8: save it from your spreadsheet as 'CSV UTF-8' "
                "and try again."
            ]
        ) from None


def _text(value: Any) -> str:
    """An Excel cell as the text a CSV would hold: dates as 2024-03-31, whole numbers without .0."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format(Decimal(str(value)), "f")
    return str(value)


def _csv_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(decode_csv(data), newline=""))
    try:
        for cells in reader:
            yield reader.line_num, cells
    except csv.Error as exc:
        raise ImportRefused(
            [f"Line {reader.line_num}: the line is not valid CSV ({exc})."]
        ) from None


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportRefused(
            ["The file is not an Excel workbook (.xlsx) that can be read."]
        ) from None
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
            yield number, [_text(v) for v in row]
    finally:
        book.close()


def read_table(data: bytes, *, columns: tuple[str, ...]) -> list[Line]:
    """The file's lines (blank ones skipped) under a heading that names every one of `columns`
    (in any order; other columns are ignored). An Excel file is read from its first sheet."""
    if not data.strip():
        raise ImportRefused(["The file is empty: choose a file with a heading line and rows."])
    if len(data) > MAX_BYTES:
        raise ImportRefused(
            [f"The file is larger than {MAX_BYTES // 1024:,} KB: split it into smaller files."]
        )
    rows = _xlsx_rows(data) if data.startswith(XLSX_MAGIC) else _csv_rows(data)
    first = next(rows, None)
    heading = [h.strip().lower() for h in first[1]] if first else []
    missing = [c for c in columns if c not in heading]
    if missing:
        raise ImportRefused(
            [
                f"Line 1: the heading line must name the columns {', '.join(columns)}; it has "
                f"no {', '.join(missing)} column."
            ]
        )
    lines: list[Line] = []
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(lines) >= MAX_ROWS:
            raise ImportRefused(
                [f"The file has more than {MAX_ROWS:,} rows: split it into smaller files."]
            )
        lines.append(Line(number, dict(zip(heading, (c.strip() for c in cells), strict=False))))
    if not lines:
        raise ImportRefused(["The file has a heading line but no rows."])
    return lines
