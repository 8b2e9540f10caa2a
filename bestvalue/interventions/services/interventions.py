"""Writes to interventions and their non-statutory stages (reviews and panels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from bestvalue.accounts.models import User
from bestvalue.authorities.models import Authority
from bestvalue.interventions.models import Intervention, NonStatutoryStage
from bestvalue.interventions.services._common import create, lock, next_position, update


def open_intervention(
    *, by: User, authority: Authority, reference: str, trigger: str
) -> Intervention:
    """Start the record of an inspection or intervention in an authority."""
    intervention = Intervention(authority=authority, reference=reference, trigger=trigger)
    return create(intervention, by=by, action="intervention.opened")


def update_intervention(intervention: Intervention, *, by: User, **changes: Any) -> Intervention:
    """Change the trigger or the status (active or ended, with a note where uncertain)."""
    return update(
        intervention,
        by=by,
        action="intervention.updated",
        changes=changes,
        allowed={"trigger", "status", "status_note", "status_approx"},
    )


def record_non_statutory_stage(
    *,
    by: User,
    intervention: Intervention,
    kind: str,
    started_on: dt.date | None = None,
    started_on_approx: str = "",
    ends_on: dt.date | None = None,
    ends_on_approx: str = "",
    model: str = "",
    note: str = "",
    sources: Sequence[str] = (),
) -> NonStatutoryStage:
    """Record an external assurance review or a non-statutory panel (no legal basis)."""
    with transaction.atomic():
        lock(intervention)
        stage = NonStatutoryStage(
            intervention=intervention,
            position=next_position(intervention),
            kind=kind,
            started_on=started_on,
            started_on_approx=started_on_approx,
            ends_on=ends_on,
            ends_on_approx=ends_on_approx,
            model=model,
            note=note,
            sources=list(sources),
        )
        return create(stage, by=by, action="non_statutory_stage.recorded")


def update_non_statutory_stage(
    stage: NonStatutoryStage, *, by: User, **changes: Any
) -> NonStatutoryStage:
    return update(
        stage,
        by=by,
        action="non_statutory_stage.updated",
        changes=changes,
        allowed={
            "started_on",
            "started_on_approx",
            "ends_on",
            "ends_on_approx",
            "model",
            "note",
            "sources",
        },
    )
