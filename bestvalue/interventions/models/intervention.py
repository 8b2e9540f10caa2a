"""The intervention in an authority, and the non-statutory reviews and panels around it."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Q

from bestvalue.core import clock
from bestvalue.interventions import rules
from bestvalue.interventions.models.base import (
    Publishable,
    Stage,
    Versioned,
    approx,
    known_date,
    not_before,
    one_of,
    publication_constraints,
    stage_constraints,
)
from bestvalue.interventions.models.choices import (
    ApprovalStatus,
    InterventionModel,
    InterventionStatus,
    NonStatutoryKind,
)


def has_public_step() -> Q:
    """The publication rule for interventions: public once an approver has published it and one
    of its steps (an inspection, a review or panel, a minded-to letter or directions)."""
    # Imported here: the step models' modules import this one.
    from bestvalue.interventions.models.inspection import Inspection
    from bestvalue.interventions.models.statutory import Directions, MindedTo

    issued = Q(publication=ApprovalStatus.ISSUED)
    return issued & (
        Exists(Inspection.objects.filter(issued, intervention=OuterRef("pk")))
        | Exists(NonStatutoryStage.objects.filter(issued, intervention=OuterRef("pk")))
        | Exists(MindedTo.objects.issued().filter(intervention=OuterRef("pk")))
        | Exists(Directions.objects.issued().filter(intervention=OuterRef("pk")))
    )


class InterventionQuerySet(models.QuerySet["Intervention"]):
    def published(self) -> InterventionQuerySet:
        """What the public may see (has_public_step); usable on related managers in templates,
        such as a notice's `escalations`."""
        return self.filter(has_public_step())

    def active(self) -> InterventionQuerySet:
        return self.filter(status=InterventionStatus.ACTIVE)

    def ended(self) -> InterventionQuerySet:
        return self.filter(status=InterventionStatus.ENDED)

    def of_authority(self, authority_id: int) -> InterventionQuerySet:
        return self.filter(authority_id=authority_id)


class Intervention(Versioned, Publishable):
    """The department's inspection of, or intervention in, one authority, from the first step
    recorded to the exit: the stages hang off it.

    A Best Value Notice whose outcome is escalation is linked to the intervention that followed
    by `escalated_from`. The link lives here because interventions sit above notices in the
    layers: notices know nothing of what followed them.
    """

    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="interventions"
    )
    reference = models.SlugField(
        max_length=60,
        unique=True,
        help_text="The register's id: the authority's slug and the year of the first stage, "
        "such as thurrock-2022.",
    )
    trigger = models.TextField(help_text="What led to the intervention.")
    status = models.CharField(
        max_length=10, choices=InterventionStatus.choices, default=InterventionStatus.ACTIVE
    )
    status_note = models.TextField(blank=True)
    status_approx = models.BooleanField(
        default=False, help_text="True when the sources leave the status uncertain."
    )
    escalated_from = models.ForeignKey(
        "notices.Notice",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="escalations",
        help_text="The best value notice whose escalation led to this intervention.",
    )

    objects = InterventionQuerySet.as_manager()

    class Meta:
        ordering = ["reference"]
        constraints = [
            *publication_constraints(),
            one_of("status", InterventionStatus.values),
        ]

    def __str__(self) -> str:
        return self.reference

    def directions_steps(self) -> list[rules.DirectionsStep]:
        """Its issued directions-family records as the in-force rules see them (uses the
        prefetched directions when the selector fetched them)."""
        return [
            rules.DirectionsStep(
                kind=d.kind,
                on=rules.span_of(d.made_on, d.made_on_approx),
                ends_on=rules.span_of(d.ends_on, d.ends_on_approx),
                partial=d.partial,
            )
            for d in sorted(self.directions.all(), key=lambda d: d.position)
            if d.status == ApprovalStatus.ISSUED
        ]

    @property
    def standing(self) -> str:
        """Its status as true today (rules.standing): `directions_ended` once its directions
        have passed their end date with no exit, extension or new directions recorded."""
        return rules.standing(
            status=self.status, steps=self.directions_steps(), today=clock.today()
        )

    @property
    def standing_label(self) -> str:
        """The words every page, feed and export shows for its status today."""
        return rules.standing_label(
            status=self.status,
            status_label=self.get_status_display(),
            steps=self.directions_steps(),
            today=clock.today(),
        )


class NonStatutoryStage(Stage, Publishable):
    """An external assurance review or a non-statutory improvement panel: support and scrutiny
    without directions. Reviewers and panel members are its appointees."""

    intervention = models.ForeignKey(
        Intervention, on_delete=models.CASCADE, related_name="non_statutory_stages"
    )
    kind = models.CharField(max_length=30, choices=NonStatutoryKind.choices)
    started_on = known_date()
    started_on_approx = approx()
    ends_on = known_date("A review's publication date; a panel's stated or actual end.")
    ends_on_approx = approx()
    model = models.CharField(max_length=40, blank=True, choices=InterventionModel.choices)

    class Meta:
        ordering = ["intervention", "position"]
        constraints = [
            *stage_constraints(),
            *publication_constraints(),
            one_of("kind", NonStatutoryKind.values),
            not_before(
                "ends_on",
                "started_on",
                "The end date cannot be before the start date",
                name="ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.intervention_id})"
