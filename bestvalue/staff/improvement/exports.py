"""Downloads of an authority's improvement record: each part as CSV, all parts as one Excel
workbook (improvement.exports decides the rows), and the progress report as PDF and Word."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_safe

from bestvalue.core import clock
from bestvalue.core.spreadsheets import CSV_TYPE, XLSX_TYPE, csv_lines, xlsx_bytes
from bestvalue.improvement import exports
from bestvalue.improvement.report_document import progress_document
from bestvalue.letters.reports import render_report_docx, render_report_pdf
from bestvalue.staff.improvement.common import authority_for, found
from bestvalue.staff.improvement.workspace import progress_report, report_for_period

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _private(response: HttpResponse | StreamingHttpResponse) -> None:
    # The record may hold what is not yet published: never kept by a shared cache.
    response["Cache-Control"] = "private, no-store"


@require_safe
def export_csv(request: HttpRequest, gss_code: str, part: str) -> StreamingHttpResponse:
    authority = authority_for(request, gss_code)
    table = found(exports.table(authority, part, today=clock.today()))
    response = StreamingHttpResponse(csv_lines(table.headings, table.rows()), content_type=CSV_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="improvement-{authority.gss_code}-{table.key}.csv"'
    )
    _private(response)
    return response


@require_safe
def export_xlsx(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = authority_for(request, gss_code)
    sheets = [
        (t.title, t.headings, t.rows()) for t in exports.tables(authority, today=clock.today())
    ]
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="improvement-{authority.gss_code}.xlsx"'
    )
    _private(response)
    return response


def _progress_file(request: HttpRequest, gss_code: str, fmt: str) -> HttpResponse:
    """The progress report for the period asked for, as PDF or Word; a refused period shows the
    report's page with the error (400)."""
    authority = authority_for(request, gss_code)
    _form, result = report_for_period(request, authority)
    if result is None:
        return progress_report(request, gss_code)
    document = progress_document(result)
    render, content_type = (
        (render_report_pdf, "application/pdf") if fmt == "pdf" else (render_report_docx, DOCX_TYPE)
    )
    response = HttpResponse(render(document), content_type=content_type)
    name = f"progress-report-{authority.gss_code}-{result.end.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    _private(response)
    return response


@require_safe
def progress_pdf(request: HttpRequest, gss_code: str) -> HttpResponse:
    return _progress_file(request, gss_code, "pdf")


@require_safe
def progress_docx(request: HttpRequest, gss_code: str) -> HttpResponse:
    return _progress_file(request, gss_code, "docx")
