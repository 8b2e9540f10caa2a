"""Improvement boards and panels: the independent bodies that give assurance on an authority, their
members, meetings, assurance statements against each expectation, and recommendations with the
authority's responses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from bestvalue.core.modelling import both_or_neither, one_of
from bestvalue.improvement.models.publication import (
    Publishable,
    PublishableQuerySet,
    publication_constraints,
)
from bestvalue.improvement.rules import (
    ASSURANCE_LABELS,
    RECOMMENDATION_STATUS_LABELS,
    RecommendationStatus,
)

USER = settings.AUTH_USER_MODEL


class BoardKind(models.TextChoices):
    NON_STATUTORY = "non_statutory", "Non-statutory improvement board"
    STATUTORY = "statutory", "Statutory improvement and assurance panel"


class ImprovementBoard(models.Model):
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="boards"
    )
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=BoardKind.choices)
    established_on = models.DateField(null=True, blank=True)
    stood_down_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["authority__short_name", "name"]
        constraints = [
            one_of("board_kind_valid", "kind", BoardKind),
            models.CheckConstraint(
                name="board_stood_down_after_established",
                condition=Q(established_on__isnull=True)
                | Q(stood_down_on__isnull=True)
                | Q(stood_down_on__gte=models.F("established_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.authority.short_name})"


class BoardRole(models.TextChoices):
    CHAIR = "chair", "Chair"
    VICE_CHAIR = "vice_chair", "Vice chair"
    MEMBER = "member", "Member"
    ADVISER = "adviser", "Adviser"


class BoardMembership(models.Model):
    """A seat on the board, held from one date to another. Not a user account: most members
    never sign in, and those who do are users with the board member role."""

    board = models.ForeignKey(
        ImprovementBoard, on_delete=models.CASCADE, related_name="memberships"
    )
    name = models.CharField(max_length=200)
    role = models.CharField(max_length=20, choices=BoardRole.choices)
    description = models.CharField(
        max_length=200, blank=True, help_text="For example, independent member for finance."
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")

    class Meta:
        ordering = ["ended_on", "role", "name"]
        constraints = [
            models.CheckConstraint(
                name="board_membership_role_valid", condition=Q(role__in=BoardRole.values)
            ),
            models.CheckConstraint(
                name="board_membership_ends_after_start",
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.get_role_display()}"


class Meeting(models.Model):
    board = models.ForeignKey(ImprovementBoard, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    minutes = models.TextField()
    attendees = models.TextField(blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Meeting of {self.board.name} on {self.held_on}"


class AssuranceStatement(Publishable):
    """The board's assurance on one expectation of the notice, as at one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="assurances")
    expectation = models.ForeignKey(
        "notices.Expectation", on_delete=models.PROTECT, related_name="improvement_assurances"
    )
    rating = models.CharField(
        max_length=20, choices=[(r.value, label) for r, label in ASSURANCE_LABELS.items()]
    )
    narrative = models.TextField()

    publication_kind = "assurance"
    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["expectation__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "expectation"], name="assurance_once_per_meeting"
            ),
            models.CheckConstraint(
                name="assurance_rating_valid",
                condition=Q(rating__in=[r.value for r in ASSURANCE_LABELS]),
            ),
            *publication_constraints(),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()} on expectation {self.expectation.position}"


class Recommendation(models.Model):
    """A recommendation the board made at a meeting, to act on: when it is due, who owns it, the
    expectation it concerns, the plan actions that answer it, the authority's response, and the
    board's closing note (issue 18.6)."""

    board = models.ForeignKey(
        ImprovementBoard, on_delete=models.PROTECT, related_name="recommendations"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()
    status = models.CharField(
        max_length=20,
        choices=[(s.value, label) for s, label in RECOMMENDATION_STATUS_LABELS.items()],
        default=RecommendationStatus.AWAITING_RESPONSE.value,
    )
    response = models.TextField(blank=True)
    owner = models.CharField(
        max_length=200, blank=True, help_text="Who at the authority is responsible for it."
    )
    # Null only on recommendations recorded before they had due dates and expectations.
    due_on = models.DateField(null=True, blank=True)
    expectation = models.ForeignKey(
        "notices.Expectation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="improvement_recommendations",
    )
    actions = models.ManyToManyField(
        "improvement.PlanAction", blank=True, related_name="recommendations"
    )
    closed_on = models.DateField(null=True, blank=True)
    closing_note = models.TextField(blank=True)
    closed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    responded_on = models.DateField(null=True, blank=True)
    responded_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    made_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["board", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["board", "number"], name="recommendation_number_unique"
            ),
            models.CheckConstraint(
                name="recommendation_status_valid",
                condition=Q(status__in=[s.value for s in RECOMMENDATION_STATUS_LABELS]),
            ),
            # A response is recorded with its words and its date, or not at all.
            models.CheckConstraint(
                name="recommendation_response_complete",
                condition=Q(status=RecommendationStatus.AWAITING_RESPONSE.value)
                | (~Q(response="") & Q(responded_on__isnull=False)),
            ),
            # Closed with a date and a note, or open with neither.
            both_or_neither("recommendation_closing_complete", "closed_on", "closing_note"),
        ]

    def __str__(self) -> str:
        return f"Recommendation {self.number} of {self.board.name}"

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None
