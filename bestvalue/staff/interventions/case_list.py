"""The department's case list of interventions (issue 17, point 1): search, filters, sort, 50 to
a page, and the same list as CSV or Excel. Drafts are listed: the page is the department's."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from bestvalue.core import clock
from bestvalue.core.pagination import PageOutOfRange, govuk_pagination, paginate
from bestvalue.core.spreadsheets import FORMATS, table_download
from bestvalue.interventions import due
from bestvalue.interventions.selectors.cases import CASE_HEADER, case_rows, cases
from bestvalue.staff.interventions.common import Can, department_only
from bestvalue.staff.interventions.list_forms import CaseListForm


@require_safe
def intervention_list(request: HttpRequest) -> HttpResponse:
    department_only(request)
    form = CaseListForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "can": Can(request.user),
        "rows": [],
        "head": [{"text": h} for h in CASE_HEADER],
    }
    if not form.is_valid():
        return render(request, "interventions/staff_list.html", context, status=400)
    today = clock.today()
    try:
        page = paginate(cases(form.filters(), today=today), form.cleaned_data["page"] or 1)
    except PageOutOfRange as exc:
        form.add_error("page", str(exc))
        return render(request, "interventions/staff_list.html", context, status=400)
    context.update(
        rows=case_rows(page.object_list, today=today, obligations=due.obligations(today=today)),
        page=page,
        pagination=govuk_pagination(page, request.GET),
        downloads={fmt: _download_url(request, fmt) for fmt in FORMATS},
    )
    return render(request, "interventions/staff_list.html", context)


@require_safe
def intervention_list_download(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Every row the list shows for these filters, in its order, on every page."""
    department_only(request)
    if fmt not in FORMATS:
        raise Http404("Download the list as csv or xlsx")
    form = CaseListForm(request.GET)
    if not form.is_valid():
        return render(
            request, "interventions/staff_list.html", {"form": form, "rows": []}, status=400
        )
    today = clock.today()
    rows = case_rows(
        cases(form.filters(), today=today), today=today, obligations=due.obligations(today=today)
    )
    return table_download(
        fmt, name="interventions", header=CASE_HEADER, rows=[r.cells() for r in rows]
    )


def _download_url(request: HttpRequest, fmt: str) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    url = reverse("staff:interventions-download", kwargs={"fmt": fmt})
    return f"{url}?{query.urlencode()}" if query else url
