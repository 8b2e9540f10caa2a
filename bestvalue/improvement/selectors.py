"""Reads of improvement and assurance records, with what each page needs joined, and the rule of
what the public may see (the published_* selectors)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from markupsafe import Markup

from bestvalue.authorities.models import Authority
from bestvalue.improvement import chart, rules
from bestvalue.improvement.models import (
    AssuranceStatement,
    BoardMembership,
    BoardRole,
    Evidence,
    EvidenceKind,
    ImprovementBoard,
    Measure,
    Meeting,
    PlanAction,
    ProgressUpdate,
    PublishableQuerySet,
    Reading,
    Recommendation,
)
from bestvalue.notices.models import Expectation, Notice, Review, ReviewStatus
from bestvalue.notices.selectors import published_notices


def board_by_id(board_id: int) -> ImprovementBoard | None:
    return ImprovementBoard.objects.select_related("authority").filter(pk=board_id).first()


def authority_for_improvement(gss_code: str) -> Authority | None:
    return Authority.objects.filter(gss_code=gss_code).first()


def authority_by_id(authority_id: int) -> Authority | None:
    return Authority.objects.filter(pk=authority_id).first()


def authorities_under_notice() -> list[Notice]:
    """The latest published notice of each authority that has had one, for the department's list
    of improvement workspaces: in-force notices first, then by authority."""
    # The latest is chosen in the database, so the page reads one notice an authority and not
    # every notice ever issued (bench/README.md).
    newer = published_notices().filter(authority_id=OuterRef("authority_id"))
    newer = newer.filter(
        Q(issued_on__gt=OuterRef("issued_on"))
        | Q(issued_on=OuterRef("issued_on"), id__gt=OuterRef("id"))
    )
    latest = published_notices().exclude(Exists(newer)).select_related("authority")
    return sorted(latest, key=lambda n: (n.status != "issued", n.authority.official_name))


def current_notice(authority_id: int) -> Notice | None:
    """The notice the plan answers: the authority's latest published notice (in force, or the
    last one to end), with its expectations."""
    return (
        published_notices()
        .filter(authority_id=authority_id)
        .prefetch_related(
            Prefetch("expectations", queryset=Expectation.objects.prefetch_related("themes"))
        )
        .order_by("-issued_on", "-id")
        .first()
    )


def _label(expectation: Expectation, length: int = 110) -> str:
    text = (
        expectation.text
        if len(expectation.text) <= length
        else expectation.text[: length - 1] + "…"
    )
    return f"{expectation.position}. {text}"


def expectation_choices(authority_id: int) -> list[tuple[int, str]]:
    """The expectations of the notice in force (or last in force), for a form to link to."""
    notice = current_notice(authority_id)
    return [] if notice is None else [(e.pk, _label(e)) for e in notice.expectations.all()]


def action_choices(authority_id: int) -> list[tuple[int, str]]:
    return [
        (a.pk, f"Action {a.number}: {a.title}")
        for a in PlanAction.objects.filter(authority_id=authority_id).order_by("number")
    ]


def review_choices(authority_id: int) -> list[tuple[int, str]]:
    """The department's approved reviews of the authority's notices (drafts are the department's
    own business until approved)."""
    reviews = Review.objects.filter(
        notice__authority_id=authority_id, status=ReviewStatus.APPROVED
    ).select_related("notice")
    return [
        (r.pk, f"Review of {r.notice.reference} on {r.reviewed_on.day} {r.reviewed_on:%B %Y}")
        for r in reviews
    ]


def choices(kind: str) -> list[tuple[str, str]]:
    """Choices for the improvement forms, by kind."""
    table: dict[str, Any] = {
        "action_status": [(s.value, label) for s, label in rules.ACTION_STATUS_LABELS.items()],
        "action_status_on_creation": [
            (s.value, label)
            for s, label in rules.ACTION_STATUS_LABELS.items()
            if s not in rules.RETIRED_STATUSES
        ],
        "direction": [(d.value, label) for d, label in rules.DIRECTION_LABELS.items()],
        "assurance": [(r.value, label) for r, label in rules.ASSURANCE_LABELS.items()],
        "response": [
            (s.value, label)
            for s, label in rules.RECOMMENDATION_STATUS_LABELS.items()
            if s in rules.RESPONSES
        ],
        "board_role": list(BoardRole.choices),
    }
    return list(table[kind])


# --- Measures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureSummary:
    measure: Any  # a Measure, or its published content (improvement.public.PublicMeasure)
    readings: list[Any]
    latest: Any
    status: rules.MeasureStatus
    as_at: dt.date

    def chart_data(self) -> chart.ChartData:
        m = self.measure
        return chart.ChartData(
            chart_id=f"measure-{m.pk}-chart",
            title=f"{m.name} ({m.unit})" if m.unit else m.name,
            unit=m.unit,
            baseline=(m.baseline_on, m.baseline_value),
            target=(m.target_on, m.target_value),
            readings=[(r.taken_on, r.value) for r in self.readings],
        )

    @property
    def chart(self) -> Markup:
        return Markup(chart.line_chart(self.chart_data()))  # noqa: S704 - built from escaped text only

    def number(self, value: Decimal | None) -> str:
        return "" if value is None else chart.format_number(value)


def summarise(measure: Measure, *, as_at: dt.date) -> MeasureSummary:
    """A measure's readings up to `as_at` (from the prefetched readings) and its status against
    its target on that day."""
    return summarise_readings(measure, list(measure.readings.all()), as_at=as_at)


def summarise_readings(measure: Any, readings: list[Any], *, as_at: dt.date) -> MeasureSummary:
    """The same for a measure's public content (improvement.public), whose readings are those
    published: anything with the measure's fields and readings with taken_on and value."""
    readings = sorted((r for r in readings if r.taken_on <= as_at), key=lambda r: r.taken_on)
    latest = readings[-1] if readings else None
    status = rules.measure_status(
        direction=measure.direction,
        baseline=measure.baseline_value,
        baseline_on=measure.baseline_on,
        target=measure.target_value,
        target_on=measure.target_on,
        latest=None if latest is None else (latest.taken_on, latest.value),
        today=as_at,
    )
    return MeasureSummary(measure, readings, latest, status, as_at)


def _measures() -> PublishableQuerySet[Measure]:
    return Measure.objects.select_related("authority", "published_by").prefetch_related(
        Prefetch("readings", queryset=Reading.objects.order_by("taken_on")),
        Prefetch("expectations", queryset=Expectation.objects.select_related("notice")),
    )


def measure_for_staff(pk: int) -> Measure | None:
    return _measures().filter(pk=pk).first()


def readings_ever(measure: Measure) -> list[Reading]:
    """Every reading of the measure, withdrawn ones too (for its history)."""
    return list(Reading.with_withdrawn.filter(measure=measure))


def reading_for_staff(pk: int) -> Reading | None:
    """A reading in force, with its measure and authority (to correct or withdraw it)."""
    return Reading.objects.select_related("measure__authority").filter(pk=pk).first()


# --- Actions and evidence -----------------------------------------------------------------


def _actions() -> PublishableQuerySet[PlanAction]:
    return PlanAction.objects.select_related("authority", "published_by").prefetch_related(
        Prefetch("expectations", queryset=Expectation.objects.select_related("notice")),
        "themes",
        Prefetch("updates", queryset=ProgressUpdate.objects.select_related("recorded_by")),
        Prefetch("evidence", queryset=Evidence.objects.order_by("-effective_on", "-id")),
    )


def action_for_staff(pk: int) -> PlanAction | None:
    return _actions().filter(pk=pk).first()


def _evidence() -> PublishableQuerySet[Evidence]:
    return Evidence.objects.select_related(
        "authority", "added_by", "published_by"
    ).prefetch_related(
        "actions",
        Prefetch("expectations", queryset=Expectation.objects.select_related("notice")),
        Prefetch("reviews", queryset=Review.objects.select_related("notice")),
    )


def evidence_for_staff(pk: int) -> Evidence | None:
    return _evidence().filter(pk=pk).first()


# --- Boards -------------------------------------------------------------------------------


def board_for_staff(pk: int) -> ImprovementBoard | None:
    return (
        ImprovementBoard.objects.filter(pk=pk)
        .select_related("authority")
        .prefetch_related(
            Prefetch(
                "memberships", queryset=BoardMembership.objects.order_by("ended_on", "role", "name")
            ),
            Prefetch("meetings", queryset=Meeting.objects.prefetch_related("assurances")),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("meeting", "responded_by"),
            ),
        )
        .first()
    )


def meeting_for_staff(pk: int) -> Meeting | None:
    return (
        Meeting.objects.filter(pk=pk)
        .select_related("board__authority", "recorded_by")
        .prefetch_related(
            Prefetch(
                "assurances",
                queryset=AssuranceStatement.objects.select_related(
                    "expectation__notice", "published_by"
                ),
            ),
            "recommendations",
        )
        .first()
    )


def assurance_for_staff(pk: int) -> AssuranceStatement | None:
    return (
        AssuranceStatement.objects.filter(pk=pk)
        .select_related("meeting__board", "expectation__notice", "published_by")
        .first()
    )


def recommendation_for_staff(pk: int) -> Recommendation | None:
    return (
        Recommendation.objects.filter(pk=pk)
        .select_related(
            "board__authority", "meeting", "responded_by", "closed_by", "expectation__notice"
        )
        .prefetch_related("actions")
        .first()
    )


def boards_of(authority_id: int) -> list[ImprovementBoard]:
    return list(
        ImprovementBoard.objects.filter(authority_id=authority_id).select_related("authority")
    )


# --- The authority's workspace ------------------------------------------------------------


@dataclass
class Workspace:
    authority: Authority
    notice: Notice | None
    today: dt.date
    actions: list[PlanAction] = field(default_factory=list)
    measures: list[MeasureSummary] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    boards: list[ImprovementBoard] = field(default_factory=list)

    def is_overdue(self, action: PlanAction) -> bool:
        return rules.is_overdue(action.status, action.due_on, self.today)


def workspace(authority: Authority, *, today: dt.date) -> Workspace:
    """Everything the authority keeps on its improvement, in a fixed number of queries."""
    return Workspace(
        authority=authority,
        notice=current_notice(authority.pk),
        today=today,
        actions=list(_actions().filter(authority=authority).order_by("number")),
        measures=[summarise(m, as_at=today) for m in _measures().filter(authority=authority)],
        evidence=list(_evidence().filter(authority=authority)),
        boards=boards_of(authority.pk),
    )


# --- What the public may see --------------------------------------------------------------
#
# The published content is read in improvement.public; here, whether anything is published and
# the published evidence files.


def has_published_record(authority_id: int) -> bool:
    """Whether the authority or its board has published anything, in one query (for links)."""
    return Authority.objects.filter(
        Exists(PlanAction.objects.published().filter(authority=OuterRef("pk")))
        | Exists(Measure.objects.published().filter(authority=OuterRef("pk")))
        | Exists(Evidence.objects.published().filter(authority=OuterRef("pk")))
        | Exists(
            AssuranceStatement.objects.published().filter(
                meeting__board__authority=OuterRef("pk"),
                expectation__notice__in=published_notices(),
            )
        ),
        pk=authority_id,
    ).exists()


def published_evidence_file(gss_code: str, pk: int) -> Evidence | None:
    """A published evidence file of the authority with this GSS code; None for a link, for
    anything unpublished or withdrawn, and for another authority's evidence."""
    return (
        Evidence.objects.published()
        .filter(
            pk=pk, authority__gss_code=gss_code, kind=EvidenceKind.FILE, withdrawn_at__isnull=True
        )
        .first()
    )


def open_recommendations() -> QuerySet[Recommendation]:
    """Board recommendations with a due date that the board has not closed
    (rules.recommendation_is_open), with their board's authority, for reminders of what falls
    due."""
    return (
        Recommendation.objects.filter(closed_on__isnull=True, due_on__isnull=False)
        .select_related("board__authority")
        .order_by("due_on", "pk")
    )


def open_actions() -> QuerySet[PlanAction]:
    """Plan actions not yet done, cancelled or superseded, with their authority, for reminders
    of what falls due."""
    return (
        PlanAction.objects.exclude(status__in=rules.CLOSED_STATUSES)
        .select_related("authority")
        .order_by("due_on", "pk")
    )
