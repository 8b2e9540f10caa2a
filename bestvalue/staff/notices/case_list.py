"""The department's case list of notices (`/staff/notices/`): search, filters, sort, 50 a page,
and the same list as CSV or Excel. Drafts are in it, so it is for department staff only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bestvalue.accounts import permissions
from bestvalue.core import clock
from bestvalue.core.pagination import govuk_pagination, page_for
from bestvalue.core.spreadsheets import FORMATS, table_download
from bestvalue.notices import case_list
from bestvalue.staff.notices.case_list_forms import CaseListForm

PER_PAGE = 50


def _filtered(request: HttpRequest) -> tuple[CaseListForm, Any]:
    if not permissions.is_department(request.user):
        raise PermissionDenied("The case list is for the department.")
    form = CaseListForm(request.GET)
    if not form.is_valid():
        return form, None
    return form, case_list.case_list(form.filters(), today=clock.today())


@require_safe
def notice_list(request: HttpRequest) -> HttpResponse:
    form, notices = _filtered(request)
    context: dict[str, Any] = {"form": form, "query": request.GET.urlencode()}
    if notices is None:
        return render(request, "staff/notice_list.html", context, status=400)
    page = page_for(form, notices, per_page=PER_PAGE)
    if page is None:
        return render(request, "staff/notice_list.html", context, status=400)
    context.update(
        page=page,
        rows=case_list.case_rows(page.object_list, today=clock.today()),
        pagination=govuk_pagination(page, request.GET),
        download_query=_without_page(request),
    )
    return render(request, "staff/notice_list.html", context)


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_safe
def notice_list_download(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """Every notice the list shows with these filters and this order (all its pages), with the
    list's columns; the page number is ignored."""
    if fmt not in FORMATS:
        raise Http404("Download as csv or xlsx")
    form, notices = _filtered(request)
    if notices is None:
        return render(request, "staff/notice_list.html", {"form": form}, status=400)
    today = clock.today()
    rows = (case_list.case_row(n, today=today).cells() for n in notices.iterator(chunk_size=500))
    return table_download(
        fmt, name=f"notices-{today.isoformat()}", header=case_list.COLUMNS, rows=rows
    )
