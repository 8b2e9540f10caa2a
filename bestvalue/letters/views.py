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
from bestvalue.letters.kinds import DIRECTIONS_KINDS, LetterKind
from bestvalue.letters.models import IssuedLetter
from bestvalue.letters.selectors import published_letter, published_step_letter

STEP_KINDS = (LetterKind.MINDED_TO, *DIRECTIONS_KINDS)


@login_not_required
@require_safe
def issued_letter(
    request: HttpRequest, reference: str, kind: str, fmt: str, version: int | None = None
) -> HttpResponseBase:
    """An issued letter of a notice: its latest version, or the `version` named (a corrected
    letter supersedes, never replaces, the earlier one, which stays available)."""
    letter = published_letter(reference, kind, fmt, version)
    if letter is None:
        raise Http404("No letter of that kind (and version) has been issued for this notice")
    suffix = f"-v{version}" if version is not None else ""
    return _serve(request, letter, f"{reference}-{kind}{suffix}.{fmt}")


@login_not_required
@require_safe
def issued_step_letter(
    request: HttpRequest, reference: str, kind: str, position: int, fmt: str
) -> HttpResponseBase:
    """An issued letter of an intervention's step: minded-to, directions or exit."""
    letter = published_step_letter(reference, kind, position, fmt)
    if letter is None or kind not in STEP_KINDS:
        raise Http404("No letter of that kind has been issued at that address")
    return _serve(request, letter, f"{reference}-{kind}-{position}.{fmt}")


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
