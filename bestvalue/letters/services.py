"""Writes of letters: the letter of a notice as notices issue it (NoticeLetters), the outcome
letter when a notice lapses, and a minded-to letter when it is approved. The letter is generated once, at issue, and stored with its SHA-256 digest; it is
never generated again, so later edits to the record cannot change what was sent."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from bestvalue.audit.services import record_event, snapshot
from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.interventions.models import Directions, MindedTo
from bestvalue.interventions.services import approval as statutory
from bestvalue.letters.content import LetterContent, notice_letter
from bestvalue.letters.kinds import LetterFormat, LetterKind
from bestvalue.letters.models import IssuedLetter
from bestvalue.letters.outcome_content import ENDINGS
from bestvalue.letters.rendering import render_docx, render_pdf
from bestvalue.letters.selectors import (
    ending_review,
    letter_of_ending,
    notice_for_letter,
    step_letter,
)
from bestvalue.notices.corrections import approve_notice_correction
from bestvalue.notices.errors import NotAllowed
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import Status
from bestvalue.notices.services import ItemInput, create_draft, save_item

logger = logging.getLogger(__name__)

# The letters that state the notice itself (not its outcome): reissued when it is corrected.
NOTICE_LETTER_KINDS = (LetterKind.NOTICE, LetterKind.REVISED_NOTICE)

RENDERERS = {LetterFormat.PDF: render_pdf, LetterFormat.DOCX: render_docx}

if TYPE_CHECKING:
    from bestvalue.records.models import Correction


class LetterGenerationFailed(Exception):
    """The letter could not be generated, so nothing was issued."""

    def __init__(self) -> None:
        super().__init__(
            "The letter could not be generated, so nothing has been issued. Try again; if it "
            "fails again, tell the service team."
        )


def _render(letter: LetterContent) -> dict[LetterFormat, bytes]:
    try:
        return {fmt: render(letter) for fmt, render in RENDERERS.items()}
    except Exception as exc:
        logger.exception("Generating the %s letter %s failed", letter.kind, letter.reference)
        raise LetterGenerationFailed() from exc


def _store(
    owner: Notice | MindedTo | Directions, letter: LetterContent, *, by: Any, saved: list[str]
) -> list[IssuedLetter]:
    """Generate every format, write each file, record each with its digest and an audit event.

    Files are named by their digest and never overwritten (the storage picks a new name for a
    clash). `saved` collects the names written, so that the caller can remove them if the
    transaction does not commit.
    """
    of: dict[str, Notice | MindedTo | Directions]
    if isinstance(owner, Notice):
        folder, of = str(owner.reference), {"notice": owner}
    else:
        field = "minded_to" if isinstance(owner, MindedTo) else "directions"
        folder, of = f"interventions/{owner.intervention.reference}", {field: owner}
    stored = []
    for fmt, data in _render(letter).items():
        digest = hashlib.sha256(data).hexdigest()
        name = default_storage.save(
            f"letters/{folder}/{letter.filename}-{digest[:12]}.{fmt}", ContentFile(data)
        )
        saved.append(name)
        previous = (
            IssuedLetter.objects.filter(notice=owner, kind=letter.kind, format=fmt)
            .order_by("-version")
            .first()
            if isinstance(owner, Notice)
            else None
        )
        issued = IssuedLetter(
            **of,
            kind=letter.kind,
            format=fmt,
            version=previous.version + 1 if previous else 1,
            supersedes=previous,
            sha256=digest,
            size=len(data),
            created_at=clock.now(),
        )
        issued.file.name = name
        issued.full_clean(exclude=["notice", "minded_to", "directions"], validate_constraints=False)
        issued.save()
        record_event(actor=by, action="letter.issued", obj=issued, after=snapshot(issued))
        stored.append(issued)
    return stored


def _discard(names: list[str]) -> None:
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("Could not remove %s after a failed issue", name)


class NoticeLetters:
    """The letter of a notice being issued, frozen as PDF and DOCX: the writer the staff pages
    hand to notices.services.approve_and_issue (notices issue; letters render what they are
    handed). Rendering happens before any audit event of the issue, so it holds only the
    notice's own locks and its year's reference counter. If the letter cannot be generated or
    stored, LetterGenerationFailed refuses the issue and the transaction rolls back."""

    def __init__(self) -> None:
        self.saved: list[str] = []

    def write(self, notice: Notice, *, by: Any) -> list[IssuedLetter]:
        full = notice_for_letter(notice.pk)
        assert full is not None  # it was locked and issued in this transaction
        return _store(full, notice_letter(full, draft=False), by=by, saved=self.saved)

    def discard(self) -> None:
        _discard(self.saved)


class OutcomeLetters:
    """The letter of a notice ended by an approved review (lapse or withdrawal): the writer the
    staff pages hand to notices.reviews.approve_review."""

    def write(self, notice: Notice, *, by: Any) -> list[IssuedLetter]:
        return issue_outcome_letter(notice, by=by)

    def discard(self) -> None:
        """issue_outcome_letter removes what it wrote if it fails itself."""


# The decision whose letter each ended status carries.
ENDING_DECISIONS = {Status.LAPSED: "lapse", Status.WITHDRAWN: "withdraw"}


def issue_outcome_letter(notice: Notice, *, by: Any) -> list[IssuedLetter]:
    """Freeze the letter of a notice that has lapsed or been withdrawn (its review's decision
    approved), dated today, as PDF and DOCX. Issued once: a second call returns the letters
    already issued. A notice withdrawn because it was issued in error (a correction, no review)
    has no such letter."""
    saved: list[str] = []
    try:
        with transaction.atomic():
            Notice.objects.select_for_update(no_key=True).filter(pk=notice.pk).first()
            full = notice_for_letter(notice.pk)
            decision = ENDING_DECISIONS.get(Status(full.status)) if full else None
            if full is None or decision is None:
                raise NotAllowed(
                    "A lapse or withdrawal letter is issued only when a notice has lapsed or "
                    "been withdrawn."
                )
            kind = ENDINGS[decision].kind
            existing = list(IssuedLetter.objects.filter(notice=full, kind=kind))
            if existing:
                return existing
            review = ending_review(full, (decision,))
            if review is None:
                raise NotAllowed("Record and approve the review that ends the notice first.")
            letter = letter_of_ending(full, review, dated_on=clock.today())
            return _store(full, letter, by=by, saved=saved)
    except BaseException:
        _discard(saved)
        raise


def approve_and_issue_step(
    record: MindedTo | Directions,
    *,
    by: Any,
    digest_read: str | None,
    version: int | None = None,
) -> MindedTo | Directions:
    """Approve and issue a minded-to letter or directions (interventions.services.statutory:
    four eyes, the content the approver read, by its digest). The letter of the step (a
    minded-to letter; the letter accompanying new directions; the exit letter) is generated and
    frozen as PDF and DOCX in the same transaction: if that fails, nothing is issued. Other
    records acting on directions (extensions, revocations, expiries, changes of appointees)
    have no letter here."""
    saved: list[str] = []
    try:
        with transaction.atomic():
            issued = statutory.approve_and_issue(
                record, by=by, digest_read=digest_read, version=version
            )
            letter = step_letter(issued, draft=False)
            if letter is not None:
                _store(letter[0], letter[1], by=by, saved=saved)
            return issued
    except BaseException:
        _discard(saved)
        raise


def approve_correction_with_letters(
    correction: Correction, *, by: Any, digest_read: str | None
) -> Correction:
    """Approve a correction to a notice (notices.corrections.approve_notice_correction: four
    eyes, the version read) and, when the notice's own letter was issued here, issue the
    corrected letter as a new version with its own digest in the same transaction; the earlier
    version is kept and listed as superseded. A withdrawal in error issues no letter."""
    saved: list[str] = []
    try:
        with transaction.atomic():
            correction = approve_notice_correction(correction, by=by, digest_read=digest_read)
            notice = Notice.objects.get(pk=correction.object_id)
            issued = IssuedLetter.objects.filter(notice=notice, kind__in=NOTICE_LETTER_KINDS)
            if "status" not in correction.changes and issued.exists():
                full = notice_for_letter(notice.pk)
                assert full is not None
                _store(full, notice_letter(full, draft=False), by=by, saved=saved)
            return correction
    except BaseException:
        _discard(saved)
        raise


def create_draft_from_letter(
    *,
    by: Any,
    authority: Authority,
    department: str,
    period_months: int | None,
    expectations: Sequence[str],
    acknowledgements: Sequence[str] = (),
    addressee_name: str = "",
    addressee_role: str = "",
    signatory_name: str = "",
    signatory_role: str = "",
    provenance: Mapping[str, Any],
) -> Notice:
    """Create a draft notice from an imported letter, as a person confirmed or corrected it.

    Import never issues or publishes: the draft goes through approval like any other (four eyes,
    DESIGN.md section 2). All or nothing in one transaction; the audit event `letter.imported`
    records where it came from (the file's name, type and digest, the source address and the
    event chosen), since the uploaded file itself is not kept.
    """
    with transaction.atomic():
        notice = create_draft(
            by=by,
            authority=authority,
            department=department,
            period_months=period_months,
            addressee_name=addressee_name,
            addressee_role=addressee_role,
            signatory_name=signatory_name,
            signatory_role=signatory_role,
        )
        for kind, texts in (("acknowledgements", acknowledgements), ("expectations", expectations)):
            for text in texts:
                notice = save_item(
                    notice, by=by, version=notice.version, kind=kind, item=ItemInput(text)
                )
        record_event(actor=by, action="letter.imported", obj=notice, after=dict(provenance))
        return notice
