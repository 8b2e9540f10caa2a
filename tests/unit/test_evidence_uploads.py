"""Checking evidence uploads: the type comes from the content, the name must agree and be safe."""

from __future__ import annotations

import hashlib

import pytest

from bestvalue.improvement import uploads
from bestvalue.improvement.uploads import UploadRefused, check_upload
from tests.factories import make_docx, make_jpeg, make_odt, make_pdf, make_png, make_xlsx, make_zip

LIMIT = 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("name", "make", "key", "content_type"),
    [
        ("report.pdf", make_pdf, "pdf", "application/pdf"),
        ("minutes.docx", make_docx, "docx", uploads.DOCX.content_type),
        ("budget.xlsx", make_xlsx, "xlsx", uploads.XLSX.content_type),
        ("plan.odt", make_odt, "odt", "application/vnd.oasis.opendocument.text"),
        ("figures.csv", lambda: b"date,value\n2024-01-01,-5\n", "csv", "text/csv"),
        ("chart.png", make_png, "png", "image/png"),
        ("photo.JPG", make_jpeg, "jpeg", "image/jpeg"),
        ("photo.jpeg", make_jpeg, "jpeg", "image/jpeg"),
    ],
)
def test_each_accepted_type_is_recognised_by_its_content(
    name: str, make: object, key: str, content_type: str
) -> None:
    data = make()  # type: ignore[operator]
    checked = check_upload(data, name, max_bytes=LIMIT)
    assert checked.file_type.key == key
    assert checked.file_type.content_type == content_type
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.size == len(data)


def test_a_name_without_an_extension_gets_the_contents() -> None:
    assert check_upload(make_pdf(), "Peer challenge", max_bytes=LIMIT).name == "Peer challenge.pdf"


def test_a_name_is_made_safe_for_showing_and_downloading() -> None:
    checked = check_upload(make_pdf(), "Board <minutes> 12.03.2024 & notes.pdf", max_bytes=LIMIT)
    assert checked.name == "Board _minutes_ 12.03.2024 _ notes.pdf"


def test_dots_inside_a_name_are_not_taken_for_extensions() -> None:
    assert (
        check_upload(make_pdf(), "Plan v2.1 final.pdf", max_bytes=LIMIT).name
        == "Plan v2.1 final.pdf"
    )


def test_a_macro_enabled_document_is_refused() -> None:
    data = make_zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<document/>",
            "word/vbaProject.bin": b"\x00" * 10,
        }
    )
    with pytest.raises(UploadRefused, match="contains macros"):
        check_upload(data, "minutes.docx", max_bytes=LIMIT)


def test_a_zip_that_lies_about_its_size_is_refused_as_damaged() -> None:
    data = bytearray(
        make_zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"x" * 5000})
    )
    # Declare 10 bytes for word/document.xml in the central directory: reading it trips the CRC.
    central = data.index(b"PK\x01\x02", data.index(b"PK\x01\x02") + 4)
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    with pytest.raises(UploadRefused, match="damaged"):
        check_upload(bytes(data), "minutes.docx", max_bytes=LIMIT)


def test_a_pdf_that_cannot_be_parsed_is_refused_as_damaged() -> None:
    with pytest.raises(UploadRefused, match="The PDF is damaged"):
        check_upload(b"%PDF-1.7\n" + b"\x00garbage" * 50, "report.pdf", max_bytes=LIMIT)


def test_an_odt_spreadsheet_is_not_an_odt_text() -> None:
    data = make_zip(
        {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"},
        stored_first="mimetype",
    )
    with pytest.raises(UploadRefused, match="not a text document"):
        check_upload(data, "sheet.odt", max_bytes=LIMIT)


def test_a_csv_cell_that_is_a_formula_is_refused_naming_its_line() -> None:
    with pytest.raises(UploadRefused, match="Line 2 of the CSV file has a cell starting with '='"):
        check_upload(b'a,b\n1,=HYPERLINK("http://x")\n', "data.csv", max_bytes=LIMIT)


def test_negative_numbers_and_dashes_in_a_csv_are_not_formulas() -> None:
    check_upload(b"a,b,c\n-5,+3.5,-\n", "data.csv", max_bytes=LIMIT)


def test_read_limited_stops_one_byte_past_the_limit() -> None:
    import io

    stream = io.BytesIO(b"x" * 100)
    with pytest.raises(
        UploadRefused, match="The file is too large: it must be 10 bytes or smaller"
    ):
        uploads.read_limited(stream, 10)
    assert stream.tell() == 11
