"""What needs the department's attention in its interventions: casework in draft or awaiting
approval. What falls due is interventions.due's answer, read by the dashboard alongside."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from bestvalue.interventions.models import ApprovalStatus, Directions, MindedTo


@dataclass
class InterventionDashboard:
    today: dt.date
    awaiting_approval: list[Any] = field(default_factory=list)
    drafts: list[Any] = field(default_factory=list)


def dashboard(today: dt.date) -> InterventionDashboard:
    """Minded-to letters and directions awaiting approval or in draft, in two queries."""
    board = InterventionDashboard(today=today)
    for model in (MindedTo, Directions):
        working = model.objects.filter(
            status__in=[ApprovalStatus.DRAFT, ApprovalStatus.AWAITING_APPROVAL]
        ).select_related("intervention__authority", "drafted_by")
        for record in working.order_by("id"):
            waiting = record.status == ApprovalStatus.AWAITING_APPROVAL
            (board.awaiting_approval if waiting else board.drafts).append(record)
    return board
