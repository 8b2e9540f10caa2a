"""What every list and read endpoint shares: bounded limit/offset pagination, refusing unknown
query parameters, and ETag/Last-Modified with 304 Not Modified."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.http import HttpRequest
from django.views.decorators.http import condition
from ninja.decorators import decorate_view

from bestvalue.api.errors import ApiError
from bestvalue.public.caching import public_changed_at, public_version

DEFAULT_LIMIT, MAX_LIMIT = 20, 100
PAGING = ("limit", "offset")


def refuse_unknown(request: HttpRequest, allowed: Iterable[str]) -> None:
    """A misspelt filter would otherwise be ignored and the caller given everything."""
    known = set(allowed) | set(PAGING)
    unknown = sorted(set(request.GET) - known)
    if unknown:
        raise ApiError(
            400,
            f"Unknown query parameter: {', '.join(unknown)}. Use {', '.join(sorted(known))}.",
            code="unknown_parameter",
            fields={name: ["Not a parameter of this endpoint."] for name in unknown},
        )


def _link(request: HttpRequest, offset: int) -> str:
    params = request.GET.copy()
    params["offset"] = str(offset)
    return request.build_absolute_uri(request.path + "?" + params.urlencode())


def page(
    request: HttpRequest, items: Any, paging: Any, serialise: Callable[[Any], Any]
) -> dict[str, Any]:
    """One page of `items` (a queryset or a list), as `paging` (the query's limit and offset)
    asks. An offset past the last item is a 400."""
    limit, offset = paging.limit, paging.offset
    count = (
        items.count() if hasattr(items, "count") and not isinstance(items, Sequence) else len(items)
    )
    if offset and offset >= count:
        raise ApiError(
            400,
            f"There are {count} items: choose an offset from 0 to {max(count - 1, 0)}.",
            code="offset_out_of_range",
            fields={"offset": [f"Must be less than {count}."]},
        )
    chosen = items[offset : offset + limit]
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next": _link(request, offset + limit) if offset + limit < count else None,
        "previous": _link(request, max(offset - limit, 0)) if offset else None,
        "items": [serialise(item) for item in chosen],
    }


def _etag(request: HttpRequest, *args: Any, **kwargs: Any) -> str:
    where = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    return f"{public_version(request)}-{where}"


def _last_modified(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
    return public_changed_at(request)


def conditional(func: Any) -> Any:
    """ETag and Last-Modified from the record's state (the last audit event), and 304 Not
    Modified when the caller already has this version: unchanged data is neither rebuilt nor
    sent again."""
    return decorate_view(condition(etag_func=_etag, last_modified_func=_last_modified))(func)
