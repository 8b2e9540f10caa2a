"""The publish step of an action, measure, evidence item or assurance statement: a page showing exactly what will be public beside what is public now, and the withdrawal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from bestvalue.improvement import content, permissions, selectors
from bestvalue.improvement.errors import PublicationChanged
from bestvalue.improvement.services import publication
from bestvalue.staff.improvement.common import (
    FORM_METHODS,
    allowed,
    found,
    url_for,
)

_PUBLISHABLE: dict[str, Callable[[int], Any]] = {
    "action": selectors.action_for_staff,
    "measure": selectors.measure_for_staff,
    "evidence": selectors.evidence_for_staff,
    "assurance": selectors.assurance_for_staff,
}


def _publish_page(
    request: HttpRequest, kind: str, item: Any, *, refusal: str = "", status: int = 200
) -> HttpResponse:
    """What will go public (the item's content now) beside what is public now, with the digest
    of what the publisher reads, so that what is published is what they read."""
    context = {
        "kind": kind,
        "item": item,
        "lines": content.comparison(kind, item),
        "digest": content.content_digest(kind, item),
        "back": _publish_landing(kind, item),
        "refusal": refusal,
    }
    return render(request, "improvement/publish.html", context, status=status)


def _publish_landing(kind: str, item: Any) -> str:
    if kind == "assurance":
        return url_for("board-meeting", pk=item.meeting_id)
    return url_for(f"improvement-{kind}", pk=item.pk)


@require_http_methods(FORM_METHODS)
def publish(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """The publish step. GET (or a POST without the digest read) shows exactly what will go
    public beside what is public now; a POST with `publish` 1 and that digest publishes it (or
    its changes); `publish` 0 withdraws it from publication."""
    if kind not in _PUBLISHABLE:
        raise Http404("No such kind of record")
    item = found(_PUBLISHABLE[kind](pk))
    allowed(permissions.can_publish(request.user, kind, item))
    if request.method != "POST":
        return _publish_page(request, kind, item)
    if request.POST.get("publish") == "0":
        publication.set_published(kind, item, by=request.user, published=False)
        messages.success(request, "Withdrawn from publication.")
        return redirect(_publish_landing(kind, item))
    digest = request.POST.get("digest", "")
    if not digest:
        return _publish_page(request, kind, item)
    try:
        publication.set_published(kind, item, by=request.user, published=True, digest_read=digest)
    except PublicationChanged as exc:
        fresh = found(_PUBLISHABLE[kind](pk))
        return _publish_page(request, kind, fresh, refusal=str(exc), status=409)
    messages.success(request, "Published. The public now sees what you checked.")
    return redirect(_publish_landing(kind, item))
