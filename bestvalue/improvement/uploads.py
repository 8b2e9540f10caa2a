"""Checking an uploaded evidence file before anything is stored. Pure: bytes and a name in, a
checked upload or a refusal that says what to do out.

The type is decided by what the file contains, never by its name: magic bytes for PDF, PNG and
JPEG; for the zip-based formats (DOCX, XLSX, ODT) the zip's member names; CSV is UTF-8 text that
parses as CSV. The name must then agree with the content. Sizes are checked before anything is
unzipped, and a zip's declared unpacked size is capped so that a zip bomb is refused unopened.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Protocol

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MEGABYTE
MAX_ZIP_MEMBERS = 5000
MAX_NAME_LENGTH = 150
ACCEPTED = "a PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt), CSV, PNG or JPEG file"


@dataclass(frozen=True)
class FileType:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("pdf", "PDF", "application/pdf", (".pdf",))
DOCX = FileType(
    "docx",
    "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileType(
    "xlsx",
    "Excel spreadsheet",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
ODT = FileType("odt", "OpenDocument text", "application/vnd.oasis.opendocument.text", (".odt",))
CSV = FileType("csv", "CSV file", "text/csv", (".csv",))
PNG = FileType("png", "PNG image", "image/png", (".png",))
JPEG = FileType("jpeg", "JPEG image", "image/jpeg", (".jpg", ".jpeg"))
TYPES = (PDF, DOCX, XLSX, ODT, CSV, PNG, JPEG)
EXTENSIONS = frozenset(ext for t in TYPES for ext in t.extensions)

# Extensions that run, render as a page, or pass for a document type: in the middle of a name
# (report.pdf.exe, invoice.exe.pdf) they are there to mislead.
_RISKY = frozenset(
    {
        *EXTENSIONS,
        *[
            ".exe",
            ".com",
            ".bat",
            ".cmd",
            ".scr",
            ".msi",
            ".dll",
            ".ps1",
            ".vbs",
            ".vbe",
            ".js",
            ".jse",
            ".jar",
            ".sh",
            ".py",
            ".pl",
            ".php",
            ".asp",
            ".aspx",
            ".jsp",
            ".cgi",
            ".html",
            ".htm",
            ".xhtml",
            ".svg",
            ".svgz",
            ".xml",
            ".hta",
            ".lnk",
            ".url",
            ".app",
            ".dmg",
            ".iso",
            ".doc",
            ".docm",
            ".xls",
            ".xlsm",
            ".ppt",
            ".pptm",
            ".rtf",
            ".zip",
            ".rar",
            ".7z",
            ".gz",
            ".txt",
        ],
    }
)

_KNOWN_BINARIES = (
    (b"MZ", "a Windows program"),
    (b"\x7fELF", "a program"),
    (b"\xfe\xed\xfa", "a program"),
    (b"\xcf\xfa\xed\xfe", "a program"),
    (b"#!", "a script"),
    (
        b"\xd0\xcf\x11\xe0",
        "an old-style Office document (.doc or .xls): save it as .docx, .xlsx or PDF",
    ),
    (b"{\\rtf", "a Rich Text document: save it as .docx or PDF"),
    (b"GIF8", "a GIF image: save it as PNG"),
    (b"Rar!", "an archive: upload the documents themselves"),
    (b"7z\xbc\xaf", "an archive: upload the documents themselves"),
    (b"\x1f\x8b", "a compressed archive: upload the documents themselves"),
)
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|svg|script|\?xml|iframe|body|head)\b", re.I)
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")


class UploadRefused(ValueError):
    """The file cannot be accepted; the message says why and what to do."""


@dataclass(frozen=True)
class CheckedUpload:
    name: str  # safe to show and to send in Content-Disposition
    file_type: FileType
    sha256: str
    size: int
    data: bytes

    @property
    def extension(self) -> str:
        return self.file_type.extensions[0]


def _size_text(size: int) -> str:
    return f"{size / MEGABYTE:.1f} MB" if size >= MEGABYTE else f"{size:,} bytes"


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def read_limited(stream: Readable, max_bytes: int) -> bytes:
    """Read an upload, one byte past the limit, so that an oversized one is refused without
    holding more than the limit in memory."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise too_big(None, max_bytes)
    return data


def too_big(size: int | None, max_bytes: int) -> UploadRefused:
    """The refusal of an oversized file; `size` None when only "more than the limit" is known."""
    what = "too large" if size is None else _size_text(size)
    return UploadRefused(
        f"The file is {what}: it must be {_size_text(max_bytes)} or smaller. Split it, or "
        "compress its images, and try again."
    )


def check_name(filename: str) -> tuple[str, str]:
    """The name made safe, and its extension (lower case, "" when it has none); or a refusal.

    Names come from the uploader's computer and are shown to others and sent in downloads, so
    anything that could hide, mislead or reach outside a folder is refused, not quietly fixed.
    """
    if any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in filename):
        raise UploadRefused(
            "The file name contains control or hidden characters: rename the file using "
            "letters, numbers, spaces and hyphens, and try again."
        )
    name = unicodedata.normalize("NFKC", filename).strip()
    if not name:
        raise UploadRefused("The file has no name: rename it and try again.")
    if len(name) > MAX_NAME_LENGTH:
        raise UploadRefused(
            f"The file name is {len(name)} characters long; it must be {MAX_NAME_LENGTH} "
            "characters or fewer. Rename the file and try again."
        )
    lowered = name.lower()
    if (
        any(c in name for c in "/\\:")
        or name.startswith(".")
        or ".." in name
        or any(code in lowered for code in ("%2e", "%2f", "%5c"))
    ):
        raise UploadRefused(
            "The file name must be just a name, not a folder path, and must not start with a "
            "full stop: rename the file and try again."
        )
    suffixes = [s.lower() for s in PurePosixPath(name).suffixes]
    extension = suffixes[-1] if suffixes else ""
    inner = [s for s in suffixes[:-1] if s in _RISKY]
    if inner:
        raise UploadRefused(
            f"The file name has more than one extension ({''.join([*inner, extension])}): "
            "rename it so that it ends with just one, for example report.pdf."
        )
    if extension and extension not in EXTENSIONS and extension in _RISKY:
        raise UploadRefused(f"Files ending {extension} are not accepted: upload {ACCEPTED}.")
    safe = re.sub(r"[^\w\-. ()]+", "_", name)
    safe = re.sub(r"\s+", " ", safe).strip(" _")
    return safe, (extension if extension in EXTENSIONS else "")


def _zip_type(data: bytes, max_unzipped_bytes: int) -> FileType:
    damaged = UploadRefused(
        "The file is damaged (it looks like a zip-based document that cannot be opened): "
        "save or export it again and try again."
    )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise damaged from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise UploadRefused(
            f"The document holds more than {MAX_ZIP_MEMBERS:,} parts: it is not an ordinary document."
        )
    # A zip bomb declares far more than it stores. The declared sizes are summed before anything
    # is unpacked; then the parts are read with the same cap, in case the declarations lie.
    if sum(m.file_size for m in members) > max_unzipped_bytes:
        raise UploadRefused(
            f"The document would unpack to more than {_size_text(max_unzipped_bytes)}: it is not an "
            "ordinary document (it may be a zip bomb). Save or export it again and try again."
        )
    names = {m.filename for m in members}
    if any(m.flag_bits & 0x1 for m in members):
        raise UploadRefused(
            "The document is password-protected: save an unprotected copy and try again."
        )
    if any(n.startswith("/") or ".." in PurePosixPath(n).parts for n in names):
        raise UploadRefused(
            "The document contains parts with unsafe names: it is not an ordinary document."
        )
    if any(n.lower().endswith("vbaproject.bin") or n.startswith("Basic/") for n in names):
        raise UploadRefused(
            "The document contains macros: save it without macros (as .docx, .xlsx or .odt) and try again."
        )
    file_type = _office_type(archive, names)
    _read_all(archive, members, max_unzipped_bytes, damaged)
    return file_type


def _office_type(archive: zipfile.ZipFile, names: set[str]) -> FileType:
    if archive.infolist()[0].filename == "mimetype" and "content.xml" in names:
        if archive.read("mimetype").strip() == ODT.content_type.encode():
            return ODT
        raise UploadRefused(
            f"The file is an OpenDocument file but not a text document: upload {ACCEPTED}."
        )
    if "[Content_Types].xml" in names and "word/document.xml" in names:
        return DOCX
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return XLSX
    raise UploadRefused(
        "The file is a zip archive, not a Word, Excel or OpenDocument text document: upload "
        "the documents themselves."
    )


def _read_all(
    archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], cap: int, damaged: UploadRefused
) -> None:
    total = 0
    try:
        for member in members:
            with archive.open(member) as part:
                while chunk := part.read(MEGABYTE):
                    total += len(chunk)
                    if total > cap:
                        raise UploadRefused(
                            f"The document unpacks to more than {_size_text(cap)}: it is not an "
                            "ordinary document (it may be a zip bomb)."
                        )
    except UploadRefused:
        raise
    except Exception:
        # A damaged zip fails anywhere inside zlib or zipfile (CRC, truncation, bad headers).
        raise damaged from None


def _check_pdf(data: bytes) -> FileType:
    from pypdf import PdfReader

    if _PDF_ACTIVE.search(data):
        raise UploadRefused(
            "The PDF contains JavaScript, embedded files or actions that open other programs: "
            "print it to a new PDF (or export it without them) and try again."
        )
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
        if not encrypted:
            len(reader.pages)
    except Exception:
        # A damaged file can fail anywhere inside the parser; the answer is the same.
        raise UploadRefused(
            "The PDF is damaged and cannot be opened: download or export it again and try again."
        ) from None
    if encrypted:
        raise UploadRefused(
            "The PDF is encrypted or password-protected: save an unprotected copy and try again."
        )
    return PDF


def _check_csv(data: bytes) -> FileType:
    if b"\x00" in data:
        raise UploadRefused(
            f"The file holds binary data and is not a type we accept: upload {ACCEPTED}."
        )
    try:
        text = (
            data.decode("utf-8-sig") if data.startswith(codecs.BOM_UTF8) else data.decode("utf-8")
        )
    except UnicodeDecodeError:
        raise UploadRefused(
            f"The file is not a type we accept: upload {ACCEPTED}. (A CSV file must be saved as "
            "UTF-8: in a spreadsheet choose 'CSV UTF-8'.)"
        ) from None
    if _MARKUP.search(data[:4096]) or text.lstrip().startswith("<"):
        raise UploadRefused(
            "The file is a web page, SVG image or XML, which can carry scripts, and is not "
            f"accepted: upload {ACCEPTED} (export images as PNG)."
        )
    if any(unicodedata.category(c) == "Cc" and c not in "\t\r\n" for c in text):
        raise UploadRefused("The CSV file contains control characters: save it again as CSV UTF-8.")
    for line, row in enumerate(csv.reader(io.StringIO(text, newline="")), start=1):
        for cell in row:
            _check_cell(cell, line)
    return CSV


_NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?%?$")


def _check_cell(cell: str, line: int) -> None:
    """Spreadsheet programs run a cell starting =, +, - or @ as a formula when the file is opened,
    which can be made to run commands: such cells are refused unless they are plain numbers."""
    first = cell[:1]
    if first in ("=", "@", "\t", "\r") or (
        first in ("+", "-") and cell.strip() not in ("+", "-") and not _NUMBER.match(cell)
    ):
        raise UploadRefused(
            f"Line {line} of the CSV file has a cell starting with {cell[:1]!r}, which spreadsheet "
            "programs run as a formula: remove the formula or put a ' before it, and try again."
        )


def sniff(data: bytes, *, max_unzipped_bytes: int) -> FileType:
    """The file's type from its content, or a refusal naming what it is instead."""
    if data.startswith(b"%PDF-"):
        return _check_pdf(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _zip_type(data, max_unzipped_bytes)
    for magic, what in _KNOWN_BINARIES:
        if data.startswith(magic):
            raise UploadRefused(f"The file is {what}, which is not accepted. Upload {ACCEPTED}.")
    return _check_csv(data)


def check_upload(
    data: bytes, filename: str, *, max_bytes: int, max_unzipped_bytes: int | None = None
) -> CheckedUpload:
    """Check an upload's name, size and content. Raises UploadRefused with a message a person can
    act on; nothing is stored by this function."""
    name, extension = check_name(filename)
    if not data:
        raise UploadRefused("The file is empty: choose the file that holds the evidence.")
    if len(data) > max_bytes:
        raise too_big(len(data), max_bytes)
    file_type = sniff(data, max_unzipped_bytes=max_unzipped_bytes or 10 * max_bytes)
    if extension and extension not in file_type.extensions:
        raise UploadRefused(
            f"The file's name ends {extension} but it is a {file_type.label}: check that you chose "
            f"the right file, or rename it to end {file_type.extensions[0]}."
        )
    if not extension:
        name = f"{name or 'evidence'}{file_type.extensions[0]}"
    return CheckedUpload(
        name=name,
        file_type=file_type,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        data=data,
    )
