"""The public letter views: an issued letter's stored bytes, exactly as issued.

It lives here, not in the register interface, because the register's URLs are another team's:
bestvalue/urls.py includes letters/public_urls.py. It only calls the selector that applies the
publication rule, so drafts are never served."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.http import require_safe

from bestvalue.core import downloads
from bestvalue.letters.models import IssuedLetter
from bestvalue.letters.selectors import published_letter, published_minded_to_letter


@login_not_required
@require_safe
def issued_letter(request: HttpRequest, reference: str, kind: str, fmt: str) -> HttpResponseBase:
    letter = published_letter(reference, kind, fmt)
    if letter is None:
        raise Http404("No letter of that kind has been issued for this notice")
    return _serve(request, letter, f"{reference}-{kind}.{fmt}")


@login_not_required
@require_safe
def issued_letter_version(
    request: HttpRequest, reference: str, kind: str, version: int, fmt: str
) -> HttpResponseBase:
    """One version of a letter, kept as issued: a corrected letter supersedes, never replaces."""
    letter = published_letter(reference, kind, fmt, version)
    if letter is None:
        raise Http404("No letter of that kind and version has been issued for this notice")
    return _serve(request, letter, f"{reference}-{kind}-v{version}.{fmt}")


@login_not_required
@require_safe
def issued_minded_to_letter(
    request: HttpRequest, reference: str, position: int, fmt: str
) -> HttpResponseBase:
    letter = published_minded_to_letter(reference, position, fmt)
    if letter is None:
        raise Http404("No minded-to letter has been issued at that address")
    return _serve(request, letter, f"{reference}-minded-to-{position}.{fmt}")


def _serve(request: HttpRequest, letter: IssuedLetter, filename: str) -> HttpResponseBase:
    """The letter exactly as issued: never served if its bytes no longer match its digest."""
    return downloads.verified_attachment(
        request,
        letter.file,
        sha256=letter.sha256,
        filename=filename,
        content_type=letter.media_type,
        cache="public, max-age=86400",
        whole=True,
    )
