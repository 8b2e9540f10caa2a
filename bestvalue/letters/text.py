"""Sentences and lines of a document, with their offsets, for the extraction rules to work on."""

from __future__ import annotations

import re
from typing import NamedTuple


class Span(NamedTuple):
    start: int
    end: int
    text: str


# Straight and typographic quotes, dashes and bullets, escaped for use inside [...] in a pattern.
QUOTES = re.escape("\"'\u2018\u2019\u201c\u201d")
CLOSING_QUOTES = re.escape("\"'\u2019\u201d")
DASHES = re.escape("-\u2013\u2014")
BULLETS = re.escape("\u2022\u00b7\u25aa\u25e6\u25cf*") + DASHES

# Titles and abbreviations whose full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "no", "cllr", "rt", "hon", "prof", "e.g", "i.e", "etc", "cf"}
)
_SENTENCE_END = re.compile(rf"[.!?][{CLOSING_QUOTES})\]]*(?=\s+[{QUOTES}(\[A-Z0-9{BULLETS}])")
LIST_ITEM = re.compile(rf"^\s*(?:[{BULLETS}]|\(?\d{{1,2}}[.)]|\(?[a-z][.)]|\(?[ivx]{{1,4}}[.)])\s+")
# The end of a sentence, a clause or a quotation: what a line ends with when it is complete.
ENDS_COMPLETE = re.compile(rf"[.!?:;{CLOSING_QUOTES})]\s*$")


def lines(text: str) -> list[Span]:
    spans = []
    offset = 0
    for line in text.split("\n"):
        spans.append(Span(offset, offset + len(line), line))
        offset += len(line) + 1
    return spans


def sentences(text: str) -> list[Span]:
    """Sentences in order; each line is at least one (headings and list items stand alone)."""
    found = []
    for line in lines(text):
        start = line.start
        for match in _SENTENCE_END.finditer(line.text):
            words = line.text[: match.start()].split()
            last = words[-1].casefold().rstrip(".") if words else ""
            if last in _ABBREVIATIONS:
                continue
            end = line.start + match.end()
            found.append(_trimmed(text, start, end))
            start = end
        if line.end > start:
            found.append(_trimmed(text, start, line.end))
    return [s for s in found if s.text]


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])


def is_heading(sentence: Span) -> bool:
    """A line with no closing punctuation: a title or heading, not a statement."""
    return not ENDS_COMPLETE.search(sentence.text)
