"""The public register's reads of interventions: what is published, search, open data."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from bestvalue.core.record_filters import RecordFilters
from bestvalue.interventions import rules
from bestvalue.interventions.models import (
    Appointee,
    ApprovalStatus,
    Finding,
    Inspection,
    InspectionExtension,
    Inspector,
    Intervention,
    InterventionStatus,
    Report,
)
from bestvalue.interventions.selectors.fetch import (
    in_force_periods,
    intervention_rows,
    interventions,
    step_records,
    step_span,
)

# --- The public register: what is published, search, open data ------------------------------


def published_interventions() -> QuerySet[Intervention]:
    """The publication rule for interventions, in one place: an intervention is public once one
    of its steps is (an inspection, a review or panel, or an issued minded-to letter or
    directions), and then only with its public steps. An intervention opened with nothing but
    drafts never reaches a public page, feed, export or the API."""
    return interventions(public=True)


def published_intervention_rows() -> QuerySet[Intervention]:
    """Published interventions as lists and feeds show them: the same publication rule, with
    each public step's own row but not its people, findings or reports (fetch.intervention_rows:
    five queries instead of fifteen)."""
    return intervention_rows(public=True)


def published_intervention(reference: str) -> Intervention | None:
    return published_interventions().filter(reference=reference).first()


class InterventionFilters(RecordFilters):
    """What the register and the API filter published interventions by; blank means any.
    `status` is an InterventionStatus value."""


def first_step(intervention: Intervention) -> rules.Span | None:
    """When the intervention's first public step happened, as far as it is known (uses the
    prefetched steps)."""
    spans = [s for s in (step_span(r) for r in step_records(intervention)) if s is not None]
    return min(spans, key=lambda s: s.earliest, default=None)


# Records that name the model they put in place: new directions, an extension, or a change of
# appointees (Nottingham's envoys replaced its commissioners by new directions in 2026).
_MODEL_KINDS = ("directions", "extension", "appointment")


def current_model(intervention: Intervention) -> str:
    """The model now in use (an InterventionModel value): that of the latest directions, extension
    or change of appointees that names one; blank when none does (uses the prefetched
    directions)."""
    named = [d for d in intervention.directions.all() if d.model and d.kind in _MODEL_KINDS]
    return max(named, key=lambda d: d.position).model if named else ""


def _failing_on_theme(theme: str) -> Exists:
    """A public finding that the authority did not meet the duty on `theme`."""
    public = Q(publication=ApprovalStatus.ISSUED) & (
        Q(inspection__intervention=OuterRef("pk"), inspection__publication=ApprovalStatus.ISSUED)
        | Q(minded_to__intervention=OuterRef("pk"), minded_to__status=ApprovalStatus.ISSUED)
        | Q(directions__intervention=OuterRef("pk"), directions__status=ApprovalStatus.ISSUED)
    )
    return Exists(Finding.objects.filter(public, theme__key=theme, meets_duty=False))


def search_published_interventions(filters: InterventionFilters) -> list[Intervention]:
    """Published interventions matching the filters, as a list shows them (each public step's
    own row, in a fixed number of queries). The text search looks in the authority's names, the reference and what
    led to the intervention; the theme filter finds public findings that the duty was not met
    on that theme; the year is the year of the first step; "in force on" means directions
    certainly in force on the day."""
    from bestvalue.authorities.selectors import matching_authority_ids
    from bestvalue.interventions.search import matching

    found = matching(published_intervention_rows(), filters.query)
    if filters.status in (InterventionStatus.ACTIVE, rules.DIRECTIONS_ENDED):
        # Active means truly active today: not past its directions' end with nothing recorded.
        found = found.filter(status=InterventionStatus.ACTIVE)
    elif filters.status:
        found = found.filter(status=filters.status)
    if filters.authority_kind or filters.region:
        found = found.filter(
            authority__in=matching_authority_ids(kind=filters.authority_kind, region=filters.region)
        )
    if filters.authority_gss:
        found = found.filter(authority__gss_code=filters.authority_gss)
    if filters.theme:
        found = found.filter(_failing_on_theme(filters.theme))
    results = list(found)
    if filters.status in (InterventionStatus.ACTIVE, rules.DIRECTIONS_ENDED):
        results = [i for i in results if i.standing == filters.status]
    if filters.year is not None:
        results = [i for i in results if (s := first_step(i)) and s.earliest.year == filters.year]
    if filters.in_force_on is not None:
        day = filters.in_force_on
        results = [i for i in results if rules.in_force_on(in_force_periods(i), day) is True]
    return results


def intervention_years() -> list[int]:
    """The years in which published interventions began, newest first."""
    years = {s.earliest.year for i in published_intervention_rows() if (s := first_step(i))}
    return sorted(years, reverse=True)


def published_inspections() -> QuerySet[Inspection]:
    """Published inspections of published interventions, with their published inspectors and
    extensions."""
    return (
        Inspection.objects.filter(
            intervention__in=published_interventions().values("pk"),
            publication=ApprovalStatus.ISSUED,
        )
        .select_related("intervention__authority")
        .prefetch_related(
            Prefetch(
                "inspectors", queryset=Inspector.objects.filter(publication=ApprovalStatus.ISSUED)
            ),
            Prefetch(
                "extensions",
                queryset=InspectionExtension.objects.filter(publication=ApprovalStatus.ISSUED),
            ),
        )
        .order_by("intervention__reference", "position")
    )


def published_appointees() -> QuerySet[Appointee]:
    """People appointed under issued directions, and reviewers and members of non-statutory
    reviews and panels; never those named in draft directions."""
    return (
        Appointee.objects.filter(
            Q(
                directions__status=ApprovalStatus.ISSUED,
                directions__intervention__in=published_interventions().values("pk"),
            )
            | Q(
                non_statutory_stage__publication=ApprovalStatus.ISSUED,
                non_statutory_stage__intervention__in=published_interventions().values("pk"),
            )
        )
        .select_related(
            "directions__intervention__authority", "non_statutory_stage__intervention__authority"
        )
        .order_by("id")
    )


def published_reports() -> QuerySet[Report]:
    """Reports due or received under issued directions, with their directions and authority."""
    return (
        Report.objects.filter(
            directions__status=ApprovalStatus.ISSUED,
            publication=ApprovalStatus.ISSUED,
            directions__intervention__in=published_interventions().values("pk"),
        )
        .select_related("directions__intervention__authority")
        .order_by("due_on", "id")
    )
