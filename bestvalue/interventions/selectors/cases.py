"""The department's case list of interventions (issue 17, point 1): search, filters, sort and
what each row shows, drafts included (the list is for the department only). A page of rows costs
a fixed number of queries however many interventions there are."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import OrderBy

from bestvalue.audit.latest import last_changed_at
from bestvalue.core.dates import uk_date
from bestvalue.interventions import rules
from bestvalue.interventions import steps as step_kinds
from bestvalue.interventions.models import (
    ApprovalStatus,
    Directions,
    Finding,
    Intervention,
    InterventionModel,
    InterventionStatus,
)
from bestvalue.interventions.selectors.fetch import step_records, step_span

# The statuses a case can be in, as the list filters and shows them (rules.case_status).
CASE_STATUSES = [
    (ApprovalStatus.DRAFT.value, "Draft"),
    (ApprovalStatus.AWAITING_APPROVAL.value, "Awaiting approval"),
    (rules.ACTIVE, "Active"),
    (rules.DIRECTIONS_ENDED, "Exit or extension needed"),
    (InterventionStatus.ENDED.value, "Ended"),
]
CASE_HEADER = ["Reference", "Authority", "Current stage", "Last changed", "Status", "Next date"]
SORTS = [
    ("changed", "Last changed, newest first"),
    ("authority", "Authority, A to Z"),
    ("reference", "Reference, A to Z"),
]
_ORDER: dict[str, tuple[str | OrderBy, ...]] = {
    # Records no service has changed (loaded from the register) last, on every database.
    "changed": (F("changed_at").desc(nulls_last=True), "-id"),
    "authority": ("authority__official_name", "reference"),
    "reference": ("reference",),
}
# Steps in the case list's rows: enough to say the current stage, model and status.
_STEPS = ("non_statutory_stages", "inspections", "minded_to_letters", "directions")


@dataclass(frozen=True)
class CaseFilters:
    """What the case list is filtered by; blank means any."""

    query: str = ""
    status: str = ""  # a CASE_STATUSES value
    authority_kind: str = ""
    region: str = ""
    theme: str = ""
    year: int | None = None  # the year of the first step
    sort: str = "changed"


@dataclass(frozen=True)
class CaseRow:
    """One row of the case list, as the page, CSV and Excel show it."""

    intervention: Intervention
    reference: str
    authority: str
    stage: str
    changed_at: dt.datetime | None
    status: str
    status_label: str
    next_on: dt.date | None
    next_label: str

    def cells(self) -> list[str]:
        """The row in words, as the page, the CSV and the Excel file show it (CASE_HEADER)."""
        return [
            self.reference,
            self.authority,
            self.stage,
            uk_date(self.changed_at, "Not recorded"),
            self.status_label,
            f"{uk_date(self.next_on)}: {self.next_label}" if self.next_on else "None",
        ]


def cases(filters: CaseFilters, *, today: dt.date) -> QuerySet[Intervention]:
    """The interventions matching `filters`, sorted, for paging. Filters that need the steps
    (the status as true today, the year of the first step) are worked out on the matching
    interventions' steps in a fixed number of queries and applied as a filter on ids."""
    from bestvalue.authorities.selectors import matching_authority_ids
    from bestvalue.interventions.search import matching

    found = matching(Intervention.objects.all(), filters.query)
    found = _by_status(found, filters.status)
    if filters.authority_kind or filters.region:
        found = found.filter(
            authority__in=matching_authority_ids(kind=filters.authority_kind, region=filters.region)
        )
    if filters.theme:
        found = found.filter(_finding_on_theme(filters.theme))
    if filters.status in (rules.ACTIVE, rules.DIRECTIONS_ENDED) or filters.year is not None:
        kept = [i.pk for i in with_steps(found) if _kept(i, filters, today)]
        found = found.filter(pk__in=kept)
    order = _ORDER.get(filters.sort, _ORDER["changed"])
    return (
        found.select_related("authority")
        .annotate(changed_at=last_changed_at(Intervention))
        .order_by(*order)
    )


def _by_status(found: QuerySet[Intervention], status: str) -> QuerySet[Intervention]:
    if status in (ApprovalStatus.DRAFT, ApprovalStatus.AWAITING_APPROVAL):
        return found.filter(publication=status)
    if status in (rules.ACTIVE, rules.DIRECTIONS_ENDED):
        return found.filter(publication=ApprovalStatus.ISSUED, status=InterventionStatus.ACTIVE)
    if status == InterventionStatus.ENDED:
        return found.filter(publication=ApprovalStatus.ISSUED, status=InterventionStatus.ENDED)
    return found


def _kept(intervention: Intervention, filters: CaseFilters, today: dt.date) -> bool:
    if filters.status in (rules.ACTIVE, rules.DIRECTIONS_ENDED):
        steps = intervention.directions_steps()
        if rules.standing(status=intervention.status, steps=steps, today=today) != filters.status:
            return False
    if filters.year is not None:
        first = _first_step(intervention)
        return first is not None and first.earliest.year == filters.year
    return True


def _finding_on_theme(theme: str) -> Exists:
    """A finding, public or not, that the authority did not meet the duty on `theme`."""
    of_intervention = (
        Q(inspection__intervention=OuterRef("pk"))
        | Q(minded_to__intervention=OuterRef("pk"))
        | Q(directions__intervention=OuterRef("pk"))
    )
    return Exists(Finding.objects.filter(of_intervention, theme__key=theme, meets_duty=False))


def with_steps(interventions: QuerySet[Intervention]) -> list[Intervention]:
    """The interventions with their steps fetched (five queries however many there are)."""
    directions = Directions.objects.order_by("position")
    return list(
        interventions.prefetch_related(
            *(s for s in _STEPS if s != "directions"), Prefetch("directions", queryset=directions)
        )
    )


def _first_step(intervention: Intervention) -> rules.Span | None:
    spans = [s for s in (step_span(r) for r in step_records(intervention)) if s is not None]
    return min(spans, key=lambda s: s.earliest, default=None)


def case_rows(
    interventions: Iterable[Intervention], *, today: dt.date, obligations: Sequence[Any]
) -> list[CaseRow]:
    """The rows for one page of the list. `obligations` is interventions.due's answer: each
    row's next date is the earliest still open for that intervention."""
    from django.db.models import prefetch_related_objects

    page = list(interventions)
    prefetch_related_objects(page, *_STEPS)
    next_dates: dict[str, Any] = {}
    for obligation in sorted(obligations, key=lambda o: o.due_on):
        next_dates.setdefault(obligation.page_key, obligation)
    return [_row(i, today=today, next_due=next_dates.get(i.reference)) for i in page]


def _row(intervention: Intervention, *, today: dt.date, next_due: Any) -> CaseRow:
    steps = intervention.directions_steps()
    standing = rules.standing(status=intervention.status, steps=steps, today=today)
    status = rules.case_status(publication=intervention.publication, standing=standing)
    prompt = rules.exit_or_extension_needed(status=intervention.status, steps=steps, today=today)
    return CaseRow(
        intervention=intervention,
        reference=intervention.reference,
        authority=intervention.authority.official_name,
        stage=_stage(intervention),
        changed_at=getattr(intervention, "changed_at", None),
        status=status,
        status_label=prompt or dict(CASE_STATUSES)[status],
        next_on=next_due.due_on if next_due else None,
        next_label=next_due.title if next_due else "",
    )


def _stage(intervention: Intervention) -> str:
    """The latest step and the model of intervention it names: "Directions (Commissioners)",
    with its approval status while it is not issued."""
    records = step_records(intervention)
    if not records:
        return "No step recorded"
    latest = records[-1]
    words = step_kinds.kind_of(latest).name(latest)
    model = getattr(latest, "model", "") or getattr(latest, "proposed_model", "")
    if model:
        words = f"{words} ({InterventionModel(model).label})"
    if getattr(latest, "status", ApprovalStatus.ISSUED) != ApprovalStatus.ISSUED:
        words = f"{words}, {ApprovalStatus(latest.status).label.lower()}"
    return words
