"""Service-wide pages: the start page, the accessibility statement, cookies, data sources, health."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


@require_safe
@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require_safe
@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_safe
@login_not_required
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html")


@require_safe
@login_not_required
def data_sources(request: HttpRequest) -> HttpResponse:
    return render(request, "core/data_sources.html")


@require_safe
@login_not_required
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers: the app answers and its database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
