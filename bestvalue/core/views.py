"""Service-wide pages: the start page, the accessibility statement, cookies, data sources, health."""

from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


def _page(template: str) -> Callable[[HttpRequest], HttpResponse]:
    """A page with no data of its own, open to everyone."""

    @require_safe
    @login_not_required
    def view(request: HttpRequest) -> HttpResponse:
        return render(request, template)

    return view


home = _page("core/home.html")
accessibility = _page("core/accessibility.html")
cookies = _page("core/cookies.html")
data_sources = _page("core/data_sources.html")


@require_safe
@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the app answers and its database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
