"""The register's one list of notices and interventions: both kinds of record as rows of the same
shape, sorted together. Each kind is read through its app's selector, which applies the
publication rule; this module only decides how the rows read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from bestvalue.core.jinja import uk_date
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.interventions.rules import Span
from bestvalue.notices import selectors as notice_selectors
from bestvalue.register.register_forms import RegisterQuery


@dataclass(frozen=True)
class RegisterEntry:
    kind: str  # "notice" or "intervention"
    reference: str
    title: str
    authority_name: str
    authority_gss: str
    on: dt.date | None  # the issue date, or the earliest day the first step can have been
    on_text: str
    status: str
    status_key: str
    url: str


def span_text(span: Span | None) -> str:
    """A date known exactly ("4 April 2014"), to a month ("March 2018") or a year ("2010")."""
    if span is None:
        return "Not known"
    if span.is_exact:
        return uk_date(span.earliest)
    if span.earliest.year != span.latest.year:
        return f"{span.earliest.year} to {span.latest.year}"
    if span.earliest.month == span.latest.month:
        return f"{span.earliest:%B %Y}"
    if (span.earliest.month, span.latest.month) == (1, 12):
        return str(span.earliest.year)
    return f"{span.earliest:%B} to {span.latest:%B %Y}"


def intervention_url(reference: str) -> str:
    """The intervention's public page."""
    return reverse("register:intervention", kwargs={"reference": reference})


def intervention_title(intervention: Any) -> str:
    """What kind of intervention it is, from its public steps (uses the prefetched steps)."""
    directions = [d for d in intervention.directions.all() if d.kind == "directions"]
    models = [d.get_model_display() for d in directions if d.model]
    if directions:
        return "Statutory intervention" + (f": {models[0].lower()}" if models else "")
    if intervention.minded_to_letters.all():
        return "Proposed statutory intervention"
    if intervention.inspections.all():
        return "Best value inspection"
    stages = list(intervention.non_statutory_stages.all())
    return stages[0].get_kind_display() if stages else "Intervention"


def _notice_entries(filters: notice_selectors.NoticeFilters) -> list[RegisterEntry]:
    return [
        RegisterEntry(
            kind="notice",
            reference=n.reference or "",
            title="Revised best value notice" if n.replaces_id else "Best value notice",
            authority_name=n.authority.official_name,
            authority_gss=n.authority.gss_code,
            on=n.issued_on,
            on_text=uk_date(n.issued_on),
            status=n.get_status_display(),
            status_key=n.status,
            url=reverse("register:notice", kwargs={"reference": n.reference}),
        )
        for n in notice_selectors.search_published_notices(filters)
    ]


def _intervention_entries(
    filters: intervention_selectors.InterventionFilters,
) -> list[RegisterEntry]:
    entries = []
    for i in intervention_selectors.search_published_interventions(filters):
        first = intervention_selectors.first_step(i)
        entries.append(
            RegisterEntry(
                kind="intervention",
                reference=i.reference,
                title=intervention_title(i),
                authority_name=i.authority.official_name,
                authority_gss=i.authority.gss_code,
                on=first.earliest if first else None,
                on_text=span_text(first),
                status=i.get_status_display(),
                status_key=i.status,
                url=intervention_url(i.reference),
            )
        )
    return entries


def register_entries(query: RegisterQuery) -> list[RegisterEntry]:
    """Every published record the query asks for, in its order. Records with no known date come
    last whichever way the dates run."""
    entries = []
    if query.notices is not None:
        entries += _notice_entries(query.notices)
    if query.interventions is not None:
        entries += _intervention_entries(query.interventions)
    if query.sort == "authority":
        return sorted(entries, key=lambda e: (e.authority_name, e.on or dt.date.max, e.reference))
    dated = [e for e in entries if e.on is not None]
    undated = sorted((e for e in entries if e.on is None), key=lambda e: e.reference)
    newest = query.sort != "oldest"
    return sorted(dated, key=lambda e: (e.on, e.reference), reverse=newest) + undated
