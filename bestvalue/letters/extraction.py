"""Propose what a letter or statement says, for a person to confirm or correct. Pure.

A proposal is never a record: nothing here writes, issues or publishes. Every field carries the
passage it came from and a confidence (0 to 1), so the person checking it can see why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bestvalue.letters.authorities import AuthorityMatch, NameVariant, match_authority
from bestvalue.letters.dates import document_date
from bestvalue.letters.events import Event, find_events
from bestvalue.letters.items import (
    Item,
    Person,
    find_acknowledgements,
    find_addressee,
    find_expectations,
    find_signatory,
)


@dataclass(frozen=True)
class Proposal:
    authority: AuthorityMatch | None
    events: tuple[Event, ...]
    expectations: tuple[Item, ...]
    acknowledgements: tuple[Item, ...]
    signatory: Person | None
    addressee: Person | None
    published_on: dt.date | None = None
    published_on_passage: str | None = None  # set when the date was read from the letter

    def with_authority(self, match: AuthorityMatch) -> Proposal:
        """The proposal with the authority a person chose (the text never named one)."""
        return replace(self, authority=match)

    @property
    def authority_gss(self) -> str | None:
        return self.authority.gss_code if self.authority else None

    def as_json(self) -> dict[str, Any]:
        """The proposal as the import command prints it with --format json."""
        return {
            "authority_gss": self.authority_gss,
            "authority": _authority_json(self.authority),
            "events": [
                {
                    "kind": e.kind,
                    "on": e.on,
                    "period_months": e.period_months,
                    "passage": e.passage,
                    "confidence": e.confidence,
                    "date_passage": e.date_passage,
                    "period_passage": e.period_passage,
                    "period_confidence": e.period_confidence,
                    "cues": list(e.cues),
                }
                for e in self.events
            ],
            "expectations": [i.text for i in self.expectations],
            "acknowledgements": [i.text for i in self.acknowledgements],
            "signatory": _person_json(self.signatory),
            "addressee": _person_json(self.addressee),
            "passages": {
                "expectations": [_item_json(i) for i in self.expectations],
                "acknowledgements": [_item_json(i) for i in self.acknowledgements],
            },
            "published_on": self.published_on.isoformat() if self.published_on else None,
            "published_on_passage": self.published_on_passage,
        }


def _fields(found: Any, *names: str) -> dict[str, Any] | None:
    """The named attributes of what was found, for the proposal's JSON; None if nothing was."""
    return None if found is None else {name: getattr(found, name) for name in names}


def _authority_json(match: AuthorityMatch | None) -> dict[str, Any] | None:
    return _fields(match, "gss_code", "name", "passage", "evidence", "confidence")


def _person_json(person: Person | None) -> dict[str, Any] | None:
    return _fields(person, "name", "role", "passage", "confidence")


def _item_json(item: Item) -> dict[str, Any]:
    return {"passage": item.passage, "confidence": item.confidence}


def propose(
    document_text: str,
    *,
    published_on: dt.date | None,
    variants: Sequence[NameVariant],
    source_url: str | None = None,
) -> Proposal:
    """What the text says: the authority, events oldest first, expectations, acknowledgements,
    signatory and addressee.

    `published_on` is the date the document bears; words like "today" and dates without a year
    are resolved against it; without it, the date line of a letter is used, if it has one.
    `source_url` is where the document was published, if known: some
    council pages never name the council, and their address is then the only evidence.
    """
    passage = None
    if published_on is None:
        found = document_date(document_text)
        published_on, passage = (found.date, found.text) if found else (None, None)
    return Proposal(
        authority=match_authority(document_text, variants, source_url=source_url),
        events=tuple(find_events(document_text, published_on=published_on)),
        expectations=tuple(find_expectations(document_text)),
        acknowledgements=tuple(find_acknowledgements(document_text)),
        signatory=find_signatory(document_text),
        addressee=find_addressee(document_text),
        published_on=published_on,
        published_on_passage=passage,
    )
