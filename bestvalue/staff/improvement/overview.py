"""The overview of an authority's improvement (issue 18.3): for the department, the authority's
officers and the members of its board (bestvalue.improvement.overview builds it)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from bestvalue.core import clock
from bestvalue.improvement import overview as build
from bestvalue.staff.improvement.common import authority_for


@require_safe
def overview(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = authority_for(request, gss_code)
    view = build.overview(authority, today=clock.today())
    return render(request, "improvement/overview.html", {"view": view})
