"""The audit log's published checkpoints: a page saying what they are and how to check them, and
the JSON list to keep copies of. Public and read-only; no part of the log itself is shown."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import condition, require_safe

from bestvalue.audit.checkpoints import as_published
from bestvalue.audit.selectors import published_checkpoints

PAGE_LIMIT = 30


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    # Checkpoints are only ever added, so the newest and the count say whether the list changed.
    newest = published_checkpoints().values_list("id", flat=True).first()
    return f"checkpoints-{newest or 0}-{published_checkpoints().count()}"


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    return published_checkpoints().values_list("recorded_at", flat=True).first()


@require_safe
@login_not_required
@condition(etag_func=_etag, last_modified_func=_last_modified)
def checkpoints_json(request: HttpRequest) -> HttpResponse:
    """Every checkpoint, newest first: [{"sequence", "hash", "recorded_at"}, ...]."""
    data = [as_published(c) for c in published_checkpoints()]
    response = HttpResponse(
        json.dumps(data, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
@login_not_required
def audit_page(request: HttpRequest) -> HttpResponse:
    """What the checkpoints are, the latest of them, and how to keep copies and verify."""
    checkpoints = list(published_checkpoints()[: PAGE_LIMIT + 1])
    return render(
        request,
        "register/audit.html",
        {
            "checkpoints": checkpoints[:PAGE_LIMIT],
            "more": len(checkpoints) > PAGE_LIMIT,
            "json_url": request.build_absolute_uri(reverse("audit-checkpoints")),
        },
    )
