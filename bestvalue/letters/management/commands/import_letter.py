"""bestvalue import-letter: propose what an existing letter or statement says, without recording it.

Reads plain text, HTML, PDF or DOCX and prints the authority, events, expectations,
acknowledgements, signatory and addressee it finds, each with its passage and a confidence, for a
person to confirm or correct. It never writes to the database, and nothing is issued or published.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from bestvalue.letters.authorities import NameVariant, reference_variants
from bestvalue.letters.extraction import Proposal, propose
from bestvalue.letters.reading import Document, UnreadableDocument, read_document


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--published-on {value!r} is not a date: enter it as YYYY-MM-DD, like 2024-01-30"
        ) from None


class Command(BaseCommand):
    help = (
        "Propose the authority, events (issued, reissued, not reissued, with dates and periods), "
        "expectations, acknowledgements, signatory and addressee of an existing letter or "
        "statement (plain text, HTML, PDF or DOCX). Each field shows the passage it came from and "
        "a confidence. Nothing is recorded: a person confirms or corrects the proposal first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The letter or statement to read.")
        parser.add_argument(
            "--published-on",
            help="The date the document bears (YYYY-MM-DD), for words like 'today' and dates "
            "without a year. Default: the date line of the letter, if it has one.",
        )
        parser.add_argument(
            "--source",
            help="The web address the document was published at; used to find the authority "
            "when the text never names it.",
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        published_on = _date(options["published_on"]) if options["published_on"] else None
        try:
            document = read_document(path, path.name)
        except UnreadableDocument as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        proposal = propose(
            document.text,
            published_on=published_on,
            variants=self._variants(),
            source_url=options["source"] or document.source_url,
        )
        if options["format"] == "json":
            data = {**proposal.as_json(), "document": {"file": path.name, "kind": document.kind}}
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(render_text(proposal, document, path.name))

    def _variants(self) -> list[NameVariant] | tuple[NameVariant, ...]:
        from bestvalue.letters.selectors import name_variants

        try:
            variants = name_variants()
        except DatabaseError:
            variants = []
        if not variants:
            # A fresh install may not have loaded the authorities yet; the reference files hold
            # the same names, so a proposal can still be made.
            self.stderr.write(
                "The authorities are not loaded (run 'bestvalue setup'); matching names against "
                "the reference files instead."
            )
            return reference_variants()
        return variants


def _quote(passage: str | None, width: int = 160) -> str:
    text = " ".join((passage or "").split())
    return f'"{text[: width - 1]}…"' if len(text) > width else f'"{text}"'


def render_text(proposal: Proposal, document: Document, name: str) -> str:
    """A summary for a person to check: each field with its confidence and source passage."""
    out = [
        f"Proposal from {name} ({document.kind.upper()}). Nothing has been recorded: check each "
        "field and correct it before it enters the record.",
        "",
    ]
    match = proposal.authority
    if match:
        out += [
            f"Authority: {match.name} ({match.gss_code}), confidence {match.confidence:.2f}",
            f"  from {match.evidence}: {_quote(match.passage)}",
        ]
    else:
        out.append("Authority: not found. Choose it by hand.")
    if proposal.published_on:
        out.append(f"Document date: {proposal.published_on:%-d %B %Y}")
    out += ["", f"Events, oldest first ({len(proposal.events)}):"]
    for n, event in enumerate(proposal.events, 1):
        when = f"on {event.on}" if event.on else "date not stated"
        period = f", for {event.period_months} months" if event.period_months else ""
        out.append(
            f"  {n}. {event.kind.replace('_', ' ')} {when}{period}, confidence {event.confidence:.2f}"
        )
        out.append(f"     from: {_quote(event.passage)}")
        if event.period_passage and event.period_passage != event.passage:
            out.append(
                f"     period ({event.period_confidence:.2f}) from: {_quote(event.period_passage)}"
            )
    for title, items in (
        ("Expectations", proposal.expectations),
        ("Acknowledgements", proposal.acknowledgements),
    ):
        out += ["", f"{title} ({len(items)}):"]
        out += [f"  {n}. {item.text} ({item.confidence:.2f})" for n, item in enumerate(items, 1)]
    for title, person in (("Signatory", proposal.signatory), ("Addressee", proposal.addressee)):
        if person:
            who = ", ".join(x for x in (person.name, person.role) if x)
            out += [
                "",
                f"{title}: {who} ({person.confidence:.2f})",
                f"  from: {_quote(person.passage)}",
            ]
        else:
            out += ["", f"{title}: none found"]
    return "\n".join(out)
