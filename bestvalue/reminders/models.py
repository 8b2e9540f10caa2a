"""Each user's reminder preferences and calendar feed key, and the record of every reminder: one
row per user, obligation and lead time, which is what makes each reminder go out once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from bestvalue.core.modelling import one_of
from bestvalue.reminders.rules import KIND_LABELS, MADE, OVERDUE

USER = settings.AUTH_USER_MODEL


class Preference(models.Model):
    """What a user wants to be reminded of. Without a row, the defaults: email on, every kind.

    Kinds are stored as those turned off, so a kind added later reaches everyone until they turn
    it off. The calendar feed's secret is never stored, only its SHA-256 digest, so that a copy of
    the database does not give away anyone's feed.
    """

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="reminder_preference")
    email = models.BooleanField(default=True, help_text="Send reminders by email.")
    muted_kinds = models.JSONField(default=list, blank=True)
    calendar_token_digest = models.CharField(max_length=64, blank=True, editable=False)
    calendar_token_created_at = models.DateTimeField(null=True, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["calendar_token_digest"],
                condition=~Q(calendar_token_digest=""),
                name="reminder_preference_calendar_token_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder preferences of {self.user}"

    @property
    def has_calendar(self) -> bool:
        return bool(self.calendar_token_digest)


class ReminderStatus(models.TextChoices):
    PENDING = "pending", "Not sent yet"
    SENT = "sent", "Sent"


class Reminder(models.Model):
    """One reminder to one user about one obligation at one lead time.

    A run creates the row, claims it (`claimed_at`, by a conditional update only one run can win),
    sends, and marks it sent. A failed send releases the claim and counts the attempt, so the next
    run tries again; a claim left by a run that died is taken over after an hour.
    """

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="reminders")
    item_key = models.CharField(max_length=120)
    lead_days = models.SmallIntegerField(
        help_text=f"Days before the date; {OVERDUE} once overdue; {MADE} when made."
    )
    kind = models.CharField(
        max_length=30, choices=[(k.value, label) for k, label in KIND_LABELS.items()]
    )
    due_on = models.DateField()
    title = models.CharField(max_length=300)
    status = models.CharField(
        max_length=10, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    claimed_by = models.CharField(max_length=40, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "user"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "item_key", "lead_days"], name="reminder_once_per_lead_time"
            ),
            models.CheckConstraint(
                name="reminder_lead_days_valid", condition=Q(lead_days__gte=MADE)
            ),
            one_of("reminder_status_valid", "status", ReminderStatus),
            # Sent means sent: a time and a channel, and no longer claimed.
            models.CheckConstraint(
                name="reminder_sent_has_time",
                condition=Q(status=ReminderStatus.PENDING, sent_at__isnull=True)
                | Q(status=ReminderStatus.SENT, sent_at__isnull=False, claimed_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"Reminder to {self.user_id}: {self.title} ({self.lead_days})"
