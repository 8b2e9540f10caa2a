"""An authority's improvement record as tables for download: the plan, the measures and their
readings, the evidence list, the board's assurance and its recommendations, each a list of rows
of real values (dates as dates, numbers as numbers), in the order the pages show them.

Interfaces write the tables as CSV or Excel (core.spreadsheets); nothing here knows the format.
Each table is read in a fixed number of queries; readings, the longest, are read in chunks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from bestvalue.improvement import rules
from bestvalue.improvement.models import (
    AssuranceStatement,
    Evidence,
    Measure,
    PlanAction,
    Reading,
    Recommendation,
)
from bestvalue.improvement.selectors import summarise

Row = tuple[Any, ...]


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    headings: tuple[str, ...]
    rows: Callable[[], Iterable[Row]]  # read when written, so a download streams


def _refs(expectations: Iterable[Any]) -> str:
    return ", ".join(f"{e.notice.reference} {e.position}" for e in expectations)


def _published(record: Any) -> str:
    return "Published" if record.published_at else "Not published"


def _plan(authority: Any, today: dt.date) -> Iterator[Row]:
    actions = (
        PlanAction.objects.filter(authority=authority)
        .prefetch_related(
            "expectations__notice",
            "themes",
        )
        .order_by("number")
    )
    for a in actions:
        yield (
            a.number,
            a.title,
            a.description,
            _refs(a.expectations.all()),
            ", ".join(t.name for t in a.themes.all()),
            a.owner,
            a.due_on,
            a.get_status_display(),
            "Yes" if rules.is_overdue(a.status, a.due_on, today) else "No",
            _published(a),
        )


def _measures(authority: Any, today: dt.date) -> Iterator[Row]:
    measures = (
        Measure.objects.filter(authority=authority)
        .prefetch_related(
            Prefetch("readings", queryset=Reading.objects.order_by("taken_on")),
            "expectations__notice",
        )
        .order_by("name")
    )
    for m in measures:
        s = summarise(m, as_at=today)
        yield (
            m.name,
            m.definition,
            _refs(m.expectations.all()),
            m.unit,
            m.get_direction_display(),
            m.baseline_value,
            m.baseline_on,
            m.target_value,
            m.target_on,
            s.latest.value if s.latest else None,
            s.latest.taken_on if s.latest else None,
            s.status.label,
            _published(m),
        )


def _readings(authority: Any) -> Iterator[Row]:
    readings = (
        Reading.objects.filter(measure__authority=authority)
        .order_by("measure__name", "taken_on")
        .values_list("measure__name", "measure__unit", "taken_on", "value", "source")
    )
    yield from readings.iterator(chunk_size=2000)


def _evidence(authority: Any) -> Iterator[Row]:
    evidence = (
        Evidence.objects.filter(authority=authority)
        .select_related("added_by")
        .prefetch_related(
            "expectations__notice",
            "actions",
        )
        .order_by("-effective_on", "title")
    )
    for e in evidence:
        yield (
            e.title,
            e.get_kind_display(),
            e.effective_on,
            _refs(e.expectations.all()),
            ", ".join(str(a.number) for a in e.actions.all()),
            e.original_name or e.url,
            e.sha256,
            e.added_by.get_full_name() or e.added_by.username,
            e.added_at.date(),
            _published(e),
        )


def _assurance(authority: Any) -> Iterator[Row]:
    statements = (
        AssuranceStatement.objects.filter(meeting__board__authority=authority)
        .select_related("meeting__board", "expectation__notice")
        .order_by("-meeting__held_on", "expectation__position")
    )
    return (
        (
            s.meeting.board.name,
            s.meeting.held_on,
            f"{s.expectation.notice.reference} {s.expectation.position}",
            s.get_rating_display(),
            s.narrative,
            _published(s),
        )
        for s in statements
    )


def _recommendations(authority: Any) -> Iterator[Row]:
    # The columns the board's page shows, in its order (board, then number).
    for r in (
        Recommendation.objects.filter(board__authority=authority)
        .select_related("board", "meeting")
        .order_by("board__name", "number")
    ):
        yield (
            r.board.name,
            r.number,
            r.meeting.held_on,
            r.text,
            r.owner,
            r.get_status_display(),
            r.response,
            r.responded_on,
        )


def tables(authority: Any, *, today: dt.date) -> list[Table]:
    """Every part of the authority's improvement record, as tables (read when iterated)."""
    return [
        Table(
            "plan",
            "Plan",
            (
                "Number",
                "Action",
                "Description",
                "Expectations",
                "Themes",
                "Owner",
                "Due",
                "Status",
                "Overdue",
                "Publication",
            ),
            lambda: _plan(authority, today),
        ),
        Table(
            "measures",
            "Measures",
            (
                "Measure",
                "Definition",
                "Expectations",
                "Unit",
                "Direction",
                "Baseline",
                "Baseline date",
                "Target",
                "Target date",
                "Latest reading",
                "Latest reading date",
                "Against target",
                "Publication",
            ),
            lambda: _measures(authority, today),
        ),
        Table(
            "readings",
            "Readings",
            ("Measure", "Unit", "Date", "Value", "Source"),
            lambda: _readings(authority),
        ),
        Table(
            "evidence",
            "Evidence",
            (
                "Title",
                "Kind",
                "Effective date",
                "Expectations",
                "Actions",
                "File or link",
                "SHA-256",
                "Added by",
                "Added on",
                "Publication",
            ),
            lambda: _evidence(authority),
        ),
        Table(
            "assurance",
            "Assurance",
            ("Board", "Meeting", "Expectation", "Rating", "Narrative", "Publication"),
            lambda: _assurance(authority),
        ),
        Table(
            "recommendations",
            "Recommendations",
            (
                "Board",
                "Number",
                "Made at the meeting of",
                "Recommendation",
                "Owner",
                "Status",
                "The authority's response",
                "Responded on",
            ),
            lambda: _recommendations(authority),
        ),
    ]


def table(authority: Any, key: str, *, today: dt.date) -> Table | None:
    return next((t for t in tables(authority, today=today) if t.key == key), None)
