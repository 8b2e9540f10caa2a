"""Letters as issued: the PDF and DOCX generated when a notice (or its outcome) or a minded-to
letter was issued, kept exactly as they were sent, with their SHA-256 digest. Append-only, like
the audit log."""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.db.models import Q

from bestvalue.core.modelling import optional_link
from bestvalue.letters.kinds import (
    DIRECTIONS_KINDS,
    MEDIA_TYPES,
    NOTICE_KINDS,
    LetterFormat,
    LetterKind,
)

HEX_SHA256 = r"^[0-9a-f]{64}$"


class AppendOnly(Exception):
    """Raised on any attempt to change or remove a letter once it is issued."""


class IssuedLetterQuerySet(models.QuerySet["IssuedLetter"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnly("An issued letter cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnly("An issued letter cannot be deleted.")


class IssuedLetter(models.Model):
    """One file of one letter as issued. Written only by bestvalue.letters.services.

    It belongs to a notice (the notice, revised notice, lapse and withdrawal letters), to a
    minded-to letter of an intervention, or to directions (the directions and exit letters):
    exactly one. The file is never regenerated: later edits to the record do not touch it, and the digest
    lets anyone check that the bytes served are the bytes issued.
    """

    notice = optional_link("notices.Notice", related_name="issued_letters")
    minded_to = optional_link("interventions.MindedTo", related_name="issued_letters")
    directions = optional_link("interventions.Directions", related_name="issued_letters")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    format = models.CharField(max_length=10, choices=LetterFormat.choices)
    file = models.FileField(max_length=200, upload_to="letters/")
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField()
    # A corrected letter is issued again as a new version with its own digest; the earlier one
    # is kept, unchanged, and listed as superseded (issue 13, point 3).
    version = models.PositiveSmallIntegerField(default=1)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )

    objects = IssuedLetterQuerySet.as_manager()

    class Meta:
        ordering = ["notice", "minded_to", "directions", "kind", "format", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["notice", "kind", "format", "version"],
                condition=Q(notice__isnull=False),
                name="issued_letter_one_per_format_version",
            ),
            models.UniqueConstraint(
                fields=["minded_to", "format"],
                condition=Q(minded_to__isnull=False),
                name="issued_minded_to_letter_one_per_format",
            ),
            models.UniqueConstraint(
                fields=["directions", "format"],
                condition=Q(directions__isnull=False),
                name="issued_directions_letter_one_per_format",
            ),
            models.CheckConstraint(
                name="issued_letter_belongs_to_one_record",
                condition=Q(
                    notice__isnull=False,
                    minded_to=None,
                    directions=None,
                    kind__in=[k.value for k in NOTICE_KINDS],
                )
                | Q(
                    notice=None,
                    minded_to__isnull=False,
                    directions=None,
                    kind=LetterKind.MINDED_TO.value,
                )
                | Q(
                    notice=None,
                    minded_to=None,
                    directions__isnull=False,
                    kind__in=[k.value for k in DIRECTIONS_KINDS],
                ),
                violation_error_message="A letter belongs to a notice, a minded-to letter or "
                "directions, and its kind says which",
            ),
            models.CheckConstraint(
                name="issued_letter_kind_valid", condition=Q(kind__in=LetterKind.values)
            ),
            models.CheckConstraint(
                name="issued_letter_format_valid", condition=Q(format__in=LetterFormat.values)
            ),
            models.CheckConstraint(
                name="issued_letter_sha256_hex", condition=Q(sha256__regex=HEX_SHA256)
            ),
        ]

    def __str__(self) -> str:
        owner = self.notice_id or (
            f"minded-to {self.minded_to_id}"
            if self.minded_to_id
            else f"directions {self.directions_id}"
        )
        return f"{self.get_kind_display()} {owner} ({self.get_format_display()})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("An issued letter cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnly("An issued letter cannot be deleted.")

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[LetterFormat(self.format)]
