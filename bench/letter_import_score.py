"""How well letter import reads real statements it was not written against.

    DEBUG=true .venv/bin/python bench/letter_import_score.py              # the held-out half
    DEBUG=true .venv/bin/python bench/letter_import_score.py --split all  # every text, by split

Reads tests/data/texts/statements.yaml (twelve public statements about best value notices, split
by a rule fixed before the importer ever ran on them: the six file names whose SHA-256 sorts
lowest are held out) and runs the importer exactly as `bestvalue import-letter FILE
--published-on DATE --source URL` does, against the authorities' reference names. For each
text it scores:

- the authority: right, wrong, or none found (where no authority is found the command asks a
  person, so "none" is not a wrong answer but is not counted right either);
- the events: an event is right when its kind and date (to the precision the text gives) match
  one the careful reader recorded; precision = right / proposed, recall = right / expected;
- the period of each right event, where the reader recorded one.

No database; no threshold: it reports what it measures. `score(entries)` is what the test calls.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEXTS = ROOT / "tests" / "data" / "texts"
STATEMENTS = TEXTS / "statements.yaml"


@dataclass
class TextScore:
    file: str
    split: str
    authority: str  # "right" | "wrong" | "none"
    expected: int
    proposed: int
    right: int
    periods_expected: int
    periods_right: int
    misses: list[str] = field(default_factory=list)  # expected events not proposed
    extras: list[str] = field(default_factory=list)  # proposed events not expected


@dataclass
class Score:
    texts: list[TextScore]

    def _sum(self, name: str) -> int:
        return sum(getattr(t, name) for t in self.texts)

    @property
    def authority_right(self) -> int:
        return sum(t.authority == "right" for t in self.texts)

    @property
    def authority_wrong(self) -> int:
        return sum(t.authority == "wrong" for t in self.texts)

    @property
    def precision(self) -> float:
        proposed = self._sum("proposed")
        return self._sum("right") / proposed if proposed else 1.0

    @property
    def recall(self) -> float:
        expected = self._sum("expected")
        return self._sum("right") / expected if expected else 1.0

    @property
    def texts_exact(self) -> int:
        return sum(not t.misses and not t.extras for t in self.texts)


def _on(expected: dict[Any, Any]) -> str | None:
    # YAML 1.1 reads the key `on` as True, and unquoted dates as dates.
    value = expected.get("on", expected.get(True))
    return value.isoformat() if isinstance(value, dt.date) else value


def load(path: Path = STATEMENTS) -> list[dict[str, Any]]:
    import yaml

    entries: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["texts"]
    return entries


def score_text(entry: dict[str, Any]) -> TextScore:
    from bestvalue.letters.authorities import reference_variants
    from bestvalue.letters.extraction import propose
    from bestvalue.letters.reading import read_document

    document = read_document(TEXTS / entry["file"])
    proposal = propose(
        document.text,
        published_on=entry["document_date"],
        variants=reference_variants(),
        source_url=entry.get("source"),
    )
    expected = entry["expected"]
    gss = proposal.authority_gss
    authority = "none" if gss is None else "right" if gss == expected["authority_gss"] else "wrong"
    wanted = Counter((e["kind"], _on(e)) for e in expected["events"])
    found = Counter((e.kind, e.on) for e in proposal.events)
    right = wanted & found
    periods = {(e.kind, e.on): e.period_months for e in proposal.events}
    with_period = [e for e in expected["events"] if "period_months" in e]
    return TextScore(
        file=entry["file"],
        split=entry["split"],
        authority=authority,
        expected=sum(wanted.values()),
        proposed=sum(found.values()),
        right=sum(right.values()),
        periods_expected=len(with_period),
        periods_right=sum(
            periods.get((e["kind"], _on(e))) == e["period_months"] for e in with_period
        ),
        misses=[f"{k} {on}" for (k, on) in (wanted - found).elements()],
        extras=[f"{k} {on}" for (k, on) in (found - wanted).elements()],
    )


def score(entries: list[dict[str, Any]]) -> Score:
    return Score([score_text(entry) for entry in entries])


def report(result: Score, title: str) -> str:
    lines = [
        f"### {title}",
        "",
        "| text | authority | events right / expected / proposed | periods right | missed | extra |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for t in result.texts:
        lines.append(
            f"| {t.file} | {t.authority} | {t.right} / {t.expected} / {t.proposed} "
            f"| {t.periods_right} of {t.periods_expected} | {', '.join(t.misses) or '-'} "
            f"| {', '.join(t.extras) or '-'} |"
        )
    n = len(result.texts)
    lines += [
        "",
        f"Authority right in {result.authority_right} of {n} texts "
        f"({result.authority_wrong} wrong, {n - result.authority_right - result.authority_wrong} "
        "asked of a person); events: precision "
        f"{result.precision:.2f}, recall {result.recall:.2f}; texts read exactly: "
        f"{result.texts_exact} of {n}.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("held_out", "tuning", "all"), default="held_out")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bestvalue.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    entries = load()
    splits = ("tuning", "held_out") if args.split == "all" else (args.split,)
    for split in splits:
        chosen = [e for e in entries if e["split"] == split]
        print(report(score(chosen), f"{split.replace('_', '-')} texts ({len(chosen)})"))
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
