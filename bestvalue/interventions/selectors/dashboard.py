"""What needs the department's attention in its interventions: casework in draft or awaiting
approval. What falls due is interventions.due's answer, read by the dashboard alongside."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bestvalue.interventions import rules
from bestvalue.interventions.models import ApprovalStatus, Directions, Intervention, MindedTo


@dataclass
class InterventionDashboard:
    today: dt.date
    awaiting_approval: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)
    # (intervention, "Exit or extension needed: directions ended on ...") (rules.exit_or_...)
    decision_needed: list[tuple[Any, str]] = field(default_factory=list)


def dashboard(today: dt.date) -> InterventionDashboard:
    """Minded-to letters and directions awaiting approval or in draft, and interventions
    needing a decision on exit or extension, in four queries."""
    board = InterventionDashboard(today=today)
    for model in (MindedTo, Directions):
        working = model.objects.filter(
            status__in=[ApprovalStatus.DRAFT, ApprovalStatus.AWAITING_APPROVAL]
        ).select_related("intervention__authority", "drafted_by")
        for record in working.order_by("id"):
            waiting = record.status == ApprovalStatus.AWAITING_APPROVAL
            (board.awaiting_approval if waiting else board.drafts).append(record)
    board.decision_needed = decision_needed(today)
    return board


def decision_needed(today: dt.date) -> list[tuple[Any, str]]:
    """Active interventions whose directions have passed their end date with no exit, extension
    or new directions recorded, with the prompt's words (two queries)."""
    active = (
        Intervention.objects.active()
        .select_related("authority")
        .prefetch_related("directions")
        .order_by("authority__official_name", "reference")
    )
    found = []
    for intervention in active:
        prompt = rules.exit_or_extension_needed(
            status=intervention.status, steps=intervention.directions_steps(), today=today
        )
        if prompt:
            found.append((intervention, prompt))
    return found
