"""How the public record names and dates an intervention, the same on the register's pages, its
feeds and open data, and the JSON API."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from bestvalue.core.dates import uk_date
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
