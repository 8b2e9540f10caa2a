"""The audit log: append-only events, each chained to the one before by its hash, and the head."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from bestvalue.audit.hashing import GENESIS_HASH

HEX_SHA256 = r"^[0-9a-f]{64}$"
ACTION = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$"

_hex_sha256 = RegexValidator(HEX_SHA256, "Enter a SHA-256 digest as 64 lower-case hex digits")
_action = RegexValidator(
    ACTION, "Name the action as a dotted lower-case verb, for example notice.issued"
)


class AppendOnly(Exception):
    """Raised on any attempt to change or remove an audit event once it is recorded."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    # The database triggers refuse these too; refusing here gives a clearer error sooner.
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("Audit events cannot be changed once recorded.")

    def delete(self) -> NoReturn:
        raise AppendOnly("Audit events cannot be deleted.")


class AuditEvent(models.Model):
    """One change: who made it, when, to what, and the record before and after.

    Written only by bestvalue.audit.services.record_event. `sequence` is ours (1, 2, 3...),
    not the autoincrement id, because a database sequence leaves gaps when a transaction rolls
    back and a gap must mean an event is missing.
    """

    sequence = models.PositiveBigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # deactivate a user who has acted; never delete them
        null=True,
        blank=True,
        related_name="audit_events",
        help_text="Blank for changes made by the system (loaders, scheduled commands).",
    )
    actor_label = models.CharField(
        max_length=150, help_text="The username at the time, or 'system'."
    )
    action = models.CharField(max_length=100, validators=[_action])
    object_type = models.CharField(
        max_length=100, blank=True, help_text="The model's label, for example notices.notice."
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    previous_hash = models.CharField(max_length=64, validators=[_hex_sha256])
    hash = models.CharField(max_length=64, validators=[_hex_sha256])

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-sequence"]
        indexes = [
            models.Index(
                fields=["object_type", "object_id", "-sequence"], name="audit_event_object"
            )
        ]
        constraints = [
            models.CheckConstraint(
                name="audit_event_sequence_positive", condition=Q(sequence__gte=1)
            ),
            models.CheckConstraint(
                name="audit_event_hash_hex", condition=Q(hash__regex=HEX_SHA256)
            ),
            models.CheckConstraint(
                name="audit_event_previous_hash_hex", condition=Q(previous_hash__regex=HEX_SHA256)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sequence} {self.action} {self.object_label}".rstrip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("Audit events cannot be changed once recorded.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("Audit events cannot be deleted.")

    def hashed_fields(self) -> dict[str, Any]:
        """What the hash covers (bestvalue.audit.hashing.HASHED_FIELDS), read from this row."""
        return {
            "sequence": self.sequence,
            "occurred_at": self.occurred_at,
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_label": self.object_label,
            "before": self.before,
            "after": self.after,
            "previous_hash": self.previous_hash,
        }


class AuditChainHead(models.Model):
    """The one row holding the last event's sequence and hash.

    Appenders lock it (SELECT ... FOR UPDATE) so that on PostgreSQL they take turns; on SQLite
    the IMMEDIATE transactions in settings already make writers take turns. Verification
    compares it with the last event, which is how events cut off the end are noticed.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH, validators=[_hex_sha256])

    class Meta:
        constraints = [
            models.CheckConstraint(name="audit_chain_head_single_row", condition=Q(id=1))
        ]

    def __str__(self) -> str:
        return f"Audit chain head at event {self.sequence}"


class AuditCheckpointQuerySet(models.QuerySet["AuditCheckpoint"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("Audit checkpoints cannot be changed once recorded.")

    def delete(self) -> NoReturn:
        raise AppendOnly("Audit checkpoints cannot be deleted.")


class AuditCheckpoint(models.Model):
    """The chain's head (last sequence and hash) as it stood at a moment, published so that
    outsiders can keep copies: a log later cut short, or rewritten with new hashes, no longer
    agrees with them. Append-only, like the events (migration 0003 adds the triggers)."""

    sequence = models.PositiveBigIntegerField()
    hash = models.CharField(max_length=64, validators=[_hex_sha256])
    recorded_at = models.DateTimeField()

    objects = AuditCheckpointQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="audit_checkpoint_hash_hex", condition=Q(hash__regex=HEX_SHA256)
            ),
        ]

    def __str__(self) -> str:
        return f"Checkpoint at event {self.sequence}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("Audit checkpoints cannot be changed once recorded.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("Audit checkpoints cannot be deleted.")
