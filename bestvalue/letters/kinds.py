"""The kinds and formats of letters, without the ORM, so that interfaces may name them."""

from __future__ import annotations

from django.db import models


class LetterKind(models.TextChoices):
    NOTICE = "notice", "Best Value Notice"
    REVISED_NOTICE = "revised-notice", "Revised Best Value Notice"
    OUTCOME = "outcome", "Outcome letter (not reissued)"
    WITHDRAWAL = "withdrawal", "Withdrawal letter"
    MINDED_TO = "minded-to", "Minded-to letter"
    DIRECTIONS = "directions", "Directions letter"
    EXIT = "exit", "Exit letter"


# The kinds that belong to a notice; a minded-to letter belongs to an intervention.
NOTICE_KINDS = (
    LetterKind.NOTICE,
    LetterKind.REVISED_NOTICE,
    LetterKind.OUTCOME,
    LetterKind.WITHDRAWAL,
)

# The kinds that belong to directions under s.15: the letter accompanying new directions, and
# the exit letter when they end.
DIRECTIONS_KINDS = (LetterKind.DIRECTIONS, LetterKind.EXIT)


class LetterFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document"


MEDIA_TYPES = {
    LetterFormat.PDF: "application/pdf",
    LetterFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
