"""What every approvable record shares, kept once: the exact content sent for approval and the
decision on it (Submission), corrections to the published record (Correction), and create forms
already sent (SpentFormToken)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from bestvalue.core.modelling import one_of, optional_link

USER = settings.AUTH_USER_MODEL


class Decision(models.TextChoices):
    PENDING = "pending", "Awaiting approval"
    APPROVED = "approved", "Approved"
    RETURNED = "returned", "Returned"


def not_approved_by(author: str, *, name: str) -> models.CheckConstraint:
    """Four eyes in the database: whoever decides is not the author (`author` names the field),
    unless the decision was to return it."""
    return models.CheckConstraint(
        name=name,
        condition=Q(decided_by__isnull=True)
        | Q(**{f"{author}__isnull": True})
        | ~Q(decided_by=models.F(author))
        | Q(decision=Decision.RETURNED),
    )


class RecordRef(models.Model):
    """Which record: its model and primary key (records of many apps are approved alike)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=40)

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["content_type", "object_id"])]


class Submission(RecordRef):
    """The content of a record exactly as it was sent for approval, with its SHA-256, and the
    approver's decision on it. An approval is of this content: an approve form carries the digest
    the approver read, and a different current digest refuses the approval (StaleApproval)."""

    action = models.CharField(max_length=60, help_text="What approval does, e.g. notice.issue.")
    digest = models.CharField(max_length=64)
    content = models.JSONField()
    submitted_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    submitted_at = models.DateTimeField()
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    decided_by = optional_link(USER, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True, help_text="Why it was returned.")

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "decision"])]
        constraints = [
            one_of("submission_decision_valid", "decision", Decision),
            not_approved_by("submitted_by", name="submission_not_decided_by_submitter"),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.digest[:12]} ({self.decision})"


class Correction(RecordRef):
    """A correction to a published record: proposed with a reason, approved by someone else, then
    applied, with the dated note the public sees. The earlier values stay here and in the audit
    log, so the history keeps them."""

    changes = models.JSONField(
        help_text='{"field": {"label": "Date of issue", "before": "2031-01-01", "after": ...}}'
    )
    reason = models.TextField(help_text="Why, in words the public will read.")
    digest = models.CharField(max_length=64)
    decision = models.CharField(max_length=10, choices=Decision.choices, default=Decision.PENDING)
    proposed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    proposed_at = models.DateTimeField()
    decided_by = optional_link(USER, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    corrected_on = models.DateField(null=True, blank=True, help_text="The date it was applied.")
    return_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-proposed_at", "-id"]
        constraints = [
            one_of("correction_decision_valid", "decision", Decision),
            not_approved_by("proposed_by", name="correction_not_approved_by_proposer"),
            models.CheckConstraint(
                name="correction_applied_when_approved",
                condition=Q(decision=Decision.APPROVED, corrected_on__isnull=False)
                | (~Q(decision=Decision.APPROVED) & Q(corrected_on__isnull=True)),
            ),
        ]

    def __str__(self) -> str:
        return f"Correction {self.pk} ({self.decision})"


class SpentFormToken(models.Model):
    """A create form's one-time token, spent when the record was made: the same form sent again
    (back button, second click) lands on that record instead of making a duplicate."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=40)
    spent_at = models.DateTimeField()

    def __str__(self) -> str:
        return str(self.token)
