"""The public side of an authority's improvement: what the authority and its improvement board
have chosen to publish (plan actions, measures, evidence and assurance statements), as they were
when last published, and the published evidence files. improvement.public decides what is shown."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from bestvalue.authorities.selectors import current_gss_for_former
from bestvalue.core import clock, downloads
from bestvalue.improvement import public, selectors
from bestvalue.public.caching import public_cache


@require_safe
@login_not_required
@public_cache
def improvement(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = selectors.authority_for_improvement(gss_code)
    if authority is None:
        current = current_gss_for_former(gss_code)
        if current:
            return redirect("register:improvement", gss_code=current, permanent=True)
        raise Http404(f"No authority has the GSS code {gss_code}")
    record = public.public_record(authority, today=clock.today())
    return render(request, "register/improvement.html", {"authority": authority, "record": record})


@require_safe
@login_not_required
def evidence_download(request: HttpRequest, gss_code: str, pk: int) -> HttpResponseBase:
    """A published evidence file, as uploaded: served only after its SHA-256 digest is checked,
    as an attachment that is never sniffed. Withdrawn from publication, it is not found."""
    item = selectors.published_evidence_file(gss_code, pk)
    if item is None:
        raise Http404("No published evidence file has that address")
    return downloads.uploaded_attachment(request, item, cache="no-cache")
