"""Evidence: files and links an authority offers to show its improvement, each with the date it
speaks to (its effective date, separate from when it was added) and, for files, a SHA-256 digest."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from bestvalue.improvement.models.publication import (
    Publishable,
    PublishableQuerySet,
    publication_constraints,
)

USER = settings.AUTH_USER_MODEL
HEX_SHA256 = r"^[0-9a-f]{64}$"


class EvidenceKind(models.TextChoices):
    FILE = "file", "File"
    LINK = "link", "Link"


class Evidence(Publishable):
    authority = models.ForeignKey(
        "authorities.Authority", on_delete=models.PROTECT, related_name="improvement_evidence"
    )
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=4, choices=EvidenceKind.choices)
    effective_on = models.DateField(help_text="The date the evidence speaks to.")
    # Stored under a name of our making (evidence/<GSS code>/<random>.<type>), never the
    # uploader's; their name, made safe, is kept for the download.
    file = models.FileField(max_length=300, blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    url = models.URLField(max_length=500, blank=True)
    actions: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "improvement.PlanAction", blank=True, related_name="evidence"
    )
    expectations: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "notices.Expectation", blank=True, related_name="improvement_evidence"
    )
    reviews: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        "notices.Review", blank=True, related_name="improvement_evidence"
    )
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)
    # Withdrawn with a reason, never deleted (issue 18.2): a withdrawn file is served to nobody
    # outside the staff pages; the item and its history stay.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)

    publication_kind = "evidence"
    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on", "-id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.CheckConstraint(
                name="evidence_file_or_link",
                condition=(
                    Q(kind=EvidenceKind.FILE, url="", sha256__regex=HEX_SHA256, size_bytes__gt=0)
                    & ~Q(file="")
                    & ~Q(content_type="")
                )
                | (Q(kind=EvidenceKind.LINK, file="", sha256="") & ~Q(url="")),
            ),
            *publication_constraints(),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return self.kind == EvidenceKind.FILE
