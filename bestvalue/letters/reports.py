"""Reports (core.documents) drawn by the letters' renderers: PDF by WeasyPrint from a standalone
HTML document with the letters' print stylesheet, Word by python-docx with the letters' page,
font, header and numbered footer. Charts are SVG in the PDF and PNG in Word."""

from __future__ import annotations

import io

import docx
from django.template.loader import render_to_string
from docx.document import Document as DocxDocument
from docx.shared import Mm, Pt
from markupsafe import Markup

from bestvalue.core.documents import Document, Heading, Paragraph, Table
from bestvalue.letters.rendering import (
    GREY,
    html_to_pdf,
    letter_css,
    page_setup,
    styled_paragraph,
)


def render_report_html(document: Document) -> str:
    return render_to_string(
        "letters/report.html",
        {"doc": document, "css": Markup(letter_css())},  # noqa: S704 - our own stylesheet
    )


def render_report_pdf(document: Document) -> bytes:
    return html_to_pdf(render_report_html(document))


def _table(doc: DocxDocument, table: Table) -> None:
    grid = doc.add_table(rows=1, cols=len(table.headings))
    grid.style = "Table Grid"
    for cell, heading in zip(grid.rows[0].cells, table.headings, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
    for row in table.rows:
        for cell, text in zip(grid.add_row().cells, row, strict=True):
            cell.text = text
    styled_paragraph(doc)


def render_report_docx(document: Document) -> bytes:
    doc = docx.Document()
    doc.core_properties.title = document.title
    page_setup(doc, reference=document.subtitle, footer=document.footer)
    styled_paragraph(doc, document.title, bold=True, size=16)
    styled_paragraph(doc, document.subtitle, colour=GREY)
    for block in document.blocks:
        if isinstance(block, Heading):
            heading = styled_paragraph(
                doc, block.text, bold=True, size=14 if block.level == 2 else 12
            )
            heading.paragraph_format.space_before = Pt(12)
            heading.paragraph_format.keep_with_next = True
        elif isinstance(block, Paragraph):
            styled_paragraph(doc, block.text)
        elif isinstance(block, Table):
            _table(doc, block)
        else:
            doc.add_picture(io.BytesIO(block.png), width=Mm(170))
            styled_paragraph(doc, block.description, size=9.5, colour=GREY)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
