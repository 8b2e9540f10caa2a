"""Twelve more real statements (tests/data/texts/statements.yaml): the tuning half is read as a
careful reader reads it; the held-out half is only ever scored, by bench/letter_import_score.py.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import letter_import_score as scorer  # noqa: E402  (bench/ is not a package)

ENTRIES = scorer.load()
TUNING = [e for e in ENTRIES if e["split"] == "tuning"]
HELD_OUT = [e for e in ENTRIES if e["split"] == "held_out"]


def test_the_split_is_the_rule_fixed_before_the_importer_ran() -> None:
    by_digest = sorted(ENTRIES, key=lambda e: hashlib.sha256(e["file"].encode()).hexdigest())
    assert [e["file"] for e in by_digest[: len(ENTRIES) // 2]] == [e["file"] for e in HELD_OUT]
    assert len(ENTRIES) >= 10
    assert len(HELD_OUT) == len(TUNING)
    for entry in ENTRIES:
        assert (scorer.TEXTS / entry["file"]).is_file()
        assert entry["source"].startswith("https://")


@pytest.mark.parametrize("entry", TUNING, ids=[e["file"] for e in TUNING])
def test_each_tuning_text_is_read_as_a_careful_reader_reads_it(entry: dict[str, Any]) -> None:
    result = scorer.score_text(entry)
    assert result.authority == "right"
    assert (result.misses, result.extras) == ([], [])
    assert result.periods_right == result.periods_expected


def test_the_scorer_runs_on_the_held_out_texts_and_accounts_for_every_event() -> None:
    result = scorer.score(HELD_OUT)
    assert [t.file for t in result.texts] == [e["file"] for e in HELD_OUT]
    for text, entry in zip(result.texts, HELD_OUT, strict=True):
        assert text.split == "held_out"
        assert text.authority in ("right", "wrong", "none")
        assert text.expected == len(entry["expected"]["events"])
        assert text.right + len(text.misses) == text.expected
        assert text.right + len(text.extras) == text.proposed
    assert 0 <= result.precision <= 1
    assert 0 <= result.recall <= 1
    report = scorer.report(result, "held-out texts")
    assert all(e["file"] in report for e in HELD_OUT)
    assert "precision" in report
