"""Reads for letters: the authorities' name variants (for matching imported text), notices and
minded-to letters with what a letter says, draft letters to preview, and the letters as issued,
with the rule of which the public may download."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Prefetch, Q

from bestvalue.authorities.models import AuthorityName
from bestvalue.authorities.selectors import current_authorities
from bestvalue.interventions.models import (
    ApprovalStatus,
    Directions,
    Finding,
    Inspection,
    Inspector,
    MindedTo,
)
from bestvalue.letters.authorities import NameVariant
from bestvalue.letters.content import LetterContent, notice_letter
from bestvalue.letters.directions_content import STEP_LETTERS, directions_step_letter
from bestvalue.letters.kinds import LetterKind
from bestvalue.letters.minded_to_content import minded_to_letter
from bestvalue.letters.models import IssuedLetter
from bestvalue.letters.outcome_content import ENDINGS, ending_letter
from bestvalue.notices.models import (
    Assessment,
    Department,
    Notice,
    Review,
    ReviewStatus,
)
from bestvalue.notices.rules import PUBLISHED_STATUSES, Status


def department_choices() -> list[tuple[str, str]]:
    """The departments a letter may come from, as form choices (DLUHC, then MHCLG again)."""
    return [(str(value), str(label)) for value, label in Department.choices]


def name_variants() -> list[NameVariant]:
    """Every name every authority is known by, current and former authorities alike."""
    rows = AuthorityName.objects.values_list(
        "authority__gss_code",
        "name",
        "normalised",
        "authority__kind",
        "authority__is_current",
    ).order_by("authority__gss_code", "normalised")
    return [NameVariant(*row) for row in rows]


def notice_for_letter(pk: int) -> Notice | None:
    """A notice with everything its letters say, in a fixed number of queries."""
    return (
        Notice.objects.filter(pk=pk)
        .select_related("authority", "replaces", "outcome")
        .prefetch_related("grounds", "acknowledgements", "expectations")
        .first()
    )


def ending_review(notice: Notice, decisions: tuple[str, ...] = tuple(ENDINGS)) -> Review | None:
    """The latest review of the notice whose decision ends it with a letter (lapse or withdraw,
    approved or not), with its assessments: what a lapse or withdrawal letter reports."""
    return (
        Review.objects.filter(notice=notice, decision__in=decisions)
        .prefetch_related(
            Prefetch("assessments", queryset=Assessment.objects.select_related("expectation"))
        )
        .order_by("-reviewed_on", "-id")
        .first()
    )


def open_ending_review(notice: Notice) -> Review | None:
    """A lapse or withdrawal review still being drafted or awaiting approval: its letter can be
    previewed."""
    review = ending_review(notice)
    return review if review and review.status != ReviewStatus.APPROVED else None


def letter_of_ending(
    notice: Notice, review: Review, *, dated_on: dt.date | None, draft: bool = False
) -> LetterContent:
    """The lapse or withdrawal letter of this review's decision, written by the department as it
    is now named."""
    return ending_letter(
        notice, review, dated_on=dated_on, department=settings.DEPARTMENT, draft=draft
    )


def issued_letters(notice: Notice) -> list[IssuedLetter]:
    return list(
        IssuedLetter.objects.filter(notice=notice)
        .select_related("superseded_by")
        .order_by("created_at", "kind", "-format")
    )


def minded_to_for_letter(pk: int) -> MindedTo | None:
    """A minded-to letter with everything its letter says, in a fixed number of queries."""
    return (
        MindedTo.objects.filter(pk=pk)
        .select_related("intervention__authority")
        .prefetch_related(
            Prefetch(
                "findings",
                queryset=Finding.objects.select_related("theme").order_by("theme__position"),
            )
        )
        .first()
    )


def latest_inspection(minded_to: MindedTo) -> Inspection | None:
    """The intervention's latest best value inspection whose report has been published and
    whose record is approved for publication, with its published inspectors and findings: what a
    minded-to letter (itself published) may say about it."""
    public = {"publication": ApprovalStatus.ISSUED}
    return (
        Inspection.objects.filter(
            intervention_id=minded_to.intervention_id, report_published_on__isnull=False, **public
        )
        .prefetch_related(
            Prefetch("inspectors", queryset=Inspector.objects.filter(**public)),
            Prefetch(
                "findings",
                queryset=Finding.objects.filter(**public)
                .select_related("theme")
                .order_by("theme__position"),
            ),
        )
        .order_by("-report_published_on", "-position")
        .first()
    )


def letter_of_minded_to(minded_to: MindedTo, *, draft: bool) -> LetterContent:
    return minded_to_letter(
        minded_to,
        inspection=latest_inspection(minded_to),
        department=settings.DEPARTMENT,
        draft=draft,
    )


def directions_for_letter(pk: int) -> Directions | None:
    """Directions (or their exit) with everything their letter says, in a fixed number of
    queries."""
    return (
        Directions.objects.filter(pk=pk)
        .select_related("intervention__authority", "amends")
        .prefetch_related("appointees")
        .first()
    )


StepRecord = MindedTo | Directions


def step_letter(record: StepRecord, *, draft: bool) -> tuple[StepRecord, LetterContent] | None:
    """The letter of an intervention's step, read afresh with what it says: a minded-to letter,
    the letter accompanying new directions, or the exit letter. None for a step without one
    (an extension, a revocation, an expiry, a change of appointees)."""
    if isinstance(record, MindedTo):
        minded_to = minded_to_for_letter(record.pk)
        assert minded_to is not None
        return minded_to, letter_of_minded_to(minded_to, draft=draft)
    directions = directions_for_letter(record.pk) if record.kind in STEP_LETTERS else None
    if directions is None:
        return None
    return directions, directions_step_letter(
        directions, department=settings.DEPARTMENT, draft=draft
    )


def draft_step_letter(
    reference: str, stage: str, pk: int
) -> tuple[StepRecord, LetterContent] | None:
    """The letter a minded-to record or directions of this intervention would have if issued
    now, marked as a draft: only while it is a draft or awaiting approval. None otherwise."""
    model: type[StepRecord] = MindedTo if stage == "minded-to" else Directions
    record = (
        model.objects.filter(pk=pk, intervention__reference=reference)
        .exclude(status=ApprovalStatus.ISSUED)
        .first()
    )
    return step_letter(record, draft=True) if record is not None else None


def step_letter_files(intervention_id: int) -> dict[str, list[IssuedLetter]]:
    """The issued files of each step's letter of an intervention, by the step ("minded-to-<id>",
    "directions-<id>"), for the intervention's pages. Only issued steps have files, so the
    publication rule holds."""
    issued = ApprovalStatus.ISSUED
    rows = IssuedLetter.objects.filter(
        Q(minded_to__intervention_id=intervention_id, minded_to__status=issued)
        | Q(directions__intervention_id=intervention_id, directions__status=issued)
    ).order_by("-format")  # PDF, then Word
    files: dict[str, list[IssuedLetter]] = {}
    for letter in rows:
        key = (
            f"minded-to-{letter.minded_to_id}"
            if letter.minded_to_id
            else f"directions-{letter.directions_id}"
        )
        files.setdefault(key, []).append(letter)
    return files


def published_step_letter(
    reference: str, kind: str, position: int, fmt: str
) -> IssuedLetter | None:
    """The issued file of an intervention step's letter (minded-to, directions, exit), by the
    intervention's reference, the letter's kind and the step's position, or None. Drafts never
    have files, and the status check makes sure one is never served whatever is stored."""
    owner = "minded_to" if kind == LetterKind.MINDED_TO else "directions"
    found = IssuedLetter.objects.filter(
        **{
            f"{owner}__intervention__reference": reference,
            f"{owner}__position": position,
            f"{owner}__status": ApprovalStatus.ISSUED,
        },
        kind=kind,
        format=fmt,
    )
    return found.first()


def published_letter(
    reference: str, kind: str, fmt: str, version: int | None = None
) -> IssuedLetter | None:
    """An issued letter of a published notice, or None: its latest version unless `version`
    names an earlier (superseded) one. Drafts never have issued letters, and the status check
    makes sure a draft is never served whatever is stored."""
    found = IssuedLetter.objects.filter(
        notice__reference=reference,
        notice__status__in=PUBLISHED_STATUSES,
        kind=kind,
        format=fmt,
    ).select_related("notice")
    if version is not None:
        found = found.filter(version=version)
    return found.order_by("-version").first()


DRAFT_STATUSES = (Status.DRAFT, Status.AWAITING_APPROVAL)


def draft_letter(pk: int, kind: str) -> tuple[Notice, LetterContent] | None:
    """The letter a notice would have if issued now, marked as a draft, for the department to
    preview: a notice or revised notice still in draft or awaiting approval, or the lapse or
    withdrawal letter of a notice in force whose review deciding that is not yet approved. None if
    there is no such draft."""
    notice = notice_for_letter(pk)
    if notice is None:
        return None
    if kind in (LetterKind.NOTICE, LetterKind.REVISED_NOTICE) and notice.status in DRAFT_STATUSES:
        letter = notice_letter(notice, draft=True)
        return (notice, letter) if letter.kind == kind else None
    if notice.status == Status.ISSUED:
        review = open_ending_review(notice)
        if review is not None and ENDINGS[review.decision].kind == kind:
            return notice, letter_of_ending(notice, review, dated_on=None, draft=True)
    return None


def draft_letter_kind(notice: Notice) -> str | None:
    """Which draft letter of this notice the department can preview now, if any: the notice (or
    revised notice) until it is issued, then the lapse or withdrawal letter while that decision is
    being made."""
    if notice.status in DRAFT_STATUSES:
        return LetterKind.REVISED_NOTICE if notice.replaces_id else LetterKind.NOTICE
    review = open_ending_review(notice) if notice.status == Status.ISSUED else None
    return ENDINGS[review.decision].kind if review is not None else None


def authority_id_for(gss_code: str | None) -> int | None:
    """The id of the current authority with this code, to propose it in a form."""
    if not gss_code:
        return None
    return current_authorities().filter(gss_code=gss_code).values_list("pk", flat=True).first()
