"""Reads of corrections to notices: the dated notes the public sees, and the department's
correction pages (issue 13, point 3)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import CharField
from django.db.models.functions import Cast

from bestvalue.notices import rules
from bestvalue.notices.models import (
    Notice,
)
from bestvalue.notices.selectors import _with_contents, published_notices

# --- Corrections in the open (issue 13, point 3) -----------------------------------------------


@dataclass(frozen=True)
class PublicCorrection:
    """An approved correction as the public reads it: the dated note and the reason."""

    notice_id: int
    corrected_on: dt.date
    note: str
    reason: str
    pk: int = 0
    withdrawal: bool = False  # a withdrawal of a notice issued in error


def _public(correction: Any) -> PublicCorrection:
    return PublicCorrection(
        notice_id=int(correction.object_id),
        corrected_on=correction.corrected_on,
        note=rules.correction_note(correction.corrected_on, correction.changes),
        reason=correction.reason,
        pk=correction.pk,
        withdrawal="status" in correction.changes,
    )


def public_corrections(notice: Notice) -> list[PublicCorrection]:
    """The approved corrections of a published notice, newest first, with their notes."""
    from bestvalue.records.selectors import corrections_for

    return [_public(c) for c in corrections_for(notice)] if notice.is_published else []


def notice_correction(pk: int) -> tuple[Any, Notice] | None:
    """A correction (or withdrawal in error) proposed to a notice, with the notice and its
    contents, for the department's correction page."""
    from bestvalue.records.selectors import correction_of

    correction = correction_of(Notice, pk)
    if correction is None:
        return None
    notice = _with_contents(Notice.objects.filter(pk=int(correction.object_id))).first()
    return None if notice is None else (correction, notice)


def corrections_of_notice(notice: Notice) -> list[Any]:
    """Every correction proposed to a notice (pending, approved or returned), newest first."""
    from bestvalue.records.selectors import corrections_for

    return list(corrections_for(notice, approved_only=False))


def latest_public_corrections(
    authority_id: int | None = None, *, limit: int | None = None
) -> list[tuple[PublicCorrection, Notice]]:
    """The newest approved corrections of published notices (of one authority, if given), each
    with its notice and authority, in two queries: for the feeds."""
    from bestvalue.records.selectors import approved_corrections_of

    notices = published_notices().select_related("authority")
    if authority_id is not None:
        notices = notices.filter(authority_id=authority_id)
    corrections = approved_corrections_of(
        Notice, notices.annotate(text_pk=Cast("pk", CharField())).values("text_pk")
    )
    chosen = [_public(c) for c in (corrections[:limit] if limit else corrections)]
    by_pk = {n.pk: n for n in notices.filter(pk__in=[c.notice_id for c in chosen])}
    return [(c, by_pk[c.notice_id]) for c in chosen if c.notice_id in by_pk]
