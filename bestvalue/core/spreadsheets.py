"""Writing tables of rows as CSV (a line at a time, for a streaming response) and as an Excel
workbook (openpyxl's write-only mode, which keeps one row in memory, not the sheet): one sheet
per table, a bold frozen header row, dates as dates and numbers as numbers. Text a spreadsheet
would take for a formula is written as text in both (core.csvcells)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from bestvalue.core.csvcells import safe_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
SHEET_TITLE_MAX = 31  # Excel's limit


class _Line:
    """A file-like object csv.writer writes one line into, handed back at once."""

    def write(self, text: str) -> str:
        return text


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return safe_cell(str(value))


def csv_lines(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The table as CSV lines (UTF-8 with a byte order mark, so Excel reads £ and accents)."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(list(headings))
    for row in rows:
        yield writer.writerow([_csv_text(v) for v in row])


def _xlsx_value(value: Any) -> Any:
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, Decimal):
        # Excel holds numbers as doubles; a whole Decimal stays an integer.
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def write_xlsx(
    sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]], out: IO[bytes]
) -> None:
    """Each (title, headings, rows) as a sheet of the workbook written to `out`."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headings, rows in sheets:
        sheet = book.create_sheet(title[:SHEET_TITLE_MAX])
        sheet.freeze_panes = "A2"
        header = []
        for heading in headings:
            cell = WriteOnlyCell(sheet, value=heading)
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for row in rows:
            # openpyxl gives date cells a date format, so they show as dates.
            sheet.append([_xlsx_value(v) for v in row])
    book.save(out)


def xlsx_bytes(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """The workbook's bytes: rows are written one at a time, so memory holds the compressed
    file, not the sheets (bench/README.md has the peak for the largest plan)."""
    out = io.BytesIO()
    write_xlsx(sheets, out)
    return out.getvalue()
