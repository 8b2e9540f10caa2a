"""Reading letters from text, HTML, PDF and DOCX, and refusing what cannot be read safely."""

from __future__ import annotations

import io
import os
import textwrap
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from bestvalue.letters.authorities import reference_variants
from bestvalue.letters.extraction import Proposal, propose
from bestvalue.letters.reading import UnreadableDocument, read_document

MB = 1024 * 1024

# An invented letter in the department's usual form, about a real council.
LETTER = """Ministry of Housing, Communities and Local Government
2 Marsham Street
London SW1P 4DF

Alex Example
Chief Executive
Slough Borough Council

12 March 2025

Dear Alex,

BEST VALUE NOTICE

I am writing to you about the Best Value Notice issued to Slough Borough Council on 14 March 2024 for 12 months.

Having considered the Council's progress over the last year, the Department has today issued the Council with a revised Best Value Notice, which replaces the previous notice and will remain in place for six months.

We recognise the progress the Council has made in strengthening its financial management.

The Department expects the Council to:

1. Continue to work with the independent Improvement Board, making full use of its support and engaging with its recommendations.
2. Implement the improvement plan agreed by the Council in March, and report progress to the Department each quarter.
3. Engage with the Department at official level throughout the period of this Notice.

The Department will consider at the end of this period whether a further notice is needed.

Yours sincerely,

Sam Official
Deputy Director, Local Government Stewardship
"""
PARAGRAPHS = LETTER.split("\n")


def make_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with each line as a line of Helvetica text (ASCII only)."""

    def escaped(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " ".join(f"({escaped(line)}) Tj T*" for line in lines)
    stream = f"BT /F1 9 Tf 30 810 Td 11 TL {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def letter_as_pdf() -> bytes:
    # Wrapped to the width of a page, as a PDF of a letter is.
    lines = []
    for paragraph in PARAGRAPHS:
        lines += textwrap.wrap(paragraph, 95) or [""]
    return make_pdf(lines)


def letter_as_docx() -> bytes:
    document = docx.Document()
    for paragraph in PARAGRAPHS:
        if paragraph[:2] in ("1.", "2.", "3."):
            document.add_paragraph(paragraph[3:], style="List Number")
        else:
            document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def letter_as_html() -> bytes:
    blocks = []
    items = [p[3:] for p in PARAGRAPHS if p[:2] in ("1.", "2.", "3.")]
    for paragraph in PARAGRAPHS:
        if paragraph[:2] == "1.":
            blocks.append("<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>")
        elif paragraph and paragraph[:2] not in ("2.", "3."):
            blocks.append(f"<p>{paragraph.replace('&', '&amp;')}</p>")
    return (
        "<!DOCTYPE html><html><head><title>Best Value Notice</title>"
        "<style>p { color: red }</style></head><body><nav><a href='/'>Home</a></nav>"
        "<script>var issued = 'issued on 1 January 2020';</script>"
        + "".join(blocks)
        + "</body></html>"
    ).encode()


def _summary(proposal: Proposal) -> dict[str, object]:
    data = proposal.as_json()
    return {
        "authority_gss": data["authority_gss"],
        "events": [(e["kind"], e["on"], e["period_months"]) for e in data["events"]],
        "expectations": data["expectations"],
        "signatory": data["signatory"] and data["signatory"]["name"],
        "addressee": data["addressee"] and data["addressee"]["name"],
        "published_on": data["published_on"],
    }


def _propose(text: str) -> dict[str, object]:
    return _summary(propose(text, published_on=None, variants=reference_variants()))


def test_the_invented_letter_as_text_gives_the_full_proposal() -> None:
    assert _propose(read_document(LETTER.encode()).text) == {
        "authority_gss": "E06000039",
        "events": [("issued", "2024-03-14", 12), ("reissued", "2025-03-12", 6)],
        "expectations": [
            "Continue to work with the independent Improvement Board, making full use of its "
            "support and engaging with its recommendations.",
            "Implement the improvement plan agreed by the Council in March, and report progress "
            "to the Department each quarter.",
            "Engage with the Department at official level throughout the period of this Notice.",
        ],
        "signatory": "Sam Official",
        "addressee": "Alex Example",
        "published_on": "2025-03-12",
    }


@pytest.mark.parametrize(
    ("make", "kind"),
    [(letter_as_pdf, "pdf"), (letter_as_docx, "docx"), (letter_as_html, "html")],
)
def test_the_same_letter_in_another_format_gives_the_same_proposal(
    make: Callable[[], bytes], kind: str
) -> None:
    document = read_document(make())
    assert document.kind == kind
    assert _propose(document.text) == _propose(LETTER)


def test_html_keeps_the_visible_text_and_drops_scripts_and_styles() -> None:
    text = read_document(letter_as_html()).text
    assert "1 January 2020" not in text
    assert "color: red" not in text
    assert "\n1. Continue to work with" in text
    assert text.startswith("Best Value Notice\n")


def test_html_gives_the_pages_own_address() -> None:
    page = (
        b'<html><head><link rel="canonical" href="https://www.bcpcouncil.gov.uk/bvn">'
        b"</head><body><p>On 3 August 2023 we were issued with a notice.</p></body></html>"
    )
    document = read_document(page)
    assert document.source_url == "https://www.bcpcouncil.gov.uk/bvn"
    assert document.text == "On 3 August 2023 we were issued with a notice."


def test_the_type_comes_from_the_content_not_the_name(tmp_path: Path) -> None:
    pdf = tmp_path / "letter.txt"
    pdf.write_bytes(letter_as_pdf())
    text = tmp_path / "letter.pdf"
    text.write_text(LETTER, encoding="utf-8")
    assert read_document(pdf, pdf.name).kind == "pdf"
    assert read_document(text, text.name).kind == "text"


def test_a_pdf_protected_only_against_editing_is_read() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_as_pdf())))
    writer.encrypt("", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "Slough Borough Council" in read_document(out.getvalue()).text


def test_an_open_binary_file_is_read_as_a_path_is() -> None:
    assert read_document(io.BytesIO(LETTER.encode())).text == read_document(LETTER.encode()).text


def test_ligatures_and_invisible_characters_are_folded_away() -> None:
    text = read_document("Notiﬁ\u00adcation\u00a0of a Best Value Notice\u200b".encode()).text
    assert text == "Notification of a Best Value Notice"


def test_a_refusal_names_the_file() -> None:
    with pytest.raises(UnreadableDocument) as excinfo:
        read_document(b"", "letter.pdf")
    assert str(excinfo.value).startswith("letter.pdf: The file is empty")


def test_text_with_a_byte_order_mark_or_in_utf16_is_read() -> None:
    assert read_document(b"\xef\xbb\xbfDear Alex,").text == "Dear Alex,"
    assert read_document("Dear Alex,".encode("utf-16")).text == "Dear Alex,"


# --- refused ---------------------------------------------------------------------------------


def _refusal(source: Path | bytes | io.BytesIO, **kwargs: int) -> str:
    with pytest.raises(UnreadableDocument) as excinfo:
        read_document(source, "letter", **kwargs)
    return excinfo.value.message


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert _refusal(empty).startswith("The file is empty")
    assert _refusal(b"  \n\n ").startswith("The file is empty")


def test_a_binary_file_is_refused() -> None:
    junk = b"\x00\x01\x02" + os.urandom(4096)
    assert "binary" in _refusal(junk)


def test_text_in_an_unknown_encoding_is_refused_with_what_to_do() -> None:
    assert "UTF-8" in _refusal("Café “notice”".encode("cp1252"))


def test_an_image_is_refused_as_an_image() -> None:
    assert "image" in _refusal(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)


@pytest.mark.parametrize(
    "damage",
    [
        lambda pdf: pdf[: len(pdf) // 2],
        lambda pdf: b"%PDF-1.7\n" + b"not a pdf at all " * 100,
        lambda pdf: b"%PDF-1.4\n%%EOF",
    ],
    ids=["truncated", "junk", "header-only"],
)
def test_a_corrupt_pdf_is_refused(damage: Callable[[bytes], bytes]) -> None:
    assert _refusal(damage(letter_as_pdf())).startswith("The PDF is damaged")


def test_an_encrypted_pdf_is_refused() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(letter_as_pdf())))
    writer.encrypt("secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert _refusal(out.getvalue()) == (
        "The PDF is encrypted: save an unprotected copy and try again."
    )


def test_a_pdf_without_text_is_refused_as_a_likely_scan() -> None:
    assert "no text" in _refusal(make_pdf([]))


def test_a_zip_that_is_not_a_docx_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("letter.txt", LETTER)
    assert "zip archive, not a Word document" in _refusal(out.getvalue())


def test_a_damaged_docx_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document")
    assert "damaged" in _refusal(out.getvalue())
    assert "damaged" in _refusal(b"PK\x03\x04" + b"broken" * 100)


def test_a_zip_bomb_disguised_as_a_docx_is_refused_before_it_is_unpacked() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/image1.png", "w") as member:
            for _ in range(60):
                member.write(bytes(MB))
    bomb = out.getvalue()
    assert len(bomb) < MB  # small on disk, 60 MB unpacked
    assert "zip bomb" in _refusal(bomb)


def test_a_200_mb_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as handle:
        handle.truncate(200 * MB)  # sparse: costs no disk
    message = _refusal(huge)
    assert message.startswith(
        "The file is 200.0 MB; the largest file that can be imported is 20.0 MB"
    )


def test_the_size_limit_can_be_set() -> None:
    assert "largest file" in _refusal(b"x" * 2000, max_bytes=1000)
    assert "largest file" in _refusal(io.BytesIO(b"x" * 2000), max_bytes=1000)
    assert read_document(b"x" * 1000, max_bytes=1000).text == "x" * 1000


def test_a_missing_file_or_a_folder_is_refused(tmp_path: Path) -> None:
    assert "no file" in _refusal(tmp_path / "nothing.pdf")
    assert "folder" in _refusal(tmp_path)
