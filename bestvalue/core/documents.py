"""A report as a list of blocks (headings, paragraphs, tables, figures), built by a domain app
and drawn by letters.reports as PDF and Word, so both say exactly the same thing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from markupsafe import Markup


@dataclass(frozen=True)
class Heading:
    kind: ClassVar[str] = "heading"
    text: str
    level: int = 2  # 2 for a section, 3 for a part of one


@dataclass(frozen=True)
class Paragraph:
    kind: ClassVar[str] = "paragraph"
    text: str


@dataclass(frozen=True)
class Table:
    kind: ClassVar[str] = "table"
    caption: str
    headings: tuple[str, ...]
    rows: Sequence[Sequence[str]]


@dataclass(frozen=True)
class Figure:
    """A chart: SVG for the PDF, PNG for Word, and the words for those who cannot see either."""

    kind: ClassVar[str] = "figure"
    svg: str  # built from escaped text only (improvement.chart)
    png: bytes
    description: str

    @property
    def svg_markup(self) -> Markup:
        return Markup(self.svg)  # noqa: S704 - see svg


Block = Heading | Paragraph | Table | Figure


@dataclass
class Document:
    title: str
    subtitle: str
    footer: str
    blocks: list[Block] = field(default_factory=list)
