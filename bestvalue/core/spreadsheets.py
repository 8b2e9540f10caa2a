"""A table of text as a download, in CSV or Excel: the same header and rows in both, every cell
safe from spreadsheet formulas (core.csvcells), never cached (lists for signed-in users)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from django.http import HttpResponse
from openpyxl import Workbook

from bestvalue.core.csvcells import safe_row

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_download(
    fmt: str, *, name: str, header: Sequence[str], rows: Sequence[Sequence[str]]
) -> HttpResponse:
    """`rows` under `header` as `name.csv` or `name.xlsx` (`fmt` is a key of FORMATS)."""
    cells = [safe_row(list(header)), *(safe_row(list(row)) for row in rows)]
    response = HttpResponse(_xlsx(cells, title=name) if fmt == "xlsx" else _csv(cells))
    response["Content-Type"] = FORMATS[fmt]
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _csv(cells: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(cells)
    return out.getvalue().encode("utf-8")


def _xlsx(cells: list[list[str]], *, title: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    for row in cells:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
