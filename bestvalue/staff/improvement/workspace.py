"""Where improvement work starts: the department's list of authorities, an authority's workspace, and its progress report for a period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from bestvalue.accounts import permissions as roles
from bestvalue.core import clock
from bestvalue.core.pagination import PageOutOfRange, govuk_pagination, paginate
from bestvalue.improvement import permissions, report, selectors
from bestvalue.staff.improvement import forms as f
from bestvalue.staff.improvement.common import (
    authority_for,
    found,
)

INDEX_PER_PAGE = 50


@require_safe
def improvement_index(request: HttpRequest) -> HttpResponse:
    """The department's list of authorities' improvement records; others go to their own."""
    home = permissions.improvement_home_for(request.user)
    if home is None:
        raise PermissionDenied(
            "Improvement records are for the department, authorities and boards."
        )
    kind, pk = home
    if kind == "authority":
        return redirect("staff:improvement", gss_code=found(selectors.authority_by_id(pk)).gss_code)
    if kind == "board":
        return redirect("staff:board", pk=pk)
    number = request.GET.get("page", "1")
    try:
        # A list page, so it pages (at 100 times the record, 300 authorities: bench/README.md).
        page = paginate(
            selectors.authorities_under_notice(),
            int(number) if number.isdigit() else 0,
            per_page=INDEX_PER_PAGE,
        )
    except PageOutOfRange as exc:
        raise Http404(str(exc)) from None
    context = {"page": page, "pagination": govuk_pagination(page, request.GET)}
    return render(request, "improvement/index.html", context)


@require_safe
def workspace(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = authority_for(request, gss_code)
    return render(
        request,
        "improvement/workspace.html",
        {
            "space": selectors.workspace(authority, today=clock.today()),
            "can_edit": permissions.can_edit_authority(request.user, authority.pk),
            "reading_as_board": roles.can_assure_authority(request.user, authority.pk),
        },
    )


def report_for_period(request: HttpRequest, authority: Any) -> tuple[f.PeriodForm, Any]:
    """The period asked for (by default, from the notice's issue to today) and its report, or
    None when the period is refused (the form says why)."""
    today = clock.today()
    notice = selectors.current_notice(authority.pk)
    start = notice.issued_on if notice and notice.issued_on else today - dt.timedelta(days=90)
    form = f.PeriodForm(request.GET or None, initial={"from": start, "to": today})
    if form.is_bound and form.is_valid():
        start, today = form.cleaned_data["from"], form.cleaned_data["to"]
    result = None if form.errors else report.progress_report(authority, start=start, end=today)
    return form, result


@require_safe
def progress_report(request: HttpRequest, gss_code: str) -> HttpResponse:
    """The report for a period, per expectation, with links to download it as PDF and Word."""
    authority = authority_for(request, gss_code)
    form, result = report_for_period(request, authority)
    return render(
        request,
        "improvement/progress_report.html",
        {"form": form, "report": result, "authority": authority},
        status=400 if form.errors else 200,
    )
