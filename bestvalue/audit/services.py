"""Writing to the audit log, and turning records into the before and after it keeps.

Every service that changes a record calls record_event inside its own transaction.atomic, after
the change, so the event commits or rolls back with it:

    with transaction.atomic():
        before = snapshot(notice)
        notice.status = NoticeStatus.ISSUED
        notice.full_clean()
        notice.save()
        record_event(actor=by, action="notice.issued", obj=notice,
                     before=before, after=snapshot(notice))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from bestvalue.audit.hashing import event_hash, json_safe
from bestvalue.audit.keys import audit_key
from bestvalue.audit.models import AuditChainHead, AuditEvent
from bestvalue.core import clock

SYSTEM = "system"

# Left out of a snapshot unless named: the log can never be purged, so a secret in it stays.
NEVER_RECORDED = frozenset({"password"})


def record_event(
    *,
    actor: AbstractBaseUser | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the log, chained to the last by its hash (DESIGN.md section 3.10).

    `actor` is the signed-in user, or None for the system (loaders, scheduled commands). Give
    `obj` for a change to a record; object_type, object_id and object_label are taken from it
    unless given. Call it last in the caller's transaction: it locks the chain head until that
    transaction ends, and locking it earlier would hold up other writers for longer.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "record_event must run inside the transaction.atomic block of the change it "
            "records, so that the change and its audit event commit or roll back together."
        )
    if actor is not None and actor.pk is None:
        raise ValueError("The actor must be a saved user, or None for the system.")
    if obj is not None:
        if obj.pk is None:
            raise ValueError("Save the record before recording an event about it.")
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)
    event = AuditEvent(
        actor_id=None if actor is None else actor.pk,
        actor_label=SYSTEM if actor is None else actor.get_username(),
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=_truncate(object_label, AuditEvent._meta.get_field("object_label").max_length),
        before=None if before is None else json_safe(before),
        after=None if after is None else json_safe(after),
    )
    # A savepoint: if anything below fails and the caller carries on, no half-appended event
    # (saved, but not in the head) can be committed.
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        # Timed once the lock is held, so that times never run backwards along the chain.
        event.occurred_at = clock.now()
        event.sequence = head.sequence + 1
        event.previous_hash = head.hash
        event.hash = event_hash(event.hashed_fields(), key=audit_key())
        # The database enforces uniqueness and the check constraints; asking it here as well
        # would cost a query each on every write in the service. The actor is a saved user.
        event.full_clean(exclude=["actor"], validate_unique=False, validate_constraints=False)
        event.save()
        head.sequence, head.hash = event.sequence, event.hash
        head.save(update_fields=["sequence", "hash"])
    return event


@contextmanager
def audited(
    obj: models.Model,
    fields: Iterable[str] | None,
    *,
    actor: AbstractBaseUser | None,
    action: str,
    noted: Mapping[str, Any] | None = None,
) -> Iterator[None]:
    """Record `action` on `obj` around the change made in the block: its `fields` (all, if None)
    as they were before the block and as they are after it, with what is `noted` (a reason, say)
    added to the after. Use it inside the change's transaction.atomic; nothing is recorded if
    the block raises.

        with transaction.atomic(), audited(notice, NOTICE_FIELDS, actor=by, action="notice.issued"):
            notice.status = NoticeStatus.ISSUED
            notice.save()
    """
    names = None if fields is None else list(fields)
    before = snapshot(obj, names)
    yield
    after = {**snapshot(obj, names), **(noted or {})}
    record_event(actor=actor, action=action, obj=obj, before=before, after=after)


def snapshot(instance: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """A record's field values as JSON-safe data, for an event's before or after.

    All concrete fields (but not NEVER_RECORDED) unless `fields` names some; foreign keys as their id, dates as ISO text,
    Decimals as text, files as their name. Many-to-many fields only when named (as sorted ids),
    since reading them costs a query each.
    """
    opts = instance._meta
    if fields is None:
        names = [f.name for f in opts.concrete_fields if f.name not in NEVER_RECORDED]
    else:
        names = list(fields)
    values: dict[str, Any] = {}
    for name in names:
        field = opts.get_field(name)
        if not isinstance(field, models.Field):
            raise ValueError(f"{name} is not a field of {opts.label}; name its own fields only.")
        if field.many_to_many:
            values[name] = sorted(getattr(instance, name).values_list("pk", flat=True))
            continue
        value = field.value_from_object(instance)
        values[name] = (value.name or "") if isinstance(value, FieldFile) else value
    result: dict[str, Any] = json_safe(values)
    return result


def changes(
    before: Mapping[str, Any] | None, after: Mapping[str, Any] | None
) -> dict[str, tuple[Any, Any]]:
    """Only what changed, as name -> (before, after), in name order. A key present on one side
    only counts as None on the other."""
    before, after = before or {}, after or {}
    return {
        name: (before.get(name), after.get(name))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    }


def _truncate(text: str, limit: int | None) -> str:
    if limit is None or len(text) <= limit:
        return text
    return text[: limit - 1] + "…"
