"""Caching of public pages and feeds for people who are not signed in.

The cache key carries the published record's version (the last audit event that is not a private
action: its sequence and hash) and today's date, and every change goes through a service that
records an event, so a published change anywhere makes every cached page stale at once; the
timeout (PUBLIC_CACHE_SECONDS, a day) and the cache's entry limit only bound memory. Requests with a
session cookie or an Authorization header are never cached, so nobody is served a page rendered
for someone else (messages, sign-in state, an API token's user), and a response that sets a
cookie is never stored.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from bestvalue.accounts import services as account_services
from bestvalue.alerts import rules as alert_rules
from bestvalue.audit.selectors import RecordState, record_state
from bestvalue.core import clock
from bestvalue.improvement import public as improvement_public
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.notices import approval as notice_approval
from bestvalue.reminders import rules as reminder_rules

View = Callable[..., HttpResponse]
# Every audit action that never changes what the public sees, as each domain declares them:
# drafts, sending for approval, accounts, reminders and alerts.
PRIVATE_ACTIONS = (
    notice_approval.PRIVATE_ACTIONS
    | intervention_selectors.PRIVATE_ACTIONS
    | improvement_public.PRIVATE_ACTIONS
    | account_services.PRIVATE_ACTIONS
    | reminder_rules.PRIVATE_ACTIONS
    | alert_rules.PRIVATE_ACTIONS
)
_KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Last-Modified", "ETag", "Vary")


def current_state(request: HttpRequest) -> RecordState:
    """The published record's state, read once per request: drafting and sending for approval
    leave it alone, so an unapproved draft never changes a public page, ETag or Last-Modified."""
    state = getattr(request, "_bestvalue_record_state", None)
    if state is None:
        state = record_state(excluding_actions=PRIVATE_ACTIONS)
        request._bestvalue_record_state = state  # type: ignore[attr-defined]
    return state


def public_version(request: HttpRequest) -> str:
    """The version of what the public sees: the record's state and today's date, because a
    notice's or an intervention's status changes with the day (its period or its directions
    end) without any event being recorded."""
    return f"{current_state(request).version}-{clock.today():%Y%m%d}"


def public_changed_at(request: HttpRequest) -> dt.datetime | None:
    """When what the public sees last changed: the last event, or the start of today (when
    statuses may have moved on with the date), whichever is later."""
    changed = current_state(request).changed_at
    midnight = timezone.make_aware(dt.datetime.combine(clock.today(), dt.time.min))
    return midnight if changed is None or changed < midnight else changed


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PUBLIC_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
        and not request.user.is_authenticated
    )


def _key(request: HttpRequest) -> str:
    where = f"{request.get_host()} {request.get_full_path()}"
    digest = hashlib.sha256(where.encode()).hexdigest()
    return f"public-page:{public_version(request)}:{digest}"


def _stored(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    return {
        "status": response.status_code,
        "content": response.content,
        "headers": {h: response[h] for h in _KEPT_HEADERS if h in response},
        # The page carries this request's CSP nonce; a replay swaps in the new request's own.
        "nonce": getattr(request, "_csp_nonce", None),
    }


def _replayed(request: HttpRequest, stored: dict[str, Any]) -> HttpResponse:
    content: bytes = stored["content"]
    if stored["nonce"]:
        content = content.replace(stored["nonce"].encode(), str(request.csp_nonce).encode())  # type: ignore[attr-defined]
    response = HttpResponse(content, status=stored["status"])
    for header, value in stored["headers"].items():
        response[header] = value
    return response


def public_cache(view: View) -> View:
    """Serve anonymous GET and HEAD requests from the cache while the record is unchanged."""

    @wraps(view)
    def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            return _replayed(request, stored)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies and not response.streaming:
            cache.set(key, _stored(request, response), settings.PUBLIC_CACHE_SECONDS)
        return response

    return cached_view
