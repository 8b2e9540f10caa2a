"""The per-item publish step: what the public may see is what the authority or board published."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, TypeVar

from django.conf import settings
from django.db import models
from django.db.models import Q

M = TypeVar("M", bound=models.Model)


class PublishableQuerySet(models.QuerySet[M]):
    def published(self) -> PublishableQuerySet[M]:
        """The publication rule, in one place: published by the authority or board, and not since
        withdrawn from publication."""
        return self.filter(published_at__isnull=False)


class Publishable(models.Model):
    """An item its owner publishes one at a time. `published_at` is when it was (last) published
    and `published_content` what was published then; withdrawing it clears all three. Each step
    is an audit event."""

    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # What the public sees of it: its public content as it was when last published
    # (improvement.content). Later changes wait, "changed since publication", until it is
    # published again; every public channel reads this, never the live fields.
    published_content = models.JSONField(null=True, blank=True, editable=False)
    # Corrections made in the open (issue 18.2): dated notes, each saying what changed from what
    # and why ({"on": ISO date, "text": ...}), oldest first; part of the public content once
    # there is one, so a published item shows them when next published. Never rewritten.
    correction_notes = models.JSONField(default=list, blank=True, editable=False)

    class Meta:
        abstract = True

    # Its kind in improvement.content ("action", "measure", "evidence", "assurance").
    publication_kind: ClassVar[str] = ""

    @property
    def corrections(self) -> list[tuple[dt.date, str]]:
        """Its correction notes as (date, text), oldest first."""
        return [(dt.date.fromisoformat(n["on"]), n["text"]) for n in self.correction_notes]

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def changed_since_publication(self) -> bool:
        """Published, but changed since: the public still sees the last published version.
        (Reads the relations improvement.content reads: prefetch them for lists.)"""
        from bestvalue.improvement.content import is_changed_since_publication

        return is_changed_since_publication(self.publication_kind, self)


class Kept(Publishable):
    """An item the authority keeps and changes in turn (a plan action, a measure): its version,
    for refusing stale edits, and who made it and when."""

    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


def publication_constraints() -> list[Any]:
    return [
        models.CheckConstraint(
            name="%(app_label)s_%(class)s_published_by_someone",
            condition=Q(published_at__isnull=True, published_by__isnull=True)
            | Q(published_at__isnull=False, published_by__isnull=False),
        ),
        models.CheckConstraint(
            name="%(app_label)s_%(class)s_published_with_content",
            condition=Q(published_at__isnull=True, published_content__isnull=True)
            | Q(published_at__isnull=False, published_content__isnull=False),
        ),
    ]
