"""Stored files served as downloads: always an attachment of the type recorded at upload, never
shown in the browser or sniffed as another type, and never served unless its bytes are the ones
recorded (their SHA-256 digest is checked on every download, staff and public).

The store may be the local disk or an S3-compatible object store shared by several app servers
(settings.STORAGES); either way the file is read through Django's storage API, copied while its
digest is computed, and the copy is what is served, so the bytes checked are the bytes sent.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import tempfile
from typing import IO, Protocol

from django.core.files import File
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.template import loader
from django.utils.http import content_disposition_header

logger = logging.getLogger(__name__)

# Files up to this size are checked and served from memory; larger ones spill to a temporary file.
_IN_MEMORY_BYTES = 2 * 1024 * 1024


class StoredFileUnavailable(Exception):
    """The stored file cannot be served; `status` and the page's words say why."""

    status = 503
    heading = "Sorry, this file cannot be downloaded at the moment"
    body = "The file store did not answer. Try again later."


class StoredFileMissing(StoredFileUnavailable):
    status = 404
    heading = "This file is not available"
    body = (
        "The record of this file exists but the file itself could not be found. "
        "The service's operators have been told."
    )


class StoredFileAltered(StoredFileUnavailable):
    status = 409
    heading = "This file cannot be downloaded"
    body = (
        "The stored file is not the one that was recorded, so it has not been sent. "
        "The service's operators have been told."
    )


def verified_copy(stored: FieldFile, sha256: str) -> File:
    """A copy of the stored file, rewound, whose SHA-256 digest is `sha256`. Raises
    StoredFileMissing, StoredFileAltered or StoredFileUnavailable (each logged for the operators)."""
    name = str(stored.name)
    copy: IO[bytes] = io.BytesIO()
    digest = hashlib.sha256()
    try:
        with stored.storage.open(name, "rb") as source:
            for chunk in source.chunks():
                digest.update(chunk)
                copy = _spilled(copy)
                copy.write(chunk)
    except FileNotFoundError as exc:
        copy.close()
        logger.error("Stored file %s is missing", name)
        raise StoredFileMissing(name) from exc
    except Exception as exc:
        # Whatever the store's client raises (an unreachable endpoint, refused credentials), the
        # visitor is told to try later and the operators get the whole error.
        copy.close()
        logger.exception("Stored file %s could not be read", name)
        raise StoredFileUnavailable(name) from exc
    if digest.hexdigest() != sha256:
        copy.close()
        logger.error("Stored file %s does not match its recorded SHA-256 digest %s", name, sha256)
        raise StoredFileAltered(name)
    copy.seek(0)
    return File(copy, name=name)


def _spilled(copy: IO[bytes]) -> IO[bytes]:
    """The copy, moved from memory to a temporary file once it grows past _IN_MEMORY_BYTES."""
    if not isinstance(copy, io.BytesIO) or copy.tell() < _IN_MEMORY_BYTES:
        return copy
    spilled = tempfile.TemporaryFile()  # noqa: SIM115 (returned open, closed by the response)
    spilled.write(copy.getbuffer())
    return spilled


def unavailable(request: HttpRequest, error: StoredFileUnavailable) -> HttpResponse:
    """The GOV.UK error page that says why a file was not served."""
    html = loader.render_to_string(
        "core/error.html", {"heading": error.heading, "body": error.body}, request=request
    )
    response = HttpResponse(html, status=error.status)
    response["Cache-Control"] = "no-store"
    return response


def attachment(stored: File, *, filename: str, content_type: str, cache: str) -> FileResponse:
    """The file as an attachment, sandboxed should a browser render it anyway. `cache` is the
    Cache-Control value: private files are never stored; public ones may be withdrawn, so they
    are checked again each time."""
    response = FileResponse(
        stored, as_attachment=True, filename=filename, content_type=content_type
    )
    _harden(response, cache)
    return response


def _harden(response: HttpResponseBase, cache: str) -> None:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = cache


def verified_attachment(
    request: HttpRequest,
    stored: FieldFile,
    *,
    sha256: str,
    filename: str,
    content_type: str,
    cache: str,
    whole: bool = False,
) -> HttpResponseBase:
    """The stored file as an attachment once its digest is checked, with the RFC 9530 digest of
    the bytes served and the same digest in hex as the ETag; otherwise the page saying why not.
    `whole` sends it as one body rather than streamed: for files known to be small (letters)."""
    try:
        copy = verified_copy(stored, sha256)
    except StoredFileUnavailable as error:
        return unavailable(request, error)
    response: HttpResponseBase
    if whole:
        with copy:
            response = HttpResponse(copy.read(), content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename) or "attachment"
        _harden(response, cache)
    else:
        response = attachment(copy, filename=filename, content_type=content_type, cache=cache)
    response["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(sha256)).decode()}:"
    response["ETag"] = f'"{sha256}"'
    return response


class Uploaded(Protocol):
    """A record of an uploaded file (improvement's Evidence): the stored file, its digest, and
    the name and type it was uploaded with."""

    file: FieldFile
    sha256: str
    original_name: str
    content_type: str


def uploaded_attachment(request: HttpRequest, item: Uploaded, *, cache: str) -> HttpResponseBase:
    """An uploaded file, checked, under the name and type it was uploaded with."""
    return verified_attachment(
        request,
        item.file,
        sha256=item.sha256,
        filename=item.original_name,
        content_type=item.content_type,
        cache=cache,
    )
