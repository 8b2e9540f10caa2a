"""The progress report as PDF and Word, drawn by the letters' renderers: the same figures as the
report's page, with each measure's chart."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from tests.clients import CheckingClient
from tests.factories import make_improvement_world, make_issued_notice, make_officer

pytestmark = pytest.mark.django_db

PERIOD = {"from": "2024-01-01", "to": "2024-12-31"}


def _words(text: str) -> str:
    return " ".join(text.split())


def _page_cells(content: str) -> list[str]:
    """The text of every cell of the report page's tables."""
    cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", content, flags=re.S)
    return [_words(html.unescape(re.sub(r"<[^>]+>", " ", c))) for c in cells]


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return _words(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages))


def _docx(data: bytes) -> tuple[str, Any]:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return _words(" ".join(parts)), doc


@pytest.fixture
def report(settings: Any) -> dict[str, Any]:
    world = make_improvement_world(make_issued_notice(), settings=settings)
    client = CheckingClient()
    client.force_login(make_officer(world["improvement_authority"]))
    gss_code = world["improvement_authority"].gss_code
    page = client.get(reverse("staff:improvement-progress", kwargs={"gss_code": gss_code}), PERIOD)
    assert page.status_code == 200
    return {"client": client, "gss_code": gss_code, "page": page.content.decode()}


def _download(report: dict[str, Any], name: str) -> bytes:
    url = reverse(name, kwargs={"gss_code": report["gss_code"]})
    response = report["client"].get(url, PERIOD)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "attachment" in response["Content-Disposition"]
    return bytes(response.content)


def test_the_progress_report_pdf_holds_the_pages_figures_and_charts(
    report: dict[str, Any],
) -> None:
    text = _pdf_text(_download(report, "staff:improvement-progress-pdf"))
    cells = [c for c in _page_cells(report["page"]) if c]
    assert "55 % (1 April 2024)" in cells
    for cell in cells:
        assert cell in text, cell
    assert "From 1 January 2024 to 31 December 2024" in text
    assert "Reasonable assurance" in text
    assert "Good progress." in text
    # The measure's chart: its target line's label and its description.
    assert "Target 70" in text
    assert "Line chart of Staff survey engagement (%)" in text


def test_the_progress_report_pdf_as_docx_holds_the_same_figures_and_the_chart(
    report: dict[str, Any],
) -> None:
    text, doc = _docx(_download(report, "staff:improvement-progress-docx"))
    for cell in (c for c in _page_cells(report["page"]) if c):
        assert cell in text, cell
    assert "Reasonable assurance" in text
    assert "Line chart of Staff survey engagement (%)" in text
    assert len(doc.inline_shapes) == 1  # the measure's chart, as an image


def test_a_progress_report_pdf_for_a_refused_period_shows_the_error(
    report: dict[str, Any],
) -> None:
    url = reverse("staff:improvement-progress-pdf", kwargs={"gss_code": report["gss_code"]})
    response = report["client"].get(url, {"from": "2024-12-31", "to": "2024-01-01"})
    assert response.status_code == 400
    assert "The last day of the period must be on or after the first" in response.content.decode()
