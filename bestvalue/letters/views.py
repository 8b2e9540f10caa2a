"""The public letter views: an issued letter's stored bytes, exactly as issued.

It lives here, not in the register interface, because the register's URLs are another team's:
bestvalue/urls.py includes letters/public_urls.py. It only calls the selector that applies the
publication rule, so drafts are never served."""

from __future__ import annotations

import base64
import hashlib

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from bestvalue.letters.kinds import DIRECTIONS_KINDS, LetterKind
from bestvalue.letters.models import IssuedLetter
from bestvalue.letters.selectors import published_letter, published_step_letter

STEP_KINDS = (LetterKind.MINDED_TO, *DIRECTIONS_KINDS)


class TamperedLetter(Exception):
    """The stored file no longer matches the digest recorded when it was issued."""


@login_not_required
@require_safe
def issued_letter(
    request: HttpRequest, reference: str, kind: str, fmt: str, version: int | None = None
) -> HttpResponse:
    """An issued letter of a notice: its latest version, or the `version` named (a corrected
    letter supersedes, never replaces, the earlier one, which stays available)."""
    letter = published_letter(reference, kind, fmt, version)
    if letter is None:
        raise Http404("No letter of that kind (and version) has been issued for this notice")
    suffix = f"-v{version}" if version is not None else ""
    return _serve(letter, f"{reference}-{kind}{suffix}.{fmt}")


@login_not_required
@require_safe
def issued_step_letter(
    request: HttpRequest, reference: str, kind: str, position: int, fmt: str
) -> HttpResponse:
    """An issued letter of an intervention's step: minded-to, directions or exit."""
    letter = published_step_letter(reference, kind, position, fmt)
    if letter is None or kind not in STEP_KINDS:
        raise Http404("No letter of that kind has been issued at that address")
    return _serve(letter, f"{reference}-{kind}-{position}.{fmt}")


def _serve(letter: IssuedLetter, filename: str) -> HttpResponse:
    with letter.file.open("rb") as handle:
        data = handle.read()
    digest = hashlib.sha256(data).digest()
    if digest.hex() != letter.sha256:
        # Serve nothing rather than a letter that is not the one issued.
        raise TamperedLetter(f"{letter.file.name} does not match its recorded digest")
    response = HttpResponse(data, content_type=letter.media_type)
    response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
    # RFC 9530 digest of the bytes served, and the same digest in hex as the ETag.
    response["Repr-Digest"] = f"sha-256=:{base64.b64encode(digest).decode()}:"
    response["ETag"] = f'"{letter.sha256}"'
    response["Cache-Control"] = "public, max-age=86400"
    return response
