"""The shape every write shares: one transaction, full_clean, the save, and its audit event."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Max

from bestvalue.accounts.models import User
from bestvalue.audit.services import record_event, snapshot
from bestvalue.core import clock
from bestvalue.interventions import rules
from bestvalue.interventions.models import (
    ApprovalStatus,
    Directions,
    Inspection,
    Intervention,
    MindedTo,
    NonStatutoryStage,
)
from bestvalue.interventions.services import publication
from bestvalue.notices.errors import StaleEdit

M = TypeVar("M", bound=models.Model)
Check = Callable[[Any], None]


def create(obj: M, *, by: User, action: str, check: Check | None = None) -> M:
    """Save a new record after `check` (cross-record rules) and full_clean, with its event.
    A fact that is published by approval starts as its drafter's draft (services.publication).
    """
    if hasattr(obj, "publication"):
        obj.drafted_by = by  # type: ignore[attr-defined]
        obj.publication = ApprovalStatus.DRAFT
    with transaction.atomic():
        if check is not None:
            check(obj)
        obj.full_clean()
        obj.save()
        record_event(actor=by, action=action, obj=obj, after=snapshot(obj))
    return obj


def add_child(
    obj: M, siblings: models.QuerySet[Any], *, by: User, action: str, check: Check | None = None
) -> M:
    """`create` the record as the last of its parent's `siblings` (the next position)."""
    with transaction.atomic():
        obj.position = next_child_position(siblings)  # type: ignore[attr-defined]
        return create(obj, by=by, action=action, check=check)


def update(
    obj: M,
    *,
    by: User,
    action: str,
    changes: Mapping[str, Any],
    allowed: Iterable[str],
    check: Check | None = None,
    version: int | None = None,
) -> M:
    """Apply `changes` to a fresh, locked copy of `obj`, so a refused change leaves neither the
    database nor the caller's object half-changed. Returns the saved copy.

    `version` is the version the user's form was opened on: if the record has changed since,
    the change is refused (StaleEdit) instead of silently overwriting the other change."""
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise TypeError(f"These fields cannot be changed here: {', '.join(unknown)}")
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update(no_key=True).get(pk=obj.pk)
        check_version(current, version)
        before = snapshot(current)
        for name, value in changes.items():
            setattr(current, name, value)
        if check is not None:
            check(current)
        word = publication.on_change(current, by=by)
        bump_version(current)
        current.full_clean()
        current.save()
        publication.note_editor(current, by=by)
        action = f"{action.rsplit('.', 1)[0]}.{word}" if word == "reopened" else action
        record_event(actor=by, action=action, obj=current, before=before, after=snapshot(current))
    return current


def delete(obj: models.Model, *, by: User, action: str) -> None:
    """Delete a record with its event, which keeps its last values and names it by its old id
    (the deletion clears the id)."""
    before = snapshot(obj)
    object_id, label = str(obj.pk), str(obj)
    obj.delete()
    record_event(
        actor=by,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=object_id,
        object_label=label,
        before=before,
    )


def check_version(current: models.Model, version: int | None) -> None:
    """Refuse a change made on a form opened before the record last changed."""
    if version is not None and version != getattr(current, "version", version):
        raise StaleEdit(str(current._meta.verbose_name))


def bump_version(current: models.Model) -> None:
    if hasattr(current, "version"):
        current.version += 1


def lock(intervention: Intervention) -> None:
    """Take the intervention's row lock, so that two writers number their stages in turn."""
    Intervention.objects.select_for_update(no_key=True).filter(pk=intervention.pk).exists()


def next_position(intervention: Intervention) -> int:
    """The next place in the intervention's sequence of stages (call after `lock`)."""
    highest = [
        model.objects.filter(intervention=intervention).aggregate(n=Max("position"))["n"] or 0
        for model in (NonStatutoryStage, Inspection, MindedTo, Directions)
    ]
    return max(highest) + 1


def next_child_position(queryset: models.QuerySet[Any]) -> int:
    return (queryset.aggregate(n=Max("position"))["n"] or 0) + 1


def refuse(errors: Mapping[str, str | None]) -> None:
    """Raise the errors, if there are any, keyed by the field at fault (rules answer None when
    there is no fault)."""
    found = {field: message for field, message in errors.items() if message}
    if found:
        raise ValidationError(found)


def margin_days() -> int:
    """How far from today a date of issue or report may be (RECORD_DATE_MARGIN_DAYS)."""
    return settings.RECORD_DATE_MARGIN_DAYS


def date_near_today(what: str, on: Any) -> str | None:
    """rules.too_far_from_today for a date typed now (the loader does not ask: history)."""
    return rules.too_far_from_today(what, on=on, today=clock.today(), margin_days=margin_days())
