"""How the public record names and dates an intervention, the same on the register's pages, its
feeds and open data, and the JSON API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from bestvalue.core.dates import uk_date
from bestvalue.interventions import selectors as intervention_selectors
from bestvalue.interventions.rules import Span


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


def since(intervention: Any) -> Span | None:
    """When the register says an intervention began: the start of its statutory directions, or,
    where none were made, its first public step (uses the prefetched steps)."""
    periods = intervention_selectors.in_force_periods(intervention)
    return periods[0].start if periods else intervention_selectors.first_step(intervention)


def in_force_dates(intervention: Any) -> list[dict[str, Any]]:
    """Each period its directions were in force: the first and last days when known exactly,
    and both in words (an end of None is "no end date set")."""
    return [
        {
            "from": p.start.earliest if p.start.is_exact else None,
            "from_text": span_text(p.start),
            "to": p.end.earliest if p.end is not None and p.end.is_exact else None,
            "to_text": _end_text(p.end),
        }
        for p in intervention_selectors.in_force_periods(intervention)
    ]


def _end_text(end: Span | None) -> str:
    if end is None:
        return "No end date set"
    # An intervention that ended with no step ending its directions: the end is not known.
    return "Not known" if end.latest == dt.date.max else span_text(end)


def intervention_title(intervention: Any) -> str:
    """What kind of intervention it is, from its public steps, with the model now in use (uses
    the prefetched steps)."""
    directions = [d for d in intervention.directions.all() if d.kind == "directions"]
    if directions:
        model = intervention_selectors.current_model(intervention)
        label = dict(intervention_selectors.model_choices()).get(model, "")
        return "Statutory intervention" + (f": {label.lower()}" if label else "")
    if intervention.minded_to_letters.all():
        return "Proposed statutory intervention"
    if intervention.inspections.all():
        return "Best value inspection"
    stages = list(intervention.non_statutory_stages.all())
    return stages[0].get_kind_display() if stages else "Intervention"
