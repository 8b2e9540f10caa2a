"""What the public may see of an authority's improvement: the published content of each item the
authority (or, for assurance, its board) published, as it was when last published
(improvement.content), never the live records. A change since publication waits for the item to
be published again, so every public channel (the improvement page and the API; the ETag and
Last-Modified of the API come from here too) shows the last published version meanwhile.

Of a published item the public sees only what is public in its own right: expectations of
published notices, never the staff who recorded it, the meeting's minutes, the department's
reviews, or unpublished records the item names."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from bestvalue.improvement import rules
from bestvalue.improvement.content import digest
from bestvalue.improvement.models import AssuranceStatement, Evidence, Measure, PlanAction
from bestvalue.improvement.selectors import MeasureSummary, summarise_readings
from bestvalue.notices.selectors import published_notices

# What the authority records before it publishes: the public sees only published content, so
# these never change a public page, feed, ETag or Last-Modified (public.caching skips them).
PRIVATE_ACTIONS = frozenset(
    {
        "improvement.action.added",
        "improvement.action.changed",
        "improvement.action.progress_recorded",
        "improvement.measure.added",
        "improvement.measure.changed",
        "improvement.reading.recorded",
        "improvement.readings.imported",
        "improvement.evidence.file_added",
        "improvement.evidence.link_added",
        "improvement.reading.corrected",
        "improvement.reading.withdrawn",
        "improvement.evidence.corrected",
    }
)

_FIELDS = ("pk", "authority_id", "published_at", "published_content")

if TYPE_CHECKING:
    from bestvalue.authorities.models import Authority


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclass(frozen=True)
class PublicExpectation:
    notice_reference: str
    position: int


def _as_published(item: Any, *names: str) -> dict[str, Any]:
    """The record's pk and the fields its published content holds as they are (dates and
    numbers are read back from their JSON text by their own converters)."""
    c = item.published_content or {}
    return {"pk": item.pk, **{name: c[name] for name in names}}


def _expectations(refs: list[dict[str, Any]]) -> list[PublicExpectation]:
    return [PublicExpectation(r["notice_reference"], r["position"]) for r in refs]


@dataclass(frozen=True)
class PublicTheme:
    key: str
    name: str


@dataclass(frozen=True)
class PublicProgress:
    written_on: dt.date
    status: str
    status_name: str
    text: str


@dataclass(frozen=True)
class PublicAction:
    pk: int
    number: int
    title: str
    description: str
    owner: str
    due_on: dt.date
    status: str
    status_name: str
    themes: list[PublicTheme]
    expectations: list[PublicExpectation]
    latest_progress: PublicProgress | None


def _action(item: PlanAction) -> PublicAction:
    c = item.published_content or {}
    progress = c["latest_progress"]
    return PublicAction(
        **_as_published(item, "number", "title", "description", "owner", "status", "status_name"),
        due_on=_day(c["due_on"]),
        themes=[PublicTheme(t["key"], t["name"]) for t in c["themes"]],
        expectations=_expectations(c["expectations"]),
        latest_progress=None
        if progress is None
        else PublicProgress(
            _day(progress["written_on"]),
            progress["status"],
            progress["status_name"],
            progress["text"],
        ),
    )


@dataclass(frozen=True)
class PublicCorrection:
    """A correction made in the open: its date and what changed from what, and why."""

    on: dt.date
    text: str


def _corrections(c: dict[str, Any]) -> list[PublicCorrection]:
    return [PublicCorrection(_day(n["on"]), n["text"]) for n in c.get("corrections", [])]


@dataclass(frozen=True)
class PublicReading:
    taken_on: dt.date
    value: Decimal
    source: str


@dataclass(frozen=True)
class PublicMeasure:
    pk: int
    name: str
    definition: str
    unit: str
    direction: str
    direction_name: str
    baseline_value: Decimal
    baseline_on: dt.date
    target_value: Decimal
    target_on: dt.date
    readings: list[PublicReading]
    expectations: list[PublicExpectation]
    corrections: list[PublicCorrection]


def _measure(item: Measure) -> PublicMeasure:
    c = item.published_content or {}
    return PublicMeasure(
        **_as_published(item, "name", "definition", "unit", "direction", "direction_name"),
        baseline_value=Decimal(c["baseline_value"]),
        baseline_on=_day(c["baseline_on"]),
        target_value=Decimal(c["target_value"]),
        target_on=_day(c["target_on"]),
        readings=[
            PublicReading(_day(r["taken_on"]), Decimal(r["value"]), r["source"])
            for r in c["readings"]
        ],
        expectations=_expectations(c["expectations"]),
        corrections=_corrections(c),
    )


@dataclass(frozen=True)
class PublicEvidence:
    pk: int
    title: str
    kind: str
    effective_on: dt.date
    url: str
    content_type: str
    size_bytes: int | None
    sha256: str
    expectations: list[PublicExpectation]
    withdrawn: bool
    corrections: list[PublicCorrection]

    @property
    def is_file(self) -> bool:
        return self.kind == "file"


def _evidence(item: Evidence) -> PublicEvidence:
    c = item.published_content or {}
    return PublicEvidence(
        **_as_published(item, "title", "kind", "url", "content_type", "size_bytes", "sha256"),
        effective_on=_day(c["effective_on"]),
        expectations=_expectations(c["expectations"]),
        withdrawn=c.get("withdrawn", False),
        corrections=_corrections(c),
    )


@dataclass(frozen=True)
class PublicAssurance:
    pk: int
    meeting_on: dt.date
    board: str
    expectation: PublicExpectation
    rating: str
    rating_name: str
    narrative: str


def _assurance(item: AssuranceStatement) -> PublicAssurance:
    c = item.published_content or {}
    e = c["expectation"]
    return PublicAssurance(
        **_as_published(item, "board", "rating", "rating_name", "narrative"),
        meeting_on=_day(c["meeting_on"]),
        expectation=PublicExpectation(e["notice_reference"], e["position"]),
    )


def published_actions(authority: Authority) -> list[PublicAction]:
    """The plan as published: only actions the authority published, as they were then."""
    found = PlanAction.objects.published().filter(authority=authority).only(*_FIELDS)
    return sorted((_action(a) for a in found), key=lambda a: a.number)


def published_measures(authority: Authority) -> list[PublicMeasure]:
    found = Measure.objects.published().filter(authority=authority).only(*_FIELDS)
    return sorted((_measure(m) for m in found), key=lambda m: (m.name.lower(), m.pk))


def published_evidence(authority: Authority) -> list[PublicEvidence]:
    found = Evidence.objects.published().filter(authority=authority).only(*_FIELDS)
    items = sorted((_evidence(e) for e in found), key=lambda e: e.pk, reverse=True)
    return sorted(items, key=lambda e: e.effective_on, reverse=True)


def _assurance_rows(authority: Authority) -> Any:
    return AssuranceStatement.objects.published().filter(
        meeting__board__authority=authority, expectation__notice__in=published_notices()
    )


def published_assurance(authority: Authority) -> list[PublicAssurance]:
    """Assurance statements the board published about this authority, newest meeting first."""
    found = _assurance_rows(authority).only("pk", "published_at", "published_content")
    items = sorted((_assurance(s) for s in found), key=lambda s: (s.board, s.expectation.position))
    return sorted(items, key=lambda s: s.meeting_on, reverse=True)


@dataclass(frozen=True)
class PublicRecord:
    """What the public may see of an authority's improvement and its board's assurance."""

    authority: Authority
    today: dt.date
    actions: list[PublicAction]
    measures: list[MeasureSummary]
    evidence: list[PublicEvidence]
    assurance: list[PublicAssurance]

    @property
    def is_empty(self) -> bool:
        return not (self.actions or self.measures or self.evidence or self.assurance)

    def is_overdue(self, action: PublicAction) -> bool:
        return rules.is_overdue(action.status, action.due_on, self.today)


def public_record(authority: Authority, *, today: dt.date) -> PublicRecord:
    """The authority's published improvement record, in a fixed number of queries."""
    return PublicRecord(
        authority=authority,
        today=today,
        actions=published_actions(authority),
        measures=[
            summarise_readings(m, m.readings, as_at=today) for m in published_measures(authority)
        ],
        evidence=published_evidence(authority),
        assurance=published_assurance(authority),
    )


@dataclass(frozen=True)
class Validators:
    """The public record's own ETag and Last-Modified: they change when the authority or board
    publishes or withdraws something, and not when an unpublished change is saved."""

    etag: str
    last_modified: dt.datetime | None


def validators(authority: Authority) -> Validators:
    """From what is published, in four small queries: each item's id and publication time."""
    rows: list[tuple[str, int, Any]] = []
    latest: list[dt.datetime] = []
    for kind, found in [
        ("action", PlanAction.objects.published().filter(authority=authority)),
        ("measure", Measure.objects.published().filter(authority=authority)),
        ("evidence", Evidence.objects.published().filter(authority=authority)),
        ("assurance", _assurance_rows(authority)),
    ]:
        for pk, at in found.order_by("pk").values_list("pk", "published_at"):
            rows.append((kind, pk, at))
            latest.append(at)
    about = {k: v for k, v in vars(authority).items() if not k.startswith("_")}
    tag = digest({"authority": about, "published": rows})
    return Validators(etag=tag[:32], last_modified=max(latest) if latest else None)
