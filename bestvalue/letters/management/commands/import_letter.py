"""bestvalue import-letter: propose what an existing letter or statement says, without recording it.

Reads plain text, HTML, PDF or DOCX and prints the authority, events, expectations,
acknowledgements, signatory and addressee it finds, each with its passage and a confidence, for a
person to confirm or correct. It never writes to the database, and nothing is issued or published.
A text that never names its authority is not guessed at: the command asks at a terminal, takes
--authority, or refuses with what to do.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from bestvalue.letters.authorities import NameVariant, chosen_authority, reference_variants
from bestvalue.letters.extraction import Proposal, propose
from bestvalue.letters.reading import Document, UnreadableDocument, read_document

NOT_NAMED = "The text never names the authority it is about, and the import does not guess one."
HOW_TO_NAME = (
    "Give it with --authority (its name or ONS GSS code, like 'Middlesbrough Council' or "
    "E06000002), or --source with the address the text was published at, or run the command "
    "at a terminal to be asked. Nothing was imported."
)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--published-on {value!r} is not a date: enter it as YYYY-MM-DD, like 2024-01-30"
        ) from None


_UNKNOWN = (
    "is not one authority's name or GSS code in the reference data: write the name as it is "
    "registered (like 'Middlesbrough Council') or its code (like E06000002)."
)


class Command(BaseCommand):
    help = (
        "Propose the authority, events (issued, reissued, not reissued, with dates and periods), "
        "expectations, acknowledgements, signatory and addressee of an existing letter or "
        "statement (plain text, HTML, PDF or DOCX). Each field shows the passage it came from and "
        "a confidence. Nothing is recorded: a person confirms or corrects the proposal first."
    )

    # Tests hand the command a stand-in for the terminal (call_command(..., stdin=...)).
    stealth_options = ("stdin",)

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
        parser.add_argument(
            "--authority",
            help="The authority the text is about (its name or ONS GSS code), for a text that "
            "never names it. Without it, such a text is refused, or at a terminal you are asked.",
        )
        parser.add_argument("--format", choices=("text", "json"), default="text")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        published_on = _date(options["published_on"]) if options["published_on"] else None
        try:
            document = read_document(path, path.name)
        except UnreadableDocument as exc:
            raise CommandError(f"{exc} Nothing was imported.") from exc
        variants = self._variants()
        proposal = propose(
            document.text,
            published_on=published_on,
            variants=variants,
            source_url=options["source"] or document.source_url,
        )
        if proposal.authority is None:
            stdin: TextIO = options.get("stdin") or sys.stdin
            proposal = proposal.with_authority(self._ask(options["authority"], variants, stdin))
        if options["format"] == "json":
            data = {**proposal.as_json(), "document": {"file": path.name, "kind": document.kind}}
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
        else:
            self.stdout.write(render_text(proposal, document, path.name))

    def _ask(self, given: str | None, variants: Sequence[NameVariant], stdin: TextIO) -> Any:
        """The authority a person names for a text that never names one: from --authority, or
        asked at a terminal until they name one (a blank answer stops); never guessed."""
        if given is not None:
            match = chosen_authority(given, variants)
            if match is None:
                raise CommandError(f"--authority {given!r} {_UNKNOWN} Nothing was imported.")
            return match
        if not stdin.isatty():
            raise CommandError(f"{NOT_NAMED} {HOW_TO_NAME}")
        self.stdout.write(NOT_NAMED)
        while True:
            self.stdout.write("Which authority is it about? (name or GSS code; blank to stop) ")
            answer = stdin.readline().strip()
            if not answer:
                raise CommandError(f"No authority given. {HOW_TO_NAME}")
            match = chosen_authority(answer, variants)
            if match is not None:
                return match
            self.stdout.write(f"{answer!r} {_UNKNOWN}")

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
        if event.cues:
            out.append(f"     weaker because: {'; '.join(event.cues)}")
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
