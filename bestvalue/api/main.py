"""The JSON API, version 1: one NinjaAPI with the public read router and the token-only write
router. Its OpenAPI 3 document is at /api/v1/openapi.json; ninja's own docs page is switched off
(it loads JavaScript from a CDN, which the CSP and offline machines block) and /api/ describes the
endpoints instead, rendered on the server from the same document."""

from __future__ import annotations

from typing import Any

from django.shortcuts import redirect
from django.urls import URLPattern
from ninja import NinjaAPI

from bestvalue.api import errors, read, write

DESCRIPTION = (
    "The public register of best value notices, inspections and interventions in England's "
    "local authorities. Reads are open to anyone; writes need a department user's personal API "
    'token. Every error has one shape: {"error": {"code", "message", "fields"}}.'
)

api = NinjaAPI(
    title="Best value oversight API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",  # included under the "api" namespace (bestvalue/api/urls.py)
    docs_url=None,
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("/", read.router)
api.add_router("/", write.router)


def _root(request: Any, **kwargs: Any) -> Any:
    return redirect("api:docs")


def url_patterns() -> tuple[list[Any], str, str]:
    """The API's URL patterns, marked public for LoginRequiredMiddleware (reads need no sign-in;
    writes check their token), and with its root sending people to the docs page."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if isinstance(pattern, URLPattern):
            if pattern.name == "api-root":
                pattern.callback = _root
            pattern.callback.login_required = False  # type: ignore[attr-defined]
    return patterns, app_name, namespace
