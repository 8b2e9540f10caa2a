"""The overview of an authority's improvement (issue 18.3), for the authority, its board and the
department: per expectation of the notice and per theme of the statutory guidance, a rating
(rules.rag) from the board's latest assurance and the actions' statuses, the overdue actions,
the measures off their path to target, and the recommendations awaiting the authority's
response; each figure with the items it counts. Built on the progress report to today, so the
two agree; a fixed number of queries however large the plan."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bestvalue.guidance.selectors import themes as all_themes
from bestvalue.improvement import rules
from bestvalue.improvement.models import PlanAction, Recommendation
from bestvalue.improvement.report import ExpectationReport, progress_report

FAR_PAST = dt.date(2000, 1, 1)
OFF_PATH = (rules.MeasureStatus.OFF_TRACK, rules.MeasureStatus.MISSED)


@dataclass
class Line:
    """One expectation or theme: its rating and the items behind each figure."""

    key: str  # the anchor of its items on the page
    label: str
    assurance: Any = None  # the latest AssuranceStatement, if any
    actions: list[Any] = field(default_factory=list)  # report.ActionLine
    measures: list[Any] = field(default_factory=list)  # selectors.MeasureSummary

    @property
    def overdue(self) -> list[Any]:
        return [a for a in self.actions if a.overdue]

    @property
    def off_path(self) -> list[Any]:
        return [m for m in self.measures if m.status in OFF_PATH]

    @property
    def rag(self) -> rules.Rag:
        return rules.rag(
            assurance=self.assurance.rating if self.assurance else None,
            statuses=[a.status for a in self.actions if a.status not in rules.CLOSED_STATUSES],
            overdue=len(self.overdue),
        )


@dataclass
class Overview:
    authority: Any
    notice: Any
    today: dt.date
    expectations: list[Line]
    themes: list[Line]
    awaiting: list[Recommendation]

    @property
    def overdue(self) -> int:
        return len({a.action.pk for line in self.expectations for a in line.overdue})

    @property
    def off_path(self) -> int:
        return len({m.measure.pk for line in self.expectations for m in line.off_path})


def _unique(items: list[Any], key: Any) -> list[Any]:
    seen: dict[Any, Any] = {}
    for item in items:
        seen.setdefault(key(item), item)
    return list(seen.values())


def _theme_line(theme: Any, entries: list[ExpectationReport], tagged: set[int]) -> Line:
    """A theme: the expectations tagged with it, and the actions tagged with it directly."""
    mine = [e for e in entries if theme.pk in {t.pk for t in e.expectation.themes.all()}]
    every_action = [a for e in entries for a in e.actions]
    actions = [a for e in mine for a in e.actions] + [
        a for a in every_action if a.action.pk in tagged
    ]
    ratings = [e.assurance for e in mine if e.assurance is not None]
    # The weakest latest assurance among its expectations speaks for the theme.
    order = list(rules.AssuranceRating)
    weakest = max(ratings, key=lambda s: order.index(rules.AssuranceRating(s.rating)), default=None)
    return Line(
        key=f"theme-{theme.key}",
        label=theme.name,
        assurance=weakest,
        actions=_unique(actions, lambda a: a.action.pk),
        measures=_unique([m for e in mine for m in e.measures], lambda m: m.measure.pk),
    )


def overview(authority: Any, *, today: dt.date) -> Overview:
    notice_report = progress_report(authority, start=FAR_PAST, end=today)
    entries = notice_report.expectations
    lines = [
        Line(
            key=f"expectation-{e.expectation.pk}",
            label=f"{e.expectation.position}. {e.expectation.text}",
            assurance=e.assurance,
            actions=e.actions,
            measures=e.measures,
        )
        for e in entries
    ]
    themed = PlanAction.objects.filter(authority=authority).prefetch_related("themes")
    by_theme: dict[int, set[int]] = {}
    for action in themed:
        for theme in action.themes.all():
            by_theme.setdefault(theme.pk, set()).add(action.pk)
    themes = [_theme_line(t, entries, by_theme.get(t.pk, set())) for t in all_themes()]
    awaiting = [
        r
        for r in notice_report.recommendations
        if r.status == rules.RecommendationStatus.AWAITING_RESPONSE
    ]
    return Overview(authority, notice_report.notice, today, lines, themes, awaiting)
