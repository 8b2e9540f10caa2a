"""Writes to evidence: files (checked by content, stored through Django's storage API) and links.

A refused upload leaves nothing behind: the file is checked whole before anything is written,
and a file stored for a record that then fails to save is deleted again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.core.validators import URLValidator
from django.db import transaction

from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.improvement import permissions, rules
from bestvalue.improvement.errors import FieldRefused
from bestvalue.improvement.models import Evidence, EvidenceKind, PlanAction
from bestvalue.improvement.services._common import (
    clean_text,
    expectations_of,
    record_added,
    require,
)
from bestvalue.improvement.uploads import UploadRefused, check_upload, read_limited, too_big
from bestvalue.notices.models import Review, ReviewStatus

EVIDENCE_FIELDS = (
    "authority",
    "title",
    "kind",
    "effective_on",
    "file",
    "original_name",
    "content_type",
    "size_bytes",
    "sha256",
    "url",
    "actions",
    "expectations",
    "reviews",
)
_web_address = URLValidator(schemes=["https", "http"])


def web_address_refusal(url: str) -> str | None:
    """Why this is not a web address evidence may link to (http or https only); None if it is.
    Forms ask first, so the error sits by the field; add_evidence_link checks again."""
    try:
        _web_address(url.strip())
    except ValidationError:
        return "Enter a web address starting https:// or http://"
    return None


def _check_date(effective_on: dt.date) -> None:
    refusal = rules.evidence_date_refusal(effective_on, today=clock.today())
    if refusal:
        raise FieldRefused(refusal, field="effective_on")


def max_bytes() -> int:
    """The largest evidence file accepted (EVIDENCE_MAX_BYTES; 20 MB unless configured)."""
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", 20 * 1024 * 1024))


def _links(
    authority: Authority,
    action_ids: Sequence[int],
    expectation_ids: Sequence[int],
    review_ids: Sequence[int],
) -> tuple[list[PlanAction], list[Any], list[Review]]:
    """What the evidence is for: actions of this authority's plan, expectations and approved
    reviews of its notices. Anything else is refused, so evidence never points across authorities."""
    actions = list(PlanAction.objects.filter(authority=authority, pk__in=set(action_ids)))
    reviews = list(
        Review.objects.filter(
            notice__authority=authority, status=ReviewStatus.APPROVED, pk__in=set(review_ids)
        )
    )
    if len(actions) != len(set(action_ids)) or len(reviews) != len(set(review_ids)):
        raise ValueError("Choose actions and reviews of this authority")
    return actions, expectations_of(authority.pk, expectation_ids, required=False), reviews


def _save(
    evidence: Evidence, *, by: Any, links: tuple[list[Any], list[Any], list[Any]]
) -> Evidence:
    evidence.full_clean(exclude=["authority", "added_by"], validate_constraints=False)
    evidence.save()
    actions, expectations, reviews = links
    evidence.actions.set(actions)
    evidence.expectations.set(expectations)
    evidence.reviews.set(reviews)
    return record_added(
        evidence, EVIDENCE_FIELDS, by=by, action=f"improvement.evidence.{evidence.kind}_added"
    )


def add_evidence_file(
    authority: Authority,
    *,
    by: Any,
    title: str,
    effective_on: dt.date,
    upload: File,
    action_ids: Sequence[int] = (),
    expectation_ids: Sequence[int] = (),
    review_ids: Sequence[int] = (),
) -> Evidence:
    """Add a file as evidence. Its type is decided by its content (uploads.check_upload), its
    SHA-256 digest recorded, and it is stored under a name of our making, never the uploader's."""
    require(
        permissions.can_edit_authority(by, authority.pk),
        "Only the authority's own officers can add its evidence.",
    )
    limit = max_bytes()
    if upload.size is not None and upload.size > limit:
        raise too_big(upload.size, limit)
    upload.seek(0)
    _check_date(effective_on)
    checked = check_upload(read_limited(upload, limit), upload.name or "", max_bytes=limit)
    links = _links(authority, action_ids, expectation_ids, review_ids)
    evidence = Evidence(
        authority=authority,
        kind=EvidenceKind.FILE,
        title=clean_text(title, "Enter a title for the evidence"),
        effective_on=effective_on,
        original_name=checked.name,
        content_type=checked.file_type.content_type,
        size_bytes=checked.size,
        sha256=checked.sha256,
        added_by=by,
    )
    stored = ""
    try:
        with transaction.atomic():
            stored = default_storage.save(
                f"evidence/{authority.gss_code}/{uuid.uuid4().hex}{checked.extension}",
                ContentFile(checked.data),
            )
            evidence.file.name = stored
            return _save(evidence, by=by, links=links)
    except BaseException:
        if stored:
            default_storage.delete(stored)
        raise


def add_evidence_link(
    authority: Authority,
    *,
    by: Any,
    title: str,
    effective_on: dt.date,
    url: str,
    action_ids: Sequence[int] = (),
    expectation_ids: Sequence[int] = (),
    review_ids: Sequence[int] = (),
) -> Evidence:
    """Add a link to evidence published elsewhere (a committee report, a web page). Links are not
    fetched (the service never requests addresses users give it), so they carry no digest."""
    require(
        permissions.can_edit_authority(by, authority.pk),
        "Only the authority's own officers can add its evidence.",
    )
    _check_date(effective_on)
    url = url.strip()
    refusal = web_address_refusal(url)
    if refusal is not None:
        raise FieldRefused(refusal, field="url")
    links = _links(authority, action_ids, expectation_ids, review_ids)
    evidence = Evidence(
        authority=authority,
        kind=EvidenceKind.LINK,
        title=clean_text(title, "Enter a title for the evidence"),
        effective_on=effective_on,
        url=url,
        added_by=by,
    )
    with transaction.atomic():
        return _save(evidence, by=by, links=links)


__all__ = ["UploadRefused", "add_evidence_file", "add_evidence_link", "max_bytes"]
