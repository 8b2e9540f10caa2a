"""Reads of approvals, corrections and spent form tokens."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from bestvalue.records.models import Correction, Decision, SpentFormToken, Submission


def _of(obj: models.Model) -> dict[str, Any]:
    return {
        "content_type": ContentType.objects.get_for_model(obj, for_concrete_model=False),
        "object_id": str(obj.pk),
    }


def pending_submissions(obj: models.Model) -> models.QuerySet[Submission]:
    return Submission.objects.filter(**_of(obj), decision=Decision.PENDING)


def submission_with_digest(obj: models.Model, digest: str) -> Submission | None:
    return Submission.objects.filter(**_of(obj), digest=digest).first()


def approval_of(obj: models.Model) -> Submission | None:
    """The latest approval of `obj`: who approved which content (its digest), and when."""
    return (
        Submission.objects.filter(**_of(obj), decision=Decision.APPROVED)
        .select_related("decided_by")
        .first()
    )


def last_return(obj: models.Model) -> Submission | None:
    """The latest time `obj` was sent back, with the approver's reason (None if never, or if it
    has been sent for approval again since)."""
    latest = (
        Submission.objects.filter(**_of(obj))
        .exclude(decision=Decision.RETURNED, decided_by__isnull=True)
        .select_related("decided_by")
        .first()
    )
    return latest if latest is not None and latest.decision == Decision.RETURNED else None


def corrections_for(
    obj: models.Model, *, approved_only: bool = True
) -> models.QuerySet[Correction]:
    """Corrections of `obj`, newest first: only approved ones for the public."""
    found = Correction.objects.filter(**_of(obj)).select_related("proposed_by", "decided_by")
    return found.filter(decision=Decision.APPROVED) if approved_only else found


def spent_token(token: uuid.UUID, user: Any) -> SpentFormToken | None:
    return SpentFormToken.objects.filter(token=token, user=user).first()


def correction_of(model: type[models.Model], pk: int) -> Correction | None:
    """A correction proposed to a record of `model`, with who proposed and decided it."""
    return (
        Correction.objects.filter(pk=pk, content_type=ContentType.objects.get_for_model(model))
        .select_related("proposed_by", "decided_by")
        .first()
    )


def approved_corrections_of(
    model: type[models.Model], object_ids: models.QuerySet[Any]
) -> models.QuerySet[Correction]:
    """Approved corrections of the records of `model` whose ids (as text) `object_ids` gives,
    newest first."""
    return Correction.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=object_ids,
        decision=Decision.APPROVED,
    ).order_by("-corrected_on", "-id")
