"""Real public texts (tests/data/texts): the importer finds what a careful reader finds in each.

The rules are general; nothing here or in bestvalue/letters knows these files. A text added to the
manifest is tested as it stands.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from bestvalue.letters.authorities import reference_variants
from bestvalue.letters.extraction import Proposal, propose
from bestvalue.letters.reading import read_document

TEXTS = Path(__file__).resolve().parent.parent / "data" / "texts"
MANIFEST = yaml.safe_load((TEXTS / "manifest.yaml").read_text(encoding="utf-8"))["texts"]


def _on(expected: dict[Any, Any]) -> str | None:
    # YAML 1.1 reads the key `on` as True, and unquoted dates as dates.
    value = expected.get("on", expected.get(True))
    return value.isoformat() if isinstance(value, dt.date) else value


def _proposal(entry: dict[str, Any]) -> Proposal:
    document = read_document(TEXTS / entry["file"])
    source = entry["source"] if entry["source"].startswith("http") else None
    return propose(
        document.text,
        published_on=entry["document_date"],
        variants=reference_variants(),
        source_url=source,
    )


@pytest.fixture(params=MANIFEST, ids=[e["file"] for e in MANIFEST])
def entry(request: pytest.FixtureRequest) -> dict[str, Any]:
    return request.param


def test_the_authority_is_found(entry: dict[str, Any]) -> None:
    proposal = _proposal(entry)
    assert proposal.authority_gss == entry["expected"]["authority_gss"]
    assert proposal.authority is not None
    assert 0 < proposal.authority.confidence <= 1
    assert proposal.authority.passage


def test_every_event_is_found_with_its_kind_date_and_period(entry: dict[str, Any]) -> None:
    found = [(e.kind, e.on, e.period_months) for e in _proposal(entry).events]
    for expected in entry["expected"]["events"]:
        matching = [f for f in found if f[0] == expected["kind"] and f[1] == _on(expected)]
        assert matching, f"{expected} not in {found}"
        if "period_months" in expected:
            assert matching[0][2] == expected["period_months"], found


def test_no_event_is_invented_and_they_come_oldest_first(entry: dict[str, Any]) -> None:
    found = [(e.kind, e.on) for e in _proposal(entry).events]
    assert found == [(e["kind"], _on(e)) for e in entry["expected"]["events"]]


def test_the_listed_expectations_are_counted(entry: dict[str, Any]) -> None:
    expected = entry["expected"]["expectations"]
    assert len(_proposal(entry).expectations) == (expected or 0)


COUNTED = [e for e in MANIFEST if "acknowledgements" in e["expected"]]


@pytest.mark.parametrize("counted", COUNTED, ids=[e["file"] for e in COUNTED])
def test_the_acknowledgements_are_counted_where_the_manifest_counts_them(
    counted: dict[str, Any],
) -> None:
    assert len(_proposal(counted).acknowledgements) == counted["expected"]["acknowledgements"]


def test_every_proposed_field_quotes_the_text_it_came_from(entry: dict[str, Any]) -> None:
    text = read_document(TEXTS / entry["file"]).text
    proposal = _proposal(entry)
    for event in proposal.events:
        assert event.passage in text
        assert 0 < event.confidence <= 1
    for item in (*proposal.expectations, *proposal.acknowledgements):
        assert 0 < item.confidence <= 1
    authority = proposal.authority
    assert authority is not None
    if authority.start is not None:
        assert text[authority.start : authority.end] == authority.passage
