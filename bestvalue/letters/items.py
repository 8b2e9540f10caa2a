"""Expectations, acknowledgements, signatory and addressee in a letter or statement. Pure.

Expectations are what a notice lists after a lead-in such as "The Department expects the
Authority to:" or "these are:": bulleted or numbered items, or plain lines after a lead-in that
says "expect" or "request". Text that mentions requests in passing ("This Notice requested that
the Council end the trial") is not a list, so it is not counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bestvalue.letters.text import (
    ENDS_COMPLETE,
    LIST_ITEM,
    QUOTES,
    Span,
    is_heading,
    lines,
    sentences,
)


@dataclass(frozen=True)
class Item:
    text: str
    passage: str
    confidence: float


@dataclass(frozen=True)
class Person:
    name: str | None
    role: str | None
    passage: str
    confidence: float


# A lead-in to a list of expectations names what follows as expectations, areas for improvement,
# requests, requirements or actions.
_CUE = re.compile(
    r"\b(?:expect\w*|areas?\s+(?:for|where|of|in\s+which|to)|improvements?|request\w*|"
    r"requir\w*|ask\w*|calls?\s+on|called\s+on|actions?|steps)\b",
    re.I,
)
_STRONG_CUE = re.compile(r"\b(?:expect\w*|request\w*|requir\w*)\b", re.I)
_LEAD_IN_END = re.compile(rf":[\s{QUOTES}]*$")
_INLINE_MARKER = re.compile(r"(?:^|\s)\(?(?:\d{1,2}|[a-h])\)\s+")
_NUMBERS = {
    w: n
    for n, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_MAX_PLAIN_ITEMS = 15


def _clean(item: str) -> str:
    item = LIST_ITEM.sub("", item, count=1).strip()
    item = re.sub(r"\s+", " ", item)
    item = re.sub(r"[;,]?\s*(?:and|or)$", "", item).rstrip(";,")
    return item.strip(" \"'\u2018\u2019\u201c\u201d")


def _stated_count(lead_in: str) -> int | None:
    """The number a lead-in announces: "five specific areas", "the following 3 expectations"."""
    match = re.search(
        r"\b(\d{1,2}|" + "|".join(_NUMBERS) + r")\s+(?:\w+\s+){0,2}"
        r"(?:areas?|expectations?|actions?|steps|requests?|requirements?|things)\b",
        lead_in,
        re.I,
    )
    if not match:
        return None
    word = match.group(1).casefold()
    return int(word) if word.isdigit() else _NUMBERS[word]


def _bulleted(all_lines: list[Span], first: int) -> list[list[str]]:
    """Items from `first` on, each a list of its lines, until the list ends."""
    items: list[list[str]] = []
    blank = False
    for line in all_lines[first:]:
        if not line.text.strip():
            blank = True
            continue
        if LIST_ITEM.match(line.text):
            items.append([line.text])
        elif (
            items
            and not blank
            and (not ENDS_COMPLETE.search(items[-1][-1]) or line.text.lstrip()[:1].islower())
        ):
            items[-1].append(line.text)  # the item continues on the next line
        else:
            break
        blank = False
    return items


def _plain(all_lines: list[Span], first: int) -> list[list[str]]:
    items: list[list[str]] = []
    for line in all_lines[first:]:
        if not line.text.strip() or _LEAD_IN_END.search(line.text):
            break
        items.append([line.text])
        if len(items) == _MAX_PLAIN_ITEMS:
            break
    return items


def _inline(lead_in: str) -> list[str]:
    """Items numbered inside the lead-in's own paragraph: "to: (1) do this; (2) do that"."""
    tail = lead_in.split(":", 1)[1] if ":" in lead_in else ""
    parts = _INLINE_MARKER.split(tail)
    return [p for p in (_clean(p) for p in parts[1:]) if p] if len(parts) > 2 else []


def find_expectations(text: str) -> list[Item]:
    """The listed expectations, in order, each with its lead-in as the passage."""
    all_lines = lines(text)
    found: list[Item] = []
    seen: set[str] = set()
    for number, line in enumerate(all_lines):
        inline = _inline(line.text) if _CUE.search(line.text.split(":", 1)[0]) else []
        if not inline and not (_LEAD_IN_END.search(line.text) and _CUE.search(line.text)):
            continue
        if inline:
            texts, confidence = inline, 0.75
        else:
            following = next((x.text for x in all_lines[number + 1 :] if x.text.strip()), "")
            if LIST_ITEM.match(following):
                texts, confidence = (
                    [_clean(" ".join(i)) for i in _bulleted(all_lines, number + 1)],
                    0.85,
                )
            elif _STRONG_CUE.search(line.text):
                texts, confidence = (
                    [_clean(" ".join(i)) for i in _plain(all_lines, number + 1)],
                    0.6,
                )
            else:
                continue
        stated = _stated_count(line.text)
        if stated is not None:
            confidence = 0.95 if stated == len(texts) else 0.5
        for item in texts:
            if item and item.casefold() not in seen:
                seen.add(item.casefold())
                found.append(Item(item, f"{line.text.strip()} … {item}", confidence))
    return found


# The department acknowledging progress: "recognise the Authority's progress", "noted the
# conclusion of", "thanked the council". Words a spokesperson for the authority says about the
# notice ("..., said: 'The notice acknowledges...'") are the authority's reading, not the letter's.
_ACKNOWLEDGES = re.compile(
    r"\b(?:acknowledg\w*|recognis\w*|recogniz\w*|noted|commended|praised|thanked|"
    r"pleased\s+to\s+(?:see|note))\b",
    re.I,
)
_REPORTED_SPEECH = re.compile(r"\b(?:said|says|added|commented|commenting)\b", re.I)


def _acknowledges(text: str) -> bool:
    return bool(_ACKNOWLEDGES.search(text)) and not _REPORTED_SPEECH.search(text)


def find_acknowledgements(text: str) -> list[Item]:
    """The progress the department acknowledges: the items listed after a lead-in that
    acknowledges ("The Department recognises the progress the Authority has made:"), else each
    sentence that acknowledges. A lead-in is not itself an acknowledgement."""
    all_lines = lines(text)
    found: list[Item] = []
    lead_ins: list[str] = []
    for number, line in enumerate(all_lines):
        if not (_LEAD_IN_END.search(line.text) and _acknowledges(line.text)):
            continue
        following = next((x.text for x in all_lines[number + 1 :] if x.text.strip()), "")
        if not LIST_ITEM.match(following):
            continue
        lead_ins.append(" ".join(line.text.split()))
        for item in _bulleted(all_lines, number + 1):
            cleaned = _clean(" ".join(item))
            if cleaned:
                found.append(Item(cleaned, f"{line.text.strip()} … {cleaned}", 0.85))
    for sentence in sentences(text):
        if is_heading(sentence) or LIST_ITEM.match(sentence.text):
            continue
        if any(" ".join(sentence.text.split()) in lead_in for lead_in in lead_ins):
            continue
        if _acknowledges(sentence.text):
            found.append(Item(sentence.text, sentence.text, 0.6))
    return found


_SIGN_OFF = re.compile(
    r"^\s*(?:yours\s+(?:sincerely|faithfully|truly)|(?:kind|best|warm)\s+regards|regards|"
    r"(?:with\s+)?best\s+wishes)[,.]?\s*$",
    re.I,
)
_SALUTATION = re.compile(r"^\s*Dear\s+(?P<who>[^,\n]{2,80}?)\s*,?\s*$")
_PLACEHOLDER = re.compile(r"^\s*\[.*\]\s*$|^\s*(?:signed|signature)\b", re.I)


def _short(line: str) -> bool:
    return 0 < len(line.split()) <= 12 and not line.rstrip().endswith(".")


def find_signatory(text: str) -> Person | None:
    """The name (and role) under the sign-off, if the text has one."""
    all_lines = [line.text.strip() for line in lines(text)]
    for number, line in enumerate(all_lines):
        if not _SIGN_OFF.match(line):
            continue
        following = [
            x for x in all_lines[number + 1 : number + 8] if x and not _PLACEHOLDER.match(x)
        ]
        if not following or not _short(following[0]) or len(following[0].split()) > 6:
            return None
        role = following[1] if len(following) > 1 and _short(following[1]) else None
        passage = "\n".join([line, *following[:2]])
        return Person(following[0], role, passage, 0.8 if role else 0.7)
    return None


# Forms of address before a surname, and salutations that name a role rather than a person.
_TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "cllr", "councillor", "mayor", "sir"})
_ROLES = frozenset({"chief executive", "mayor", "leader", "sir", "madam", "sir or madam"})
_ADDRESS_BLOCK_REACH = 20


def _greeted(salutation: str) -> str:
    """The word of a name the salutation uses: Rob in "Dear Rob", Bridge in "Dear Mr Bridge"."""
    words = salutation.split()
    return words[-1] if words[0].casefold().rstrip(".") in _TITLES else words[0]


def _address_block_name(all_lines: list[str], number: int, greeted: str) -> Person | None:
    for back in range(number - 1, max(-1, number - _ADDRESS_BLOCK_REACH), -1):
        candidate = all_lines[back]
        if greeted in candidate.split() and _short(candidate) and len(candidate.split()) <= 6:
            role = all_lines[back + 1] if back + 1 < number else None
            role = role if role and _short(role) else None
            passage = "\n".join(x for x in (candidate, role, all_lines[number]) if x)
            return Person(candidate, role, passage, 0.75)
    return None


def find_addressee(text: str) -> Person | None:
    """Who the letter is addressed to: the name in the address block that the salutation
    greets, else the salutation itself ("Dear Chief Executive")."""
    all_lines = [line.text.strip() for line in lines(text)]
    for number, line in enumerate(all_lines):
        match = _SALUTATION.match(line)
        if not match:
            continue
        who = match["who"].strip()
        person = _address_block_name(all_lines, number, _greeted(who))
        if person:
            return person
        if who[:1].isupper() and len(who.split()) <= 4:
            is_role = who.casefold() in _ROLES
            return Person(None if is_role else who, who if is_role else None, line, 0.5)
    return None
