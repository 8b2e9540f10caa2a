"""Writes to interventions and their non-statutory stages (reviews and panels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from bestvalue.accounts.models import User
from bestvalue.authorities.models import Authority
from bestvalue.interventions.models import Intervention, NonStatutoryStage
from bestvalue.interventions.services._common import create, lock, next_position, refuse, update
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import Status


def _check_escalation(intervention: Intervention) -> None:
    """A notice is linked only to what followed its escalation, in the same authority."""
    if intervention.escalated_from_id is None:
        return
    # Read afresh: the caller's copy may predate the review that escalated it.
    notice = Notice.objects.get(pk=intervention.escalated_from_id)
    errors = {}
    if notice.status != Status.ESCALATED:
        errors["escalated_from"] = (
            "Choose a notice whose outcome is escalation: this one is "
            f"{notice.get_status_display().lower()}"
        )
    elif notice.authority_id != intervention.authority_id:
        errors["escalated_from"] = "Choose a notice to the same authority as the intervention"
    refuse(errors)


def open_intervention(
    *,
    by: User,
    authority: Authority,
    reference: str,
    trigger: str,
    escalated_from: Notice | None = None,
) -> Intervention:
    """Start the record of an inspection or intervention in an authority, linked to the best
    value notice whose escalation led to it, if there was one."""
    intervention = Intervention(
        authority=authority, reference=reference, trigger=trigger, escalated_from=escalated_from
    )
    return create(intervention, by=by, action="intervention.opened", check=_check_escalation)


def update_intervention(
    intervention: Intervention, *, by: User, version: int | None = None, **changes: Any
) -> Intervention:
    """Change the trigger, the status (active or ended, with a note where uncertain), or the
    notice it was escalated from."""
    return update(
        intervention,
        by=by,
        action="intervention.updated",
        changes=changes,
        allowed={"trigger", "status", "status_note", "status_approx", "escalated_from"},
        check=_check_escalation,
        version=version,
    )


def link_escalation(
    intervention: Intervention, *, by: User, notice: Notice, version: int | None = None
) -> Intervention:
    """Link a notice whose outcome is escalation to the intervention that followed it, so that
    both pages and the authority's timeline show the chain."""
    return update_intervention(intervention, by=by, escalated_from=notice, version=version)


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
