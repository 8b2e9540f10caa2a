"""Evidence pages: add a file or a link, read it, and download the file (as an attachment only)."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_http_methods, require_safe

from bestvalue.core import downloads
from bestvalue.improvement import selectors
from bestvalue.improvement.services import evidence
from bestvalue.staff.improvement import forms as f
from bestvalue.staff.improvement.common import (
    FORM_METHODS,
    RecordPage,
    authority_for,
    detail_page,
    owned,
    posted,
)


@require_http_methods(FORM_METHODS)
def evidence_new(request: HttpRequest, gss_code: str) -> HttpResponse:
    authority = authority_for(request, gss_code, edit=True)
    options = {
        "action_ids": selectors.action_choices(authority.pk),
        "expectation_ids": selectors.expectation_choices(authority.pk),
        "review_ids": selectors.review_choices(authority.pk),
    }
    form = f.EvidenceForm(*posted(request), options=options)

    def save(data: dict[str, Any]) -> Any:
        upload, url = data.pop("file", None), data.pop("url", "")
        if upload is not None:
            return evidence.add_evidence_file(authority, by=request.user, upload=upload, **data)
        return evidence.add_evidence_link(authority, by=request.user, url=url, **data)

    return RecordPage("improvement/evidence_form.html", shows="improvement-evidence").page(
        request,
        {"form": form, "authority": authority, "max_mb": evidence.max_bytes() // (1024 * 1024)},
        save=save,
        success="Evidence added.",
        error_field="file",
    )


@require_safe
def evidence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = owned(request, selectors.evidence_for_staff(pk))
    return detail_page(request, "improvement/evidence_detail.html", "item", item)


@require_safe
def evidence_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The file, as an attachment only (never shown in the browser, never sniffed as another type),
    once its digest is checked."""
    item = owned(request, selectors.evidence_for_staff(pk))
    if not item.is_file:
        raise Http404("This evidence is a link, not a file")
    return downloads.uploaded_attachment(request, item, cache="private, no-store")
