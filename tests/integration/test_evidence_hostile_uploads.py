"""Hostile uploads through the evidence page: each is refused with a clear message, and nothing
is left behind (no file in storage, no evidence row, no audit event)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from bestvalue.audit.models import AuditEvent
from bestvalue.improvement.models import Evidence
from tests.clients import CheckingClient
from tests.factories import (
    make_authority,
    make_docx,
    make_officer,
    make_pdf,
    make_png,
    make_zip,
    make_zip_bomb_docx,
)

pytestmark = pytest.mark.django_db

SCRIPT = b"<script>alert(document.cookie)</script>"
PDF_WITH_JAVASCRIPT = make_pdf().replace(
    b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"
)

# (what it is, file name, content, words the refusal must contain)
HOSTILE: list[tuple[str, str, bytes, str]] = [
    ("empty file", "report.pdf", b"", "The chosen file is empty"),
    ("wrong magic bytes", "report.pdf", bytes(range(256)) * 4, "not a type we accept"),
    (
        "Windows program renamed as PDF",
        "report.pdf",
        b"MZ\x90\x00\x03" + b"\x00" * 200,
        "Windows program",
    ),
    (
        "Linux program renamed as Word",
        "minutes.docx",
        b"\x7fELF\x02\x01\x01" + b"\x00" * 200,
        "is a program",
    ),
    ("script renamed as CSV", "data.csv", b"#!/bin/sh\nrm -rf /\n", "is a script"),
    (
        "path traversal, fullwidth solidus",
        "..\uff0f..\uff0fetc\uff0fpasswd.pdf",
        make_pdf(),
        "not a folder path",
    ),
    (
        "path traversal, percent-encoded",
        "..%2f..%2fetc%2fpasswd.pdf",
        make_pdf(),
        "not a folder path",
    ),
    ("Windows alternate data stream", "report.pdf:evil.exe", make_pdf(), "not a folder path"),
    ("hidden file name", ".htaccess", b"Options +ExecCGI\n", "must not start with a full stop"),
    (
        "NUL to cut the name short",
        "evil.exe\x00.pdf",
        make_pdf(),
        "more than one extension (.exe.pdf)",
    ),
    (
        "right-to-left override in the name",
        "invoice\u202efdp.exe",
        b"MZ" + b"\x00" * 100,
        ".exe are not accepted",
    ),
    ("very long name", "a" * 300 + ".pdf", make_pdf(), "characters or fewer"),
    (
        "double extension, executable last",
        "report.pdf.exe",
        make_pdf(),
        "more than one extension (.pdf.exe)",
    ),
    (
        "double extension, executable inside",
        "invoice.exe.pdf",
        make_pdf(),
        "more than one extension (.exe.pdf)",
    ),
    (
        "HTML disguised as PNG",
        "photo.png",
        b"<!DOCTYPE html><html><body>" + SCRIPT,
        "web page, SVG image or XML",
    ),
    (
        "SVG with a script",
        "chart.svg",
        b'<svg xmlns="http://www.w3.org/2000/svg">' + SCRIPT + b"</svg>",
        "Files ending .svg are not accepted",
    ),
    (
        "SVG with a script named as PNG",
        "chart.png",
        b'<?xml version="1.0"?><svg>' + SCRIPT + b"</svg>",
        "web page, SVG image or XML",
    ),
    ("zip bomb disguised as Word", "minutes.docx", make_zip_bomb_docx(), "zip bomb"),
    ("encrypted PDF", "report.pdf", make_pdf(password="secret"), "encrypted or password-protected"),
    ("PDF with JavaScript", "report.pdf", PDF_WITH_JAVASCRIPT, "contains JavaScript"),
    (
        "plain zip renamed as Word",
        "minutes.docx",
        make_zip({"payload.exe": b"MZ"}),
        "zip archive, not a Word",
    ),
    (
        "macro-enabled Word renamed .docx",
        "minutes.docx",
        make_zip(
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b"<d/>",
                "word/vbaProject.bin": b"\x00",
            }
        ),
        "contains macros",
    ),
    (
        "old-style Word document",
        "minutes.docx",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,
        "old-style Office document",
    ),
    ("GIF image", "chart.gif", b"GIF89a" + b"\x00" * 50, "GIF image"),
    ("PNG named as PDF", "report.pdf", make_png(), "ends .pdf but it is a PNG image"),
    (
        "Word document named as PDF",
        "report.pdf",
        make_docx(),
        "ends .pdf but it is a Word document",
    ),
    ("CSV with a formula", "figures.csv", b'name,total\nx,=cmd|"/C calc"!A0\n', "run as a formula"),
    ("text file", "notes.txt", b"just some notes\n", "Files ending .txt are not accepted"),
    (
        "oversized file",
        "report.pdf",
        b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024),
        "must be 20.0 MB or smaller",
    ),
]


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    """Evidence stored on disk in a folder of the test's own, so that we can see nothing is left."""
    folder = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder},
        },
    }
    return folder


@pytest.fixture
def officer_page(db: None) -> tuple[CheckingClient, str]:
    authority = make_authority()
    client = CheckingClient()
    client.force_login(make_officer(authority))
    return client, reverse(
        "staff:improvement-evidence-new", kwargs={"gss_code": authority.gss_code}
    )


def _post(page: tuple[CheckingClient, str], name: str, content: bytes) -> Any:
    client, url = page
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(
        url,
        {
            "title": "Evidence",
            "effective_on-day": "1",
            "effective_on-month": "3",
            "effective_on-year": "2024",
            "file": upload,
        },
    )


def _nothing_stored(media: Path) -> None:
    assert not Evidence.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="improvement.evidence").exists()
    assert [p for p in media.rglob("*") if p.is_file()] == []


def test_at_least_twenty_hostile_uploads_are_tried() -> None:
    assert len(HOSTILE) >= 20


@pytest.mark.parametrize(
    ("what", "name", "content", "message"), HOSTILE, ids=[h[0] for h in HOSTILE]
)
def test_a_hostile_upload_is_refused_with_a_clear_message_and_nothing_is_stored(
    what: str,
    name: str,
    content: bytes,
    message: str,
    officer_page: tuple[CheckingClient, str],
    media: Path,
) -> None:
    response = _post(officer_page, name, content)
    assert response.status_code == 400, what
    html = response.content.decode()
    assert "There is a problem" in html
    assert message in html.replace("&#39;", "'").replace("&#x27;", "'"), html[:3000]
    assert 'href="#id_file"' in html  # the error summary links to the file field
    _nothing_stored(media)


def test_the_size_limit_is_configurable(
    settings: Any, officer_page: tuple[CheckingClient, str], media: Path
) -> None:
    settings.EVIDENCE_MAX_BYTES = 256
    response = _post(officer_page, "report.pdf", make_pdf(pages=3))
    assert response.status_code == 400
    assert "must be 256 bytes or smaller" in response.content.decode()
    _nothing_stored(media)


def test_a_plain_folder_path_is_reduced_to_its_name_and_stored_under_a_name_of_ours(
    officer_page: tuple[CheckingClient, str], media: Path
) -> None:
    """Django's upload parser keeps only the last part of a name with slashes, so "../../x.pdf"
    reaches us as "x.pdf"; the file is stored under a random name in the authority's folder."""
    response = _post(officer_page, "../../../etc/passwd.pdf", make_pdf())
    assert response.status_code == 302
    item = Evidence.objects.get()
    assert item.original_name == "passwd.pdf"
    stored = [p for p in media.rglob("*") if p.is_file()]
    assert len(stored) == 1
    assert stored[0].parent == media / "evidence" / item.authority.gss_code
    assert stored[0].name != "passwd.pdf"


def test_a_row_that_fails_to_save_leaves_no_file_behind(
    officer_page: tuple[CheckingClient, str], media: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bestvalue.improvement.services import evidence

    def fail(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(evidence, "record_added", fail)
    with pytest.raises(RuntimeError):
        _post(officer_page, "report.pdf", make_pdf())
    _nothing_stored(media)
