"""The progress report for a period: per expectation of the notice, the actions and their status,
the measures against their targets, the evidence dated in the period, and the board's latest
assurance, side by side. It is what the department reads at a review (DESIGN.md section 3.2)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch

from bestvalue.authorities.models import Authority
from bestvalue.improvement import rules
from bestvalue.improvement.models import (
    AssuranceStatement,
    Evidence,
    Measure,
    PlanAction,
    ProgressUpdate,
    Reading,
    Recommendation,
)
from bestvalue.improvement.selectors import MeasureSummary, current_notice, summarise
from bestvalue.notices.models import Expectation, Notice


@dataclass(frozen=True)
class ActionLine:
    action: PlanAction
    status: rules.ActionStatus  # as at the end of the period
    overdue: bool
    updates: list[ProgressUpdate]  # written in the period, newest first


@dataclass
class ExpectationReport:
    expectation: Expectation
    actions: list[ActionLine] = field(default_factory=list)
    measures: list[MeasureSummary] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    assurance: AssuranceStatement | None = None


@dataclass
class ProgressReport:
    authority: Authority
    notice: Notice | None
    start: dt.date
    end: dt.date
    expectations: list[ExpectationReport] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)


def _lineages(authority: Authority, notice: Notice) -> dict[int, set[int]]:
    """Each current expectation's id, with the ids of the expectations it was carried from."""
    carried = dict(
        Expectation.objects.filter(notice__authority=authority).values_list("id", "carried_from_id")
    )
    return {e.pk: set(rules.expectation_lineage(e.pk, carried)) for e in notice.expectations.all()}


def _action_line(action: PlanAction, start: dt.date, end: dt.date) -> ActionLine:
    every = list(action.updates.all())
    updates = [u for u in every if u.written_on <= end]
    # Before any update, an action has the status it was added with (issue 18.2); that is its
    # status now if it has never had an update.
    first = action.status if not every else rules.ActionStatus.NOT_STARTED
    status = rules.ActionStatus(updates[0].status if updates else first)
    return ActionLine(
        action=action,
        status=status,
        overdue=rules.is_overdue(status, action.due_on, end),
        updates=[u for u in updates if u.written_on >= start],
    )


def progress_report(authority: Authority, *, start: dt.date, end: dt.date) -> ProgressReport:
    """The report for `start` to `end` inclusive, as things stood at `end`: an action's status is
    its latest update's on or before `end` (not started before any), a measure's status comes from
    its latest reading on or before `end`. Every action and measure of the plan is included, even
    one entered later, since plans are often recorded after the work began. Fixed query count."""
    notice = current_notice(authority.pk)
    report = ProgressReport(authority=authority, notice=notice, start=start, end=end)
    if notice is None:
        return report
    lineages = _lineages(authority, notice)
    actions = list(
        PlanAction.objects.filter(authority=authority)
        .prefetch_related(
            "expectations",
            Prefetch("updates", queryset=ProgressUpdate.objects.order_by("-written_on", "-id")),
        )
        .order_by("number")
    )
    measures = list(
        Measure.objects.filter(authority=authority).prefetch_related(
            "expectations", Prefetch("readings", queryset=Reading.objects.order_by("taken_on"))
        )
    )
    evidence = list(
        Evidence.objects.filter(authority=authority, effective_on__range=(start, end))
        .select_related("added_by")
        .prefetch_related("expectations", "actions")
    )
    assurances = list(
        AssuranceStatement.objects.filter(
            meeting__board__authority=authority, meeting__held_on__lte=end
        )
        .select_related("meeting__board")
        .order_by("-meeting__held_on", "-id")
    )
    for expectation in notice.expectations.all():
        ids = lineages[expectation.pk]
        entry = ExpectationReport(expectation)
        linked_actions = [a for a in actions if ids & {e.pk for e in a.expectations.all()}]
        entry.actions = [_action_line(a, start, end) for a in linked_actions]
        entry.measures = [
            summarise(m, as_at=end) for m in measures if ids & {e.pk for e in m.expectations.all()}
        ]
        action_ids = {a.pk for a in linked_actions}
        entry.evidence = [
            ev
            for ev in evidence
            if ids & {e.pk for e in ev.expectations.all()}
            or action_ids & {a.pk for a in ev.actions.all()}
        ]
        entry.assurance = next((s for s in assurances if s.expectation_id in ids), None)
        report.expectations.append(entry)
    report.recommendations = list(
        Recommendation.objects.filter(board__authority=authority, meeting__held_on__lte=end)
        .select_related("board", "meeting")
        .order_by("board__name", "number")
    )
    return report
