"""A table (a header and rows of cells) as a download: CSV streamed a row at a time, or an Excel
workbook written by openpyxl. Text is always text: CSV cells pass through csvcells.safe_cell and
workbook cells are typed as strings, so neither can be read as a formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from bestvalue.core.csvcells import safe_row

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Line:
    def write(self, text: str) -> str:
        return text


def _text(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _csv_lines(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    yield writer.writerow(list(header))
    for row in rows:
        yield writer.writerow(safe_row([_text(v) for v in row]))


def _attachment(response: HttpResponse | StreamingHttpResponse, filename: str) -> Any:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def csv_download(
    filename: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> StreamingHttpResponse:
    lines = _csv_lines(header, rows)
    return _attachment(
        StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8"), filename
    )


def _cell(sheet: Any, value: Any) -> Any:
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).replace(tzinfo=None)
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever it starts with
    elif isinstance(value, dt.datetime):
        cell.number_format = "yyyy-mm-dd hh:mm"
    elif isinstance(value, dt.date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def xlsx_download(
    filename: str, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append([_cell(sheet, h) for h in header])
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return _attachment(HttpResponse(out.getvalue(), content_type=XLSX), filename)
