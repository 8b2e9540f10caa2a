"""Open data pages and downloads: every view here is public and read-only. Downloads stream and
carry an ETag and Last-Modified from the record's state, so unchanged data is not sent again."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import condition, require_safe

from bestvalue.core.csvcells import safe_row
from bestvalue.public.caching import public_cache, public_changed_at, public_version
from bestvalue.register.opendata import filtered, writers
from bestvalue.register.opendata.datasets import DATASETS
from bestvalue.register.register_views import feed_links


def _base(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _schema_url(request: HttpRequest, dataset: str) -> str:
    return request.build_absolute_uri(
        reverse("register:dataset-schema", kwargs={"dataset": dataset})
    )


def _etag(request: HttpRequest, dataset: str, fmt: str = "") -> str:
    # A filtered download is another file: its query string is part of its version.
    asked = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    return f"{public_version(request)}-{dataset}-{fmt}-{asked}"


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    return public_changed_at(request)


@require_safe
@login_not_required
@public_cache
def open_data(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "register/open_data.html",
        {
            "datasets": DATASETS.values(),
            "feeds": feed_links(),
            "licence": writers.LICENCE,
            "licence_url": writers.LICENCE_URL,
            "attribution": writers.ATTRIBUTION,
        },
    )


@require_safe
@login_not_required
@public_cache
def dataset_page(request: HttpRequest, dataset: str) -> HttpResponse:
    """The column dictionary of one dataset, with its downloads."""
    data = DATASETS[dataset]
    return render(
        request, "register/dataset.html", {"dataset": data, "type_words": writers.TYPE_WORDS}
    )


@require_safe
@login_not_required
@condition(etag_func=_etag, last_modified_func=_last_modified)
def download(request: HttpRequest, dataset: str, fmt: str) -> HttpResponse | StreamingHttpResponse:
    """The dataset, or (notices and interventions) the rows the register shows with the same
    filters. A filter that cannot be honoured is a 400 saying why, never ignored."""
    data = DATASETS[dataset]
    try:
        objects, filters = filtered.selection(data, request.GET)
    except filtered.Refused as exc:
        if fmt == "json":
            return JsonResponse({"error": str(exc)}, status=400)
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    if fmt == "csv":
        chunks = writers.csv_chunks(data, _base(request), objects)
    else:
        chunks = writers.json_chunks(
            data, _base(request), _schema_url(request, dataset), objects, filters
        )
    response = StreamingHttpResponse(chunks, content_type=writers.FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="best-value-{dataset}.{fmt}"'
    return response


@require_safe
@login_not_required
@condition(etag_func=_etag, last_modified_func=_last_modified)
def dataset_schema(request: HttpRequest, dataset: str) -> HttpResponse:
    schema = writers.json_schema(DATASETS[dataset], _schema_url(request, dataset))
    return HttpResponse(
        json.dumps(schema, indent=2, ensure_ascii=False), content_type="application/schema+json"
    )


@require_safe
@login_not_required
@condition(etag_func=_etag, last_modified_func=_last_modified)
def dataset_columns(request: HttpRequest, dataset: str) -> HttpResponse:
    """The column dictionary as a CSV file."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(
        safe_row(row) for row in writers.column_dictionary(DATASETS[dataset])
    )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="best-value-{dataset}-columns.csv"'
    return response
