"""Read a letter or statement (plain text, HTML, PDF or DOCX) into plain text for extraction.

The type is decided by what the file contains, never by its name: a PDF renamed .txt is still a
PDF, and a zip renamed .docx is still refused. Everything a person might upload is untrusted, so
sizes are checked before anything is read whole or unzipped, and every refusal says what to do.
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from bestvalue.letters.text import ENDS_COMPLETE, LIST_ITEM

MEGABYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MEGABYTE
# A DOCX is a zip; one that unpacks to more than this is a zip bomb, not a letter.
MAX_UNZIPPED_BYTES = 50 * MEGABYTE
MAX_ZIP_MEMBERS = 2000

PLAIN, HTML, PDF, DOCX = "text", "html", "pdf", "docx"

_SAVE_AS = "save it as a PDF, a Word document (.docx), a web page or plain text and try again"


class UnreadableDocument(Exception):
    """The file cannot be imported; the message says why and what to do. `str()` names the
    file, where its name is known."""

    def __init__(self, message: str, filename: str = "") -> None:
        self.message = message
        self.filename = filename
        super().__init__(f"{filename}: {message}" if filename else message)


@dataclass(frozen=True)
class Document:
    text: str
    kind: str  # "text" | "html" | "pdf" | "docx"
    source_url: str | None = None  # the page's own address, where an HTML file states it


def _size_text(size: int) -> str:
    return f"{size / MEGABYTE:.1f} MB" if size >= MEGABYTE else f"{size:,} bytes"


def _too_big(size: int, max_bytes: int) -> UnreadableDocument:
    return UnreadableDocument(
        f"The file is {_size_text(size)}; the largest file that can be imported is "
        f"{_size_text(max_bytes)}. Import the letter itself, without attachments."
    )


def _load(source: str | os.PathLike[str] | bytes | BinaryIO, max_bytes: int) -> bytes:
    """The file's bytes, refusing an empty or oversized file before reading it whole."""
    if isinstance(source, bytes):
        data = source
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise _too_big(size, max_bytes)
            with path.open("rb") as handle:
                data = handle.read(max_bytes + 1)
        except IsADirectoryError:
            raise UnreadableDocument(f"{path} is a folder: choose a file.") from None
        except FileNotFoundError:
            raise UnreadableDocument(f"There is no file at {path}.") from None
        except PermissionError:
            raise UnreadableDocument(f"{path} cannot be opened: check its permissions.") from None
    else:
        # A stream (an upload): read one byte past the limit, so an oversized one is refused
        # without holding more than the limit in memory.
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_big(len(data), max_bytes)
    if not data.strip():
        raise UnreadableDocument("The file is empty: choose the file that holds the letter.")
    return data


def _refuse_known_binaries(data: bytes) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableDocument(
            "The file is an old-style Word (.doc) or Office document: save it as .docx or PDF "
            "and try again."
        )
    if data.startswith(b"{\\rtf"):
        raise UnreadableDocument(f"The file is in Rich Text Format: {_SAVE_AS}.")
    if data.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        raise UnreadableDocument(
            "The file is an image, which holds no text to read: import the letter as a PDF "
            "with text, a Word document or a web page."
        )


def read_document(
    source: str | os.PathLike[str] | bytes | BinaryIO,
    filename: str = "",
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a letter or statement from a path, bytes or an open binary file.

    `filename` is used only in messages; the type comes from the content: `%PDF-` is a PDF, a zip
    holding `word/document.xml` is a DOCX, anything else must be text (HTML when it has tags).
    Raises UnreadableDocument with a message a person can act on.
    """
    try:
        data = _load(source, max_bytes)
        # PDF readers accept a header anywhere in the first kilobyte; so do we.
        if b"%PDF-" in data[:1024]:
            return Document(_read_pdf(data), PDF)
        if data.startswith(b"PK\x03\x04"):
            return Document(_read_docx(data), DOCX)
        _refuse_known_binaries(data)
        text = _decode(data)
        if _looks_like_html(text):
            return _read_html(text)
        return Document(_unwrap(_tidy(text)), PLAIN)
    except UnreadableDocument as exc:
        raise UnreadableDocument(exc.message, filename) from None


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument(f"The file is not readable text: {_SAVE_AS}.") from None
    elif b"\x00" in data:
        raise UnreadableDocument(
            f"The file is not a document we can read (it holds binary data): {_SAVE_AS}."
        )
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableDocument(
                f"The file is not text in UTF-8, the encoding we read: {_SAVE_AS} "
                "(in a text editor, choose 'UTF-8' when saving)."
            ) from None
    # Control characters other than line breaks and tabs mean binary content that happened to
    # decode, not a letter.
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if controls > max(2, len(text) // 1000):
        raise UnreadableDocument(
            f"The file is not a document we can read (it holds binary data): {_SAVE_AS}."
        )
    if not text.strip():
        raise UnreadableDocument("The file is empty: choose the file that holds the letter.")
    return text


def _tidy(text: str) -> str:
    """Line breaks as \\n, no trailing spaces, at most one blank line in a row.

    Compatibility forms are folded (NFKC): PDFs set "ﬁ" as one ligature and pages use no-break
    spaces, and the rules should see "fi" and " ". Soft hyphens and zero-width spaces go.
    """
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = re.sub("[\u00ad\u200b\u200c\u200d\u2060\ufeff]", "", text)
    lines = [line.rstrip() for line in text.split("\n")]
    tidy = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", tidy).strip("\n")


# --- HTML -------------------------------------------------------------------------------------

_HTML_MARKERS = re.compile(r"<(?:!doctype\s+html|html|head|body)\b", re.I)
_TAG = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|ul|ol|li|table|tr|td|strong|em)\b[^>]*>", re.I)
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "ul",
        "title",
    ]
)
_SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})


def _looks_like_html(text: str) -> bool:
    start = text[:4096]
    return bool(_HTML_MARKERS.search(start)) or len(_TAG.findall(start)) >= 3


class _TextExtractor(HTMLParser):
    """The visible text, with a line break at each block and list items marked as lists."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.lists: list[list[int]] = []  # per open list: [is_numbered, next number]
        self.source_url: str | None = None
        self.title: list[str] = []
        self.in_title = False

    def _note_address(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "").casefold() == "canonical":
            self.source_url = self.source_url or values.get("href")
        if tag == "meta" and (values.get("property") or "").casefold() == "og:url":
            self.source_url = self.source_url or values.get("content")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._note_address(tag, attrs)
        if tag == "title":
            self.in_title = True
        if tag == "body":
            # Pages that never close their <head> still show their body.
            self.skipping = 0
        if tag in _SKIPPED:
            self.skipping += 1
        if self.skipping:
            return
        if tag in ("ul", "ol"):
            self.lists.append([tag == "ol", 1])
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append(self._marker())
        if tag == "td":
            self.parts.append("\t")

    def _marker(self) -> str:
        if not self.lists or not self.lists[-1][0]:
            return "- "
        number = self.lists[-1][1]
        self.lists[-1][1] += 1
        return f"{number}. "

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        if self.skipping:
            return
        self.parts.append(re.sub(r"\s+", " ", data))


def _read_html(text: str) -> Document:
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    body = "".join(parser.parts)
    lines = [line.strip() for line in body.split("\n")]
    # Blocks become paragraphs; empty blocks (nested divs) collapse away.
    paragraphs = "\n".join(line for line in lines if line)
    title = " ".join("".join(parser.title).split())
    if title and not paragraphs.startswith(title):
        paragraphs = f"{title}\n{paragraphs}"
    if not paragraphs.strip():
        raise UnreadableDocument(
            "The web page has no text in it: save the page with its content, or copy the text "
            "into a plain text file."
        )
    return Document(_tidy(paragraphs), HTML, source_url=parser.source_url)


# --- PDF --------------------------------------------------------------------------------------


def _read_pdf(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    damaged = UnreadableDocument(
        "The PDF is damaged and cannot be read: download or export it again and try again."
    )
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # A PDF with only an owner password (to stop printing or copying) opens with an
            # empty user password; one that needs a password to open cannot be read.
            try:
                opened = bool(reader.decrypt(""))
            except (DependencyError, NotImplementedError):
                opened = False
            if not opened:
                raise UnreadableDocument(
                    "The PDF is encrypted: save an unprotected copy and try again."
                )
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except FileNotDecryptedError:
        raise UnreadableDocument(
            "The PDF is encrypted: save an unprotected copy and try again."
        ) from None
    except (PdfReadError, RecursionError) as exc:
        raise damaged from exc
    except Exception as exc:
        # A damaged file can fail anywhere inside the parser (zlib, struct, index errors);
        # whatever the exception, the answer to the person is the same.
        raise damaged from exc
    text = "\n\n".join(_unwrap(_tidy(page)) for page in pages)
    if not text.strip():
        raise UnreadableDocument(
            "The PDF has no text in it (it may be a scan): import the original document, or a "
            "PDF with text that can be selected."
        )
    return text.strip()


# A line ending in one of these words stops mid-phrase, so the next line continues it.
_ENDS_MID_PHRASE = re.compile(
    r"\b(?:a|an|the|of|to|in|on|at|by|for|with|from|and|or|that|which|its|their|our|was|were|"
    r"is|are|has|have|been|be)\s*$",
    re.I,
)


def _unwrap(text: str) -> str:
    """Join lines broken for width (PDF pages, hard-wrapped text) back into paragraphs.

    A line continues on the next when it does not end a sentence and either the next line starts
    in lower case, the line stops mid-phrase ("issued with a"), or the line is nearly as wide as
    the text's long lines (a wrapped line fills the width; a heading or an address does not).
    A list item always starts a new line.
    """
    lines = text.split("\n")
    lengths = sorted(len(line) for line in lines if line.strip())
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0
    out: list[str] = []
    previous = ""  # the previous line as it was, before any joining
    for line in lines:
        first = line.lstrip()[:1]
        if (
            previous.strip()
            and first
            and not ENDS_COMPLETE.search(previous)
            and not LIST_ITEM.match(line)
            and (
                first.islower()
                or _ENDS_MID_PHRASE.search(previous)
                or len(previous) >= max(40, 0.7 * width)
            )
        ):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
        previous = line
    return "\n".join(out)


# --- DOCX -------------------------------------------------------------------------------------


def _check_zip(data: bytes) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError):
        raise UnreadableDocument(
            "The file looks like a Word document (.docx) but is damaged: save it again from "
            "Word and try again."
        ) from None
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        raise UnreadableDocument(
            "The file is a zip archive, not a Word document (.docx): unzip it and import the "
            "letter inside, or save the letter as .docx or PDF."
        )
    # Declared sizes are checked before anything is decompressed: a zip bomb declares far more
    # than any letter needs. A member that declares less than it holds cannot get past this:
    # zipfile stops reading a member at its declared size.
    declared = sum(m.file_size for m in members)
    if len(members) > MAX_ZIP_MEMBERS or declared > MAX_UNZIPPED_BYTES:
        raise UnreadableDocument(
            f"The Word document unpacks to {_size_text(declared)}, more than a letter can be "
            f"({_size_text(MAX_UNZIPPED_BYTES)}): it may be a zip bomb. Save the letter again "
            "without embedded files and try again."
        )
    return archive


def _paragraph_text(paragraph: object) -> str:
    text: str = paragraph.text  # type: ignore[attr-defined]
    style = getattr(getattr(paragraph, "style", None), "name", "") or ""
    element = paragraph._p  # type: ignore[attr-defined]  # python-docx has no public numbering API
    numbered = element.pPr is not None and element.pPr.numPr is not None
    # Word keeps list numbers and bullets out of the text; mark them so lists are still lists.
    if text.strip() and (numbered or style.startswith("List")):
        return f"- {text.strip()}"
    return text


def _read_docx(data: bytes) -> str:
    import docx
    from docx.table import Table

    archive = _check_zip(data)
    archive.close()
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                for row in block.rows:
                    cells = [cell.text.strip() for cell in row.cells]
                    lines.append("\t".join(c for c in dict.fromkeys(cells) if c))
            else:
                lines.append(_paragraph_text(block))
    except Exception as exc:
        # Broken XML, missing parts or a mislabelled package can fail anywhere inside
        # python-docx and lxml; whatever the exception, the answer to the person is the same.
        raise UnreadableDocument(
            "The Word document is damaged and cannot be read: save it again from Word and try "
            "again."
        ) from exc
    text = _tidy("\n".join(lines))
    if not text.strip():
        raise UnreadableDocument("The Word document has no text in it.")
    return text
