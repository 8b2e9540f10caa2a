"""Writes of letters: issuing a notice together with its letter, the outcome letter when a
notice lapses, and a minded-to letter when it is approved. The letter is generated once, at issue, and stored with its SHA-256 digest; it is
never generated again, so later edits to the record cannot change what was sent."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction

from bestvalue.audit.services import record_event, snapshot
from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.interventions.models import Directions, MindedTo
from bestvalue.interventions.services import approval as statutory
from bestvalue.letters.content import LetterContent, notice_letter, outcome_letter
from bestvalue.letters.kinds import LetterFormat, LetterKind
from bestvalue.letters.models import IssuedLetter
from bestvalue.letters.rendering import render_docx, render_pdf
from bestvalue.letters.selectors import (
    lapse_review,
    letter_of_minded_to,
    minded_to_for_letter,
    notice_for_letter,
)
from bestvalue.notices.errors import NotAllowed
from bestvalue.notices.models import Decision, Notice, Review
from bestvalue.notices.reviews import approve_review
from bestvalue.notices.rules import Status
from bestvalue.notices.services import ItemInput, approve_and_issue, create_draft, save_item

logger = logging.getLogger(__name__)

RENDERERS = {LetterFormat.PDF: render_pdf, LetterFormat.DOCX: render_docx}


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
    owner: Notice | MindedTo, letter: LetterContent, *, by: Any, saved: list[str]
) -> list[IssuedLetter]:
    """Generate every format, write each file, record each with its digest and an audit event.

    Files are named by their digest and never overwritten (the storage picks a new name for a
    clash). `saved` collects the names written, so that the caller can remove them if the
    transaction does not commit.
    """
    of: dict[str, Notice | MindedTo]
    if isinstance(owner, MindedTo):
        folder, of = f"interventions/{owner.intervention.reference}", {"minded_to": owner}
    else:
        folder, of = str(owner.reference), {"notice": owner}
    stored = []
    for fmt, data in _render(letter).items():
        digest = hashlib.sha256(data).hexdigest()
        name = default_storage.save(
            f"letters/{folder}/{letter.filename}-{digest[:12]}.{fmt}", ContentFile(data)
        )
        saved.append(name)
        issued = IssuedLetter(
            **of,
            kind=letter.kind,
            format=fmt,
            sha256=digest,
            size=len(data),
            created_at=clock.now(),
        )
        issued.file.name = name
        issued.full_clean(exclude=["notice", "minded_to"], validate_constraints=False)
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


def issue_notice_with_letters(notice: Notice, *, by: Any, issued_on: dt.date) -> Notice:
    """Approve and issue a notice (notices.services.approve_and_issue: four eyes, one notice in
    force per authority) and freeze its letter as PDF and DOCX, in one transaction.

    If the letter cannot be generated or stored, the notice is not issued: the transaction rolls
    back and LetterGenerationFailed says so.
    """
    saved: list[str] = []
    try:
        with transaction.atomic():
            issued = approve_and_issue(notice, by=by, issued_on=issued_on)
            full = notice_for_letter(issued.pk)
            assert full is not None  # it was locked and issued in this transaction
            _store(full, notice_letter(full, draft=False), by=by, saved=saved)
            return issued
    except BaseException:
        _discard(saved)
        raise


def issue_outcome_letter(notice: Notice, *, by: Any) -> list[IssuedLetter]:
    """Freeze the outcome letter of a notice that has lapsed (its review's decision approved),
    dated today, as PDF and DOCX. Issued once: a second call returns the letters already issued.
    """
    saved: list[str] = []
    try:
        with transaction.atomic():
            Notice.objects.select_for_update(no_key=True).filter(pk=notice.pk).first()
            full = notice_for_letter(notice.pk)
            if full is None or full.status != Status.LAPSED:
                raise NotAllowed("An outcome letter is issued only when a notice has lapsed.")
            existing = list(IssuedLetter.objects.filter(notice=full, kind=LetterKind.OUTCOME))
            if existing:
                return existing
            review = lapse_review(full)
            if review is None:
                raise NotAllowed("Record and approve the review that lets the notice lapse first.")
            letter = outcome_letter(
                full, review, dated_on=clock.today(), department=settings.DEPARTMENT
            )
            return _store(full, letter, by=by, saved=saved)
    except BaseException:
        _discard(saved)
        raise


def approve_review_with_letters(review: Review, *, by: Any) -> Review:
    """Approve a review (notices.reviews.approve_review) and, when its decision lets the notice
    lapse, issue the outcome letter in the same transaction."""
    with transaction.atomic():
        review = approve_review(review, by=by)
        if review.decision == Decision.LAPSE:
            issue_outcome_letter(review.notice, by=by)
        return review


def approve_and_issue_step(
    record: MindedTo | Directions,
    *,
    by: Any,
    digest_read: str | None,
    version: int | None = None,
) -> MindedTo | Directions:
    """Approve and issue a minded-to letter or directions (interventions.services.statutory:
    four eyes, the content the approver read, by its digest). A minded-to letter is generated
    and frozen as PDF and DOCX in the same transaction: if that fails, nothing is issued."""
    if not isinstance(record, MindedTo):
        return statutory.approve_and_issue(record, by=by, digest_read=digest_read, version=version)
    saved: list[str] = []
    try:
        with transaction.atomic():
            issued = statutory.approve_and_issue(
                record, by=by, digest_read=digest_read, version=version
            )
            full = minded_to_for_letter(issued.pk)
            assert full is not None  # it was locked and issued in this transaction
            _store(full, letter_of_minded_to(full, draft=False), by=by, saved=saved)
            return issued
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
