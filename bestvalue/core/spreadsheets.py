"""Tables as downloads, one writer for every list and export of the service: CSV a line at a time
(for a streaming response) and Excel workbooks (openpyxl's write-only mode, which keeps one row in
memory, not the sheet): one sheet per table, a bold frozen header row, dates as dates and numbers
as numbers. Text is always text: CSV cells pass through core.csvcells, workbook cells are typed as
strings, so neither can be read as a formula. Lists for signed-in users are never cached."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import IO, Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from bestvalue.core.csvcells import safe_cell

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
FORMATS = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE}
SHEET_TITLE_MAX = 31  # Excel's limit

Sheet = tuple[str, Sequence[str], Iterable[Sequence[Any]]]  # title, headings, rows


class _Line:
    """A file-like object csv.writer writes one line into, handed back at once."""

    def write(self, text: str) -> str:
        return text


def _csv_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return safe_cell(str(value))


def csv_lines(headings: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The table as CSV lines (UTF-8 with a byte order mark, so Excel reads £ and accents)."""
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield "\ufeff" + writer.writerow([_csv_text(h) for h in headings])
    for row in rows:
        yield writer.writerow([_csv_text(v) for v in row])


def _xlsx_cell(sheet: Any, value: Any, *, bold: Any = None) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, Decimal):
        # Excel holds numbers as doubles; a whole Decimal stays an integer.
        value = int(value) if value == value.to_integral_value() else float(value)
    elif isinstance(value, dt.datetime):
        value = timezone.localtime(value).replace(tzinfo=None)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever it starts with
    elif isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    if bold is not None:
        cell.font = bold
    return cell


def write_xlsx(sheets: Iterable[Sheet], out: IO[bytes]) -> None:
    """Each (title, headings, rows) as a sheet of the workbook written to `out`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, headings, rows in sheets:
        sheet = book.create_sheet(title[:SHEET_TITLE_MAX])
        sheet.freeze_panes = "A2"
        sheet.append([_xlsx_cell(sheet, h, bold=bold) for h in headings])
        for row in rows:
            sheet.append([_xlsx_cell(sheet, v) for v in row])
    book.save(out)


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The workbook's bytes: rows are written one at a time, so memory holds the compressed
    file, not the sheets (bench/README.md has the peak for the largest plan)."""
    out = io.BytesIO()
    write_xlsx(sheets, out)
    return out.getvalue()


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> Any:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    """One table as a streamed CSV attachment."""
    return _attachment(
        StreamingHttpResponse(csv_lines(header, rows), content_type=CSV_TYPE), filename
    )


def xlsx_download(
    filename: str, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """One table as a one-sheet Excel attachment."""
    data = xlsx_bytes([(title, header, rows)])
    return _attachment(HttpResponse(data, content_type=XLSX_TYPE), filename)


def table_download(
    fmt: str, *, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse | StreamingHttpResponse:
    """`rows` under `header` as `name.csv` or `name.xlsx` (`fmt` is a key of FORMATS)."""
    if fmt == "xlsx":
        return xlsx_download(f"{name}.xlsx", name[:SHEET_TITLE_MAX], header, rows)
    return csv_download(f"{name}.csv", header, rows)
