"""Notices and what hangs off them: grounds, acknowledgements, expectations, sources, reviews and
their assessments, outcomes, engagement, and statutory data requests with their returns."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from bestvalue.core import clock
from bestvalue.core.modelling import not_before, one_of, optional_link
from bestvalue.notices.rules import (
    PERIOD_MONTHS_MAX,
    PERIOD_MONTHS_MIN,
    PUBLISHED_STATUSES,
    STATUS_LABELS,
    Status,
    standing,
    standing_label,
)

USER = settings.AUTH_USER_MODEL


class Department(models.TextChoices):
    DLUHC = "DLUHC", "Department for Levelling Up, Housing and Communities"
    MHCLG = "MHCLG", "Ministry of Housing, Communities and Local Government"


class NoticeQuerySet(models.QuerySet["Notice"]):
    def published(self) -> NoticeQuerySet:
        """What the public may see: issued notices and those that have ended. Never drafts."""
        return self.filter(status__in=PUBLISHED_STATUSES)

    def open(self) -> NoticeQuerySet:
        """Issued and not yet ended (it may be past its expiry with no outcome recorded)."""
        return self.filter(status=Status.ISSUED)

    def in_force_on(self, day: dt.date) -> NoticeQuerySet:
        """Published notices in force on `day` (rules.in_force_on as a query): issued on or
        before it, not yet replaced, lapsed, withdrawn or escalated, and, with no recorded end,
        before their expiry date."""
        not_ended = Q(ended_on__gt=day) | (
            Q(ended_on__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gt=day))
        )
        return self.published().filter(issued_on__lte=day).filter(not_ended)

    def in_force(self, today: dt.date) -> NoticeQuerySet:
        """In force today: the same answer as "in force on today's date", on every channel."""
        return self.in_force_on(today)

    def period_ended(self, today: dt.date) -> NoticeQuerySet:
        """Issued notices whose period has ended with no outcome recorded (rules.standing)."""
        return self.filter(status=Status.ISSUED, expires_on__lte=today)


class FourEyes(models.Model):
    """What a record approved under four eyes keeps: its version (for stale edits), who drafted
    and who edited it (none of whom may approve it), and who approved it, when."""

    version = models.PositiveIntegerField(default=1)
    drafted_by = optional_link(USER, related_name="+")
    editors: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        USER, blank=True, related_name="+"
    )
    approved_by = optional_link(USER, related_name="+")
    approved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Notice(FourEyes):
    reference = models.CharField(
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text="Given when the notice is issued, for example BVN-2024-003.",
    )
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="notices"
    )
    department = models.CharField(max_length=5, choices=Department.choices)
    addressee_name = models.CharField(max_length=200, blank=True)
    addressee_role = models.CharField(max_length=200, blank=True)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_role = models.CharField(max_length=200, blank=True)
    signatory_approx = models.BooleanField(
        default=False, help_text="The signatory is inferred, not read from this letter."
    )
    issued_on = models.DateField(null=True, blank=True)
    period_months = models.PositiveSmallIntegerField(null=True, blank=True)
    period_approx = models.BooleanField(
        default=False, help_text="The period is assumed, not quoted from the letter."
    )
    # Derived from issued_on + period_months by rules.expiry_date and written only by services;
    # stored so that dashboards and the register can filter and sort by expiry in the database.
    expires_on = models.DateField(null=True, blank=True, editable=False)
    status = models.CharField(
        max_length=20, choices=[(s.value, STATUS_LABELS[s]) for s in Status], default=Status.DRAFT
    )
    # The first day the notice was no longer in force (replaced, lapsed, withdrawn, escalated).
    ended_on = models.DateField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaced_by"
    )
    note = models.TextField(blank=True)
    register_id = models.CharField(
        max_length=60,
        unique=True,
        null=True,
        blank=True,
        help_text="The record's id in the loaded public register (register.yaml).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        indexes = [models.Index(fields=["status", "expires_on"])]
        constraints = [
            models.CheckConstraint(
                name="notice_status_valid", condition=Q(status__in=[s.value for s in Status])
            ),
            # At most one notice in force per authority at a time.
            models.UniqueConstraint(
                fields=["authority"],
                condition=Q(status=Status.ISSUED),
                name="notice_one_in_force_per_authority",
            ),
            models.CheckConstraint(
                name="notice_published_has_issue_date",
                condition=Q(status__in=[Status.DRAFT, Status.AWAITING_APPROVAL])
                | Q(issued_on__isnull=False)
                | Q(register_id__isnull=False),
            ),
            # The period limits of rules.py, held by the database too (issue 14.1).
            models.CheckConstraint(
                name="notice_period_within_limits",
                condition=Q(period_months__isnull=True)
                | Q(period_months__gte=PERIOD_MONTHS_MIN, period_months__lte=PERIOD_MONTHS_MAX),
            ),
            not_before("notice_ends_after_issue", "ended_on", "issued_on"),
            models.CheckConstraint(
                name="notice_approver_is_not_drafter",
                condition=Q(approved_by__isnull=True)
                | Q(drafted_by__isnull=True)
                | ~Q(approved_by=F("drafted_by")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference or 'Draft notice'} to {self.authority.short_name}"

    @property
    def status_enum(self) -> Status:
        return Status(self.status)

    @property
    def is_published(self) -> bool:
        return self.status in PUBLISHED_STATUSES

    @property
    def standing(self) -> str:
        """Its status as true today (rules.standing): `period_ended` once its period has ended
        with no outcome recorded, never "issued"."""
        return standing(self.status, self.expires_on, clock.today(), self.issued_on)

    @property
    def standing_label(self) -> str:
        """The words every page, feed and export shows for its status today."""
        return standing_label(self.status, self.expires_on, clock.today(), self.issued_on)


class Source(models.Model):
    """A public document a record rests on (letter, statement, report, news article)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(max_length=500)
    about_outcome = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.url


class NoticeItem(models.Model):
    """A numbered paragraph of a notice: a ground, an acknowledgement or an expectation."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="%(class)ss")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        abstract = True
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["notice", "position"], name="%(class)s_position_unique")
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Ground(NoticeItem):
    source_document = models.CharField(max_length=300, blank=True)
    themes = models.ManyToManyField("guidance.Theme", blank=True, related_name="+")


class Acknowledgement(NoticeItem):
    """Progress the department recognised in the notice."""


class Expectation(NoticeItem):
    is_verbatim = models.BooleanField(
        default=True,
        help_text="False where the wording is a paraphrase from a council or press summary.",
    )
    themes = models.ManyToManyField("guidance.Theme", blank=True, related_name="+")
    carried_from = optional_link("self", related_name="carried_to")

    def __str__(self) -> str:
        return f"{self.position}. {self.text[:80]}"


class Decision(models.TextChoices):
    REISSUE = "reissue", "Reissue as a revised notice"
    LAPSE = "lapse", "Let it lapse"
    WITHDRAW = "withdraw", "Withdraw it"
    ESCALATE = "escalate", "Escalate"


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
    APPROVED = "approved", "Approved"


class Review(FourEyes):
    """The department's review of a notice: each expectation assessed, and a decision with its
    rationale, which an approver (never its author) approves before it takes effect."""

    notice = models.ForeignKey(Notice, on_delete=models.PROTECT, related_name="reviews")
    reviewed_on = models.DateField()
    decision = models.CharField(max_length=10, choices=Decision.choices)
    rationale = models.TextField()
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        constraints = [
            one_of("review_decision_valid", "decision", Decision),
            models.CheckConstraint(
                name="review_approver_is_not_drafter",
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("drafted_by")),
            ),
            # One open (unapproved) review per notice at a time.
            models.UniqueConstraint(
                fields=["notice"],
                condition=~Q(status=ReviewStatus.APPROVED),
                name="review_one_open_per_notice",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.notice} ({self.get_decision_display()})"

    @property
    def is_draft(self) -> bool:
        return self.status == ReviewStatus.DRAFT


class Rating(models.TextChoices):
    MET = "met", "Met"
    ON_TRACK = "on_track", "On track"
    AT_RISK = "at_risk", "At risk"
    NOT_MET = "not_met", "Not met"


class Assessment(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="assessments")
    expectation = models.ForeignKey(
        Expectation, on_delete=models.PROTECT, related_name="assessments"
    )
    rating = models.CharField(max_length=10, choices=Rating.choices)
    commentary = models.TextField()
    evidence_links = models.TextField(
        blank=True, help_text="One link or document reference a line."
    )

    class Meta:
        ordering = ["expectation__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "expectation"], name="assessment_unique"),
            one_of("assessment_rating_valid", "rating", Rating),
        ]

    def __str__(self) -> str:
        return f"{self.expectation}: {self.get_rating_display()}"


class Outcome(models.Model):
    """How a notice ended, as published: the event, its date and the letter that recorded it."""

    notice = models.OneToOneField(Notice, on_delete=models.CASCADE, related_name="outcome")
    decided_on = models.DateField(
        null=True, blank=True, help_text="Date of the event or its letter."
    )
    decided_on_approx = models.CharField(max_length=30, blank=True)
    letter_from_name = models.CharField(max_length=200, blank=True)
    letter_from_role = models.CharField(max_length=200, blank=True)
    letter_to_name = models.CharField(max_length=200, blank=True)
    letter_to_role = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    review = models.OneToOneField(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="outcome"
    )

    def __str__(self) -> str:
        return f"Outcome of {self.notice}"


class Recorded(models.Model):
    """Something the department recorded on a notice, which it may correct or remove: who
    recorded it, who last changed it and when, and a version so a stale change is refused."""

    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    changed_by = optional_link(USER, related_name="+")
    changed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class EngagementKind(models.TextChoices):
    MEETING = "meeting", "Meeting"
    CALL = "call", "Call"
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"


class Engagement(Recorded):
    """Contact between the department, at official level, and the authority under a notice."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="engagements")
    kind = models.CharField(max_length=10, choices=EngagementKind.choices)
    occurred_on = models.DateField()
    summary = models.TextField()
    attendees = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-id"]
        constraints = [
            one_of("engagement_kind_valid", "kind", EngagementKind),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_on}"


class Recurrence(models.TextChoices):
    ONCE = "once", "Once"
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"


class DataRequest(Recorded):
    """A request for information from the authority, one-off or recurring (e.g. weekly returns)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="data_requests")
    # Set when the request, still open, was carried to a revised notice on reissue (the rule:
    # engagement.carries_over): the notice it was first made under, whose page still lists it.
    made_under = optional_link(Notice, related_name="requests_carried_on")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    requested_on = models.DateField()
    first_due_on = models.DateField()
    recurrence = models.CharField(
        max_length=10, choices=Recurrence.choices, default=Recurrence.ONCE
    )
    last_due_on = models.DateField(null=True, blank=True, help_text="For recurring requests.")
    statutory_basis = models.CharField(
        max_length=300,
        blank=True,
        help_text="For a statutory request: the power it is made under, as the request cites it.",
    )

    class Meta:
        ordering = ["first_due_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="data_request_due_after_request",
                condition=Q(first_due_on__gte=F("requested_on")),
            ),
            models.CheckConstraint(
                name="data_request_last_after_first",
                condition=Q(last_due_on__isnull=True) | Q(last_due_on__gte=F("first_due_on")),
            ),
            one_of("data_request_recurrence_valid", "recurrence", Recurrence),
        ]

    def __str__(self) -> str:
        return self.title


class DataReturn(Recorded):
    request = models.ForeignKey(DataRequest, on_delete=models.CASCADE, related_name="returns")
    due_on = models.DateField()
    received_on = models.DateField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "due_on"], name="data_return_once_per_due_date"
            ),
        ]

    def __str__(self) -> str:
        return f"Return for {self.due_on}"


class CaseNote(models.Model):
    """A note the department keeps on a notice: dated, signed, private to the department. No
    public selector reads it, so it reaches no page, feed, export or API answer."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="case_notes")
    text = models.TextField()
    written_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"Note of {self.written_at:%Y-%m-%d}"


class ReferenceCounter(models.Model):
    """The last reference number given in a year (BVN-YYYY-NNN): locked only while a notice
    takes the next one (services.allocate_reference), so concurrent issues never collide."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"BVN-{self.year}: {self.last}"
