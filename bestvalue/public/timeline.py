"""An authority's public timeline: its best value notices, reissues and outcomes, and every step of
its inspections and interventions, in date order, each linked to its record and its sources.

`authority_timeline(authority)` is a stable interface: the authority page and the JSON API both
call it. Keep its signature and the fields of TimelineEntry; add fields only at the end with
defaults.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse

from bestvalue.interventions import rules
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.notices import selectors as notice_selectors

NOTICE = "best_value_notice"
REVISED_NOTICE = "revised_best_value_notice"
# An ended notice's outcome, by the notice's status. A reissued notice has no outcome entry: the
# revised notice that replaced it is its own entry.
OUTCOME_KINDS = {
    "lapsed": "notice_lapsed",
    "withdrawn": "notice_withdrawn",
    "escalated": "notice_escalated",
}
_OUTCOME_TITLES = {
    "lapsed": "Notice not reissued: lapsed",
    "withdrawn": "Notice withdrawn",
    "escalated": "Notice escalated",
}


@dataclass(frozen=True)
class TimelineLink:
    """A record the entry leads on to, such as the intervention that followed an escalation."""

    text: str
    url: str


@dataclass(frozen=True)
class TimelineEntry:
    """One event on an authority's timeline.

    on: the exact date, or None when it is known only roughly or not at all.
    on_approx: the rough date as an ISO 8601 partial date or interval ("2017-03",
        "2025-02/2025-03") when `on` is None and the sources give one; else "".
    date_text: the date in words as pages show it: "24 January 2023", "March 2017", "Not known".
    kind: what happened, as a stable machine name: "best_value_notice",
        "revised_best_value_notice", "notice_lapsed", "notice_withdrawn", "notice_escalated";
        "external_assurance_review", "non_statutory_panel", "best_value_inspection",
        "inspection_report", "minded_to"; "directions", "extension", "revocation", "expiry",
        "exit", "appointment"; "report", "department_response".
    label: the kind in words ("Best value notice", "Minded-to letter").
    title: the event in words ("Best value notice issued", "Directions made").
    summary: a line of detail (people appointed, the model, the period), possibly "".
    url: the path of the record's public page, with the fragment of its section.
    record_reference: the notice's reference (BVN-2024-003) or the intervention's (thurrock-2022).
    sources: web addresses of the published documents the entry rests on.
    links: records the entry leads on to (the intervention that followed an escalation, the notice
        an intervention was escalated from).
    """

    on: dt.date | None
    on_approx: str
    date_text: str
    kind: str
    label: str
    title: str
    summary: str
    url: str
    record_reference: str
    sources: list[str] = field(default_factory=list)
    links: list[TimelineLink] = field(default_factory=list)


# Where an entry sorts: (date unknown?, day, order within the day).
Key = tuple[int, dt.date, int]


def authority_timeline(authority: Any) -> list[TimelineEntry]:
    """Everything published about the authority's notices and interventions, oldest first, in a
    fixed number of queries whatever the size of the record. Entries known only roughly are
    placed by the earliest day their rough date allows; an intervention step with no date follows
    the step recorded before it; what cannot be placed at all comes last."""
    return timeline_from(
        notice_selectors.published_notices_of(authority.pk),
        intervention_selectors.interventions_of(authority, public=True),
    )


def timeline_from(notices: Iterable[Any], interventions: list[Any]) -> list[TimelineEntry]:
    """authority_timeline for records already fetched (published_notices_of and
    interventions_of), so that a page showing them too does not fetch them twice. No queries."""
    escalations: dict[int, list[Any]] = {}
    for intervention in interventions:
        if intervention.escalated_from_id is not None:
            escalations.setdefault(intervention.escalated_from_id, []).append(intervention)
    keyed = [e for n in notices for e in _notice_entries(n, escalations.get(n.pk, []))]
    steps = intervention_selectors.timeline_entries_of(interventions)
    # The "escalated from" link goes on each escalated intervention's first step.
    first: dict[str, int] = {}
    for step in steps:
        ref = step.intervention_reference
        first[ref] = min(first.get(ref, step.position), step.position)
    by_reference = {i.reference: i for i in interventions}
    for step in steps:
        notice = by_reference[step.intervention_reference].escalated_from
        is_first = step.position == first[step.intervention_reference]
        keyed.append((step.sort_key, _intervention_entry(step, notice if is_first else None)))
    return [entry for _, entry in sorted(keyed, key=lambda pair: pair[0])]


def _notice_url(notice: Any) -> str:
    return reverse("register:notice", kwargs={"reference": notice.reference})


def _intervention_url(reference: str, anchor: str = "") -> str:
    url = reverse("register:intervention", kwargs={"reference": reference})
    return f"{url}#{anchor}" if anchor else url


def _key(on: dt.date | None, approx: str, order: int) -> Key:
    span = rules.span_of(on, approx)
    return (1, dt.date.max, order) if span is None else (0, span.earliest, order)


def _notice_entries(notice: Any, followed_by: list[Any]) -> list[tuple[Key, TimelineEntry]]:
    sources = [s.url for s in notice.sources.all() if not s.about_outcome]
    revised = notice.replaces_id is not None
    period = f"For {notice.period_months} months" if notice.period_months else "Period not known"
    replaces = f"; replaces {notice.replaces.reference}" if revised else ""
    entries = [
        (
            _key(notice.issued_on, "", 0),
            TimelineEntry(
                on=notice.issued_on,
                on_approx="",
                date_text=rules.date_text(notice.issued_on),
                kind=REVISED_NOTICE if revised else NOTICE,
                label="Revised best value notice" if revised else "Best value notice",
                title="Revised best value notice issued" if revised else "Best value notice issued",
                summary=f"{period}{replaces}.",
                url=_notice_url(notice),
                record_reference=notice.reference,
                sources=sources,
            ),
        )
    ]
    if notice.status in OUTCOME_KINDS:
        entries.append(_outcome_entry(notice, followed_by))
    return entries


def _outcome_entry(notice: Any, followed_by: list[Any]) -> tuple[Key, TimelineEntry]:
    outcome = getattr(notice, "outcome", None)  # None when no outcome is recorded
    on = (outcome.decided_on if outcome else None) or notice.ended_on
    approx = (outcome.decided_on_approx if outcome and on is None else "") or ""
    # An undated outcome follows its notice rather than falling to the end of the timeline.
    key = _key(on, approx, 1) if rules.span_of(on, approx) else _key(notice.issued_on, "", 1)
    links = [
        TimelineLink(
            f"The intervention that followed ({i.reference})", _intervention_url(i.reference)
        )
        for i in followed_by
    ]
    summary = f"Outcome of {notice.reference}."
    if notice.status == "escalated":
        summary += (
            " Followed by "
            + (
                ", ".join(i.reference for i in followed_by)
                if followed_by
                else "an intervention not yet recorded"
            )
            + "."
        )
    return key, TimelineEntry(
        on=on,
        on_approx=approx,
        date_text=rules.date_text(on, approx),
        kind=OUTCOME_KINDS[notice.status],
        label="Outcome",
        title=_OUTCOME_TITLES[notice.status],
        summary=summary,
        url=_notice_url(notice) + "#outcome",
        record_reference=notice.reference,
        sources=[s.url for s in notice.sources.all() if s.about_outcome],
        links=links,
    )


def _intervention_entry(entry: Any, escalated_from: Any) -> TimelineEntry:
    links = []
    if escalated_from is not None:
        links.append(
            TimelineLink(
                f"Escalated from best value notice {escalated_from.reference}",
                _notice_url(escalated_from),
            )
        )
    return TimelineEntry(
        on=entry.on,
        on_approx=entry.on_approx,
        date_text=rules.date_text(entry.on, entry.on_approx),
        kind=entry.kind,
        label=entry.label,
        title=entry.title,
        summary=entry.summary,
        url=_intervention_url(entry.intervention_reference, entry.anchor),
        record_reference=entry.intervention_reference,
        sources=list(entry.sources),
        links=links,
    )
