"""The per-item publish step: the authority publishes its actions, measures and evidence, the
board its assurance statements. Each step, either way, is an audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from bestvalue.audit.services import record_event
from bestvalue.core import clock
from bestvalue.improvement import permissions
from bestvalue.improvement.models import AssuranceStatement, Evidence, Measure, PlanAction
from bestvalue.improvement.services._common import require

MODELS: dict[str, type[PlanAction] | type[Measure] | type[Evidence] | type[AssuranceStatement]] = {
    "action": PlanAction,
    "measure": Measure,
    "evidence": Evidence,
    "assurance": AssuranceStatement,
}


def set_published(kind: str, item: Any, *, by: Any, published: bool) -> Any:
    """Publish an item (the public register may then show it) or withdraw it from publication.
    Publishing what is already published changes nothing and records nothing."""
    require(
        permissions.can_publish(by, kind, item),
        "Only the authority (or, for assurance, the board) can publish this.",
    )
    with transaction.atomic():
        item = MODELS[kind].objects.select_for_update(no_key=True).get(pk=item.pk)
        if item.is_published == published:
            return item
        before = {"published_at": item.published_at, "published_by": item.published_by_id}
        item.published_at, item.published_by = (clock.now(), by) if published else (None, None)
        item.save(update_fields=["published_at", "published_by"])
        record_event(
            actor=by,
            action=f"improvement.{kind}.{'published' if published else 'unpublished'}",
            obj=item,
            before=before,
            after={"published_at": item.published_at, "published_by": item.published_by_id},
        )
        return item
