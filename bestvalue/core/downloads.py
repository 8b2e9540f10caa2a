"""Stored files served as downloads: always an attachment of the type recorded at upload, never
shown in the browser or sniffed as another type."""

from __future__ import annotations

from django.core.files import File
from django.http import FileResponse


def attachment(stored: File, *, filename: str, content_type: str, cache: str) -> FileResponse:
    """The file as an attachment, sandboxed should a browser render it anyway. `cache` is the
    Cache-Control value: private files are never stored; public ones may be withdrawn, so they
    are checked again each time."""
    response = FileResponse(
        stored, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = cache
    return response
