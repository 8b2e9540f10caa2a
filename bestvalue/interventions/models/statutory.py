"""The statutory steps under s.15: minded-to letters, directions and what follows them, and the
people appointed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models
from django.db.models import Q

from bestvalue.interventions import rules
from bestvalue.interventions.models.base import (
    Approvable,
    Publishable,
    Sourced,
    Stage,
    Versioned,
    after,
    approval_constraints,
    approx,
    exactly_one,
    known_date,
    not_negative,
    one_of,
    part_of,
    position_unique,
    publication_constraints,
    stage_constraints,
)
from bestvalue.interventions.models.choices import (
    ENVOY_ROLES,
    AppointeeRole,
    ApprovalStatus,
    DirectionsKind,
    EnvoyPowers,
    InterventionModel,
    validate_legal_basis,
)


class MindedToQuerySet(models.QuerySet["MindedTo"]):
    def issued(self) -> MindedToQuerySet:
        return self.filter(status=ApprovalStatus.ISSUED)


class MindedTo(Stage, Approvable):
    """A "minded to" letter: the Secretary of State proposes directions and invites
    representations by a closing date, unless the window is foregone because the case is urgent.
    """

    intervention = models.ForeignKey(
        "interventions.Intervention", on_delete=models.CASCADE, related_name="minded_to_letters"
    )
    letter_on = known_date()
    letter_on_approx = approx()
    proposed_model = models.CharField(max_length=40, blank=True, choices=InterventionModel.choices)
    proposed_legal_basis = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_legal_basis],
        help_text='The powers proposed, such as ["s.15(5)", "s.15(6)"]; null when not known.',
    )
    proposed_powers = models.TextField(blank=True)
    representations_by = known_date("The last day for representations.")
    window_foregone = models.BooleanField(default=False)
    window_foregone_reason = models.TextField(blank=True)
    representations_count = models.PositiveSmallIntegerField(
        "representations received",
        null=True,
        blank=True,
        help_text="How many were received, where the sources give a number but not each one.",
    )
    # Who the letter is to and from, for the letter the service generates; blank on letters
    # loaded from the register, whose sources do not always name them.
    addressee_name = models.CharField(max_length=200, blank=True)
    addressee_role = models.CharField(max_length=200, blank=True)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_role = models.CharField(max_length=200, blank=True)

    objects = MindedToQuerySet.as_manager()

    class Meta:
        ordering = ["intervention", "position"]
        verbose_name = "minded-to letter"
        constraints = [
            *stage_constraints(),
            *approval_constraints(),
            after(
                "representations_by",
                "letter_on",
                "The closing date for representations must be after the date of the letter",
                name="window_after_letter",
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_foregone_window",
                condition=Q(window_foregone=False)
                | (Q(representations_by=None) & ~Q(window_foregone_reason="")),
                violation_error_message="A foregone window has a reason and no closing date",
            ),
        ]

    def __str__(self) -> str:
        return f"Minded-to letter ({self.intervention_id})"

    def window_state(self, today: dt.date) -> rules.WindowState:
        return rules.window_state(
            closes_on=self.representations_by, foregone=self.window_foregone, today=today
        )


class Representation(Sourced, Publishable):
    """Representations made in answer to a minded-to letter."""

    minded_to = models.ForeignKey(
        MindedTo, on_delete=models.CASCADE, related_name="representations"
    )
    position = models.PositiveSmallIntegerField()
    made_by = models.CharField(max_length=200, help_text="Who made them: the council, a group.")
    received_on = known_date()
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["minded_to", "position"]
        constraints = [
            *publication_constraints(),
            position_unique("minded_to"),
        ]

    def __str__(self) -> str:
        return f"Representations from {self.made_by}"


class DirectionsQuerySet(models.QuerySet["Directions"]):
    def issued(self) -> DirectionsQuerySet:
        return self.filter(status=ApprovalStatus.ISSUED)


class Directions(Stage, Approvable):
    """Directions under s.15 and the records that act on them, told apart by `kind`: new
    directions, an extension, a revocation, an expiry, the exit, or a change of appointees.

    A later record points at the directions it acts on through `amends`. Whether directions are
    in force on a day is worked out from the whole sequence (rules.in_force_periods).
    """

    intervention = models.ForeignKey(
        "interventions.Intervention", on_delete=models.CASCADE, related_name="directions"
    )
    kind = models.CharField(max_length=12, choices=DirectionsKind.choices)
    made_on = known_date()
    made_on_approx = approx()
    legal_basis = models.JSONField(
        null=True,
        blank=True,
        validators=[validate_legal_basis],
        help_text='Such as ["s.15(5)", "s.15(6)"]; null when the sources do not say.',
    )
    model = models.CharField(max_length=40, blank=True, choices=InterventionModel.choices)
    functions = models.TextField(
        blank=True,
        help_text="Functions transferred to the nominees, or, for a revocation or exit, returned.",
    )
    ends_on = known_date("The last day the directions are stated to be in force.")
    ends_on_approx = approx()
    amends = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="later_records",
        help_text="The directions this record extends, varies, revokes or ends.",
    )
    partial = models.BooleanField(
        null=True,
        blank=True,
        help_text="For a revocation: whether only some functions were returned, leaving the "
        "directions in force. Blank when the sources do not say.",
    )
    representations_foregone_reason = models.TextField(
        blank=True,
        help_text="Why the directions were given without inviting representations (urgency).",
    )
    board_afterwards = models.TextField(
        blank=True, help_text="For an exit: the non-statutory board or support that followed."
    )
    first_report_after_months = models.PositiveSmallIntegerField(null=True, blank=True)
    report_every_months = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = DirectionsQuerySet.as_manager()

    class Meta:
        ordering = ["intervention", "position"]
        verbose_name_plural = "directions"
        constraints = [
            *stage_constraints(),
            *approval_constraints(),
            one_of("kind", DirectionsKind.values),
            one_of("model", InterventionModel.values, blank=True),
            after(
                "ends_on",
                "made_on",
                "The end date must be after the date the directions were made",
                name="ends_after_made",
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_report_months_positive",
                condition=(Q(first_report_after_months=None) | Q(first_report_after_months__gte=1))
                & (Q(report_every_months=None) | Q(report_every_months__gte=1)),
                violation_error_message="Reports must fall due at least one month apart",
            ),
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_not_amending_itself",
                condition=~Q(amends=models.F("id")),
                violation_error_message="Directions cannot amend themselves",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.intervention_id})"


class Appointee(Versioned):
    """A person (or body) appointed under directions, or a reviewer or member of a
    non-statutory panel: exactly one of `directions` and `non_statutory_stage`."""

    directions = part_of(Directions, "appointees")
    non_statutory_stage = part_of("interventions.NonStatutoryStage", "appointees")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(
        max_length=200, blank=True, help_text="Blank when the sources do not name them."
    )
    role = models.CharField(max_length=40, choices=AppointeeRole.choices)
    fee_per_day = models.DecimalField(
        "fee per day (GBP)", max_digits=8, decimal_places=2, null=True, blank=True
    )
    days_per_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The most days a year they may be paid for."
    )
    note = models.TextField(blank=True)
    powers = models.CharField(
        "envoy's powers",
        max_length=12,
        choices=EnvoyPowers.choices,
        blank=True,
        help_text="For ministerial and assistant envoys only; blank when not known.",
    )

    class Meta:
        ordering = ["position"]
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_powers_for_envoys",
                condition=Q(powers="") | Q(role__in=ENVOY_ROLES, powers__in=EnvoyPowers.values),
                violation_error_message="Only a ministerial or assistant envoy has powers to "
                "record",
            ),
            exactly_one(
                "directions",
                "non_statutory_stage",
                message="An appointee belongs to directions or to a review or panel, not both",
            ),
            one_of("role", AppointeeRole.values),
            not_negative("fee_per_day", "The fee per day cannot be negative"),
            not_negative("days_per_year", "The number of days a year cannot be negative"),
            models.UniqueConstraint(
                fields=["directions", "position"],
                name="%(app_label)s_%(class)s_directions_position",
            ),
            models.UniqueConstraint(
                fields=["non_statutory_stage", "position"],
                name="%(app_label)s_%(class)s_stage_position",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or 'Not named'} ({self.get_role_display()})"

    @property
    def estimated_annual_cost(self) -> Decimal | None:
        return rules.estimated_annual_cost(self.fee_per_day, self.days_per_year)
