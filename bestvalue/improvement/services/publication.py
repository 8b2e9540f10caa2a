"""The per-item publish step: the authority publishes its actions, measures and evidence, the
board its assurance statements. Publishing keeps the item's public content as it is now
(improvement.content); later changes reach the public only when the item is published again.
Each step, either way, is an audit event."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Prefetch

from bestvalue.audit.services import record_event
from bestvalue.core import clock
from bestvalue.improvement import content, permissions
from bestvalue.improvement.errors import PublicationChanged
from bestvalue.improvement.models import (
    AssuranceStatement,
    Evidence,
    Measure,
    PlanAction,
)
from bestvalue.improvement.services._common import require
from bestvalue.notices.models import Expectation

MODELS: dict[str, type[PlanAction] | type[Measure] | type[Evidence] | type[AssuranceStatement]] = {
    "action": PlanAction,
    "measure": Measure,
    "evidence": Evidence,
    "assurance": AssuranceStatement,
}

_EXPECTATIONS = Prefetch("expectations", queryset=Expectation.objects.select_related("notice"))
_RELATED: dict[str, tuple[Any, ...]] = {
    "action": (_EXPECTATIONS, "themes", "updates"),
    "measure": (_EXPECTATIONS, "readings"),
    "evidence": (_EXPECTATIONS,),
    "assurance": (),
}


_JOINED: dict[str, tuple[str, ...]] = {"assurance": ("meeting__board", "expectation__notice")}


def _locked(kind: str, pk: int) -> Any:
    found: Any = MODELS[kind].objects.select_for_update(of=("self",), no_key=True).filter(pk=pk)
    return found.select_related(*_JOINED.get(kind, ())).prefetch_related(*_RELATED[kind]).get()


def set_published(
    kind: str, item: Any, *, by: Any, published: bool, digest_read: str | None = None
) -> Any:
    """Publish an item as it is now (the public channels then show this content), publish its
    changes again, or withdraw it from publication.

    `digest_read` is the SHA-256 of the content the publisher read on the publish page
    (content.content_digest); if the item has changed since, nothing is published
    (PublicationChanged). Callers with no page to read (loaders, tests) leave it out. Publishing
    content already public changes nothing and records nothing."""
    require(
        permissions.can_publish(by, kind, item),
        "Only the authority (or, for assurance, the board) can publish this.",
    )
    with transaction.atomic():
        item = _locked(kind, item.pk)
        before = {
            "published_at": item.published_at,
            "published_by": item.published_by_id,
            "published_content": item.published_content,
        }
        if not published:
            if not item.is_published:
                return item
            item.published_at = item.published_by = item.published_content = None
            action = "unpublished"
        else:
            now = content.public_content(kind, item)
            if digest_read is not None and digest_read != content.digest(now):
                raise PublicationChanged()
            if item.is_published and item.published_content == now:
                return item
            action = "republished" if item.is_published else "published"
            item.published_at, item.published_by, item.published_content = clock.now(), by, now
        item.save(update_fields=["published_at", "published_by", "published_content"])
        record_event(
            actor=by,
            action=f"improvement.{kind}.{action}",
            obj=item,
            before=before,
            after={
                "published_at": item.published_at,
                "published_by": item.published_by_id,
                "published_content": item.published_content,
            },
        )
        return item
