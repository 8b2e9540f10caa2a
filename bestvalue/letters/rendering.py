"""Turn a LetterContent into HTML (a standalone document with print CSS), PDF (WeasyPrint, from
that HTML) and DOCX (python-docx, from the same content), so all three say the same thing."""

from __future__ import annotations

import functools
import io
from pathlib import Path

import docx
from django.template.loader import render_to_string
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from markupsafe import Markup

from bestvalue.letters.content import LetterContent, Section

CSS_PATH = Path(__file__).resolve().parent / "static" / "letters" / "letter.css"
FONT = "Arial"
GREY = RGBColor(0x50, 0x5A, 0x5F)
RED = RGBColor(0xD4, 0x35, 0x1C)


@functools.cache
def letter_css() -> str:
    return CSS_PATH.read_text(encoding="utf-8")


def render_html(letter: LetterContent) -> str:
    """The letter as a standalone HTML document, its print stylesheet inlined."""
    return render_to_string(
        "letters/document.html",
        {"letter": letter, "h": 1, "css": Markup(letter_css())},  # noqa: S704 - our own stylesheet
    )


def render_pdf(letter: LetterContent) -> bytes:
    """The letter as PDF (A4, page numbers), by WeasyPrint from the HTML document.

    Nothing is fetched while rendering: the stylesheet is inline and the letter has no images,
    so a fetcher that refuses every protocol keeps text from the record from reaching anywhere.
    """
    return html_to_pdf(render_html(letter))


def html_to_pdf(html: str) -> bytes:
    """A standalone HTML document (inline styles and images only) as PDF, by WeasyPrint."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=frozenset())
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf


# --- DOCX -------------------------------------------------------------------------------------


def styled_run(
    paragraph: Paragraph,
    text: str,
    *,
    bold: bool = False,
    size: float = 11,
    colour: RGBColor | None = None,
) -> None:
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)
    if colour is not None:
        run.font.color.rgb = colour


def styled_paragraph(doc: DocxDocument, text: str = "", **style: object) -> Paragraph:
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(8)
    if text:
        styled_run(paragraph, text, **style)  # type: ignore[arg-type]
    return paragraph


def _field(paragraph: Paragraph, code: str) -> None:
    """A Word field (PAGE, NUMPAGES), which Word fills in when it lays the document out."""
    run = paragraph.add_run()
    run.font.size = Pt(9)
    run.font.color.rgb = GREY
    for kind, text in (
        ("begin", None),
        (None, code),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText" if text == code else "w:t")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {code} " if text == code else text
        run._r.append(element)


def page_setup(doc: DocxDocument, *, reference: str, footer: str, draft: bool = False) -> None:
    """A4 with the letters' margins and font, the reference in the header and the footer with
    page numbers: letters and reports look alike."""
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(22), Mm(24)
    section.left_margin = section.right_margin = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    header = section.header.paragraphs[0]
    if draft:
        styled_run(header, "DRAFT: NOT ISSUED    ", bold=True, size=9, colour=RED)
    styled_run(header, reference, size=9, colour=GREY)
    running = section.footer.paragraphs[0]
    styled_run(running, f"{footer}    Page ", size=9, colour=GREY)
    _field(running, "PAGE")
    styled_run(running, " of ", size=9, colour=GREY)
    _field(running, "NUMPAGES")


def _section(doc: DocxDocument, section: Section) -> None:
    heading = styled_paragraph(doc, section.heading, bold=True, size=11.5)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.keep_with_next = True
    for text in section.paragraphs:
        styled_paragraph(doc, text)
    for number, item in enumerate(section.items, 1):
        # Numbers are written, not Word list numbering, which continues across separate lists
        # unless each is given its own numbering definition.
        paragraph = styled_paragraph(doc, f"{number}.\t{item.text}")
        paragraph.paragraph_format.left_indent = Mm(8)
        paragraph.paragraph_format.first_line_indent = Mm(-8)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(8))
        if item.note:
            styled_run(paragraph, f"\n{item.note}", size=9.5, colour=GREY)
    for text in section.after:
        styled_paragraph(doc, text)


def render_docx(letter: LetterContent) -> bytes:
    """The letter as a Word document (A4, page numbers), from the same content as the PDF."""
    doc = docx.Document()
    doc.core_properties.title = letter.metadata.get("title", letter.title)
    doc.core_properties.author = letter.metadata.get("author", letter.department)
    doc.core_properties.subject = letter.reference
    page_setup(doc, reference=letter.reference, footer=letter.footer, draft=letter.draft)
    if letter.draft:
        styled_paragraph(doc, "DRAFT: NOT ISSUED", bold=True, size=14, colour=RED)
    styled_paragraph(doc, letter.department, bold=True, size=12)
    meta = styled_paragraph(doc)
    meta.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    styled_run(meta, "Reference: ", bold=True)
    styled_run(meta, letter.reference)
    styled_run(meta, "\nDate: ", bold=True)
    styled_run(meta, letter.dated)
    styled_paragraph(doc, "\n".join(letter.addressee))
    styled_paragraph(doc, letter.salutation)
    styled_paragraph(doc, letter.subject, bold=True, size=13)
    for text in letter.opening:
        styled_paragraph(doc, text)
    for section in letter.sections:
        _section(doc, section)
    for text in letter.closing:
        styled_paragraph(doc, text)
    styled_paragraph(doc, letter.sign_off)
    signatory = styled_paragraph(doc)
    signatory.paragraph_format.space_before = Pt(30)
    for n, line in enumerate(letter.signatory):
        styled_run(signatory, ("\n" if n else "") + line, bold=n == 0)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
