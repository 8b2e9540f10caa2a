"""Authorities, their name variants and former codes, and combined-authority memberships."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from bestvalue.authorities.kinds import COMBINED_KINDS, AuthorityKind
from bestvalue.core.modelling import one_of


class AuthorityQuerySet(models.QuerySet["Authority"]):
    def current(self) -> AuthorityQuerySet:
        return self.filter(is_current=True)

    def combined(self) -> AuthorityQuerySet:
        return self.filter(kind__in=COMBINED_KINDS)


class Authority(models.Model):
    gss_code = models.CharField("GSS code", max_length=9, unique=True)
    code = models.CharField(
        "mySociety code",
        max_length=8,
        unique=True,
        null=True,
        blank=True,
        help_text="mySociety's local-authority-code; blank for bodies mySociety does not list.",
    )
    official_name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=200)
    kind = models.CharField(max_length=4, choices=AuthorityKind.choices)
    region = models.CharField(
        max_length=40,
        blank=True,
        help_text="Blank when not known, or for a combined authority whose area spans regions.",
    )
    start_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)
    is_current = models.BooleanField()
    successors = models.ManyToManyField(
        "self", symmetrical=False, related_name="predecessors", blank=True
    )
    note = models.TextField(
        blank=True, help_text="Where and why a fact here differs from the source data."
    )
    # A reorganisation decided while the authority still exists (Woking, to be dissolved in
    # 2027): when it is due, what was decided, and where it is published. Its successors are
    # linked through `successors` once they are in the reference data.
    reorganisation_due = models.CharField(
        max_length=7, blank=True, help_text="The year (or YYYY-MM) it is due to take effect."
    )
    reorganisation_note = models.TextField(blank=True)
    reorganisation_sources = models.JSONField(default=list, blank=True)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        ordering = ["short_name", "gss_code"]
        verbose_name_plural = "authorities"
        constraints = [
            models.CheckConstraint(
                name="authority_gss_code_format", condition=Q(gss_code__regex=r"^E[0-9]{8}$")
            ),
            one_of("authority_kind_valid", "kind", AuthorityKind),
            models.CheckConstraint(
                name="authority_ends_after_start",
                condition=Q(start_on__isnull=True)
                | Q(end_on__isnull=True)
                | Q(end_on__gte=models.F("start_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.official_name

    @property
    def is_combined(self) -> bool:
        return self.kind in COMBINED_KINDS


class AuthorityName(models.Model):
    """A name the authority is known by, kept for matching text (letters, statements, search)."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="names")
    name = models.CharField(max_length=200)
    normalised = models.CharField(max_length=200, db_index=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "normalised"], name="authority_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class FormerCode(models.Model):
    """A GSS code the authority used before (for example Barnsley's pre-2024 E08000016)."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="former_codes")
    gss_code = models.CharField("GSS code", max_length=9, unique=True)

    def __str__(self) -> str:
        return self.gss_code


class Membership(models.Model):
    """A council in a combined authority's area; constituent members sit on the authority."""

    combined_authority = models.ForeignKey(
        Authority, on_delete=models.CASCADE, related_name="memberships"
    )
    member = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="combined_in")
    is_constituent = models.BooleanField()
    basis = models.CharField(max_length=200, help_text="The source the membership rests on.")

    class Meta:
        ordering = ["-is_constituent", "member__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["combined_authority", "member"], name="membership_unique"
            ),
            models.CheckConstraint(
                name="membership_not_self", condition=~Q(combined_authority=models.F("member"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} in {self.combined_authority}"
