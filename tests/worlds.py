"""One of every record the URLs name, for tests that visit every page: the access rules
(tests/integration/test_access.py) and hostile input on every form
(tests/integration/test_hostile_staff_forms.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from bestvalue.accounts.roles import Role
from tests.factories import (
    in_memory_storage,
    make_authority,
    make_draft_notice,
    make_evidence_file,
    make_improvement_world,
    make_intervention_world,
    make_issued_notice,
    make_officer,
    make_user,
)


def make_world(settings: Any) -> dict[str, Any]:
    """A draft, an issued notice with a draft revision and a draft review, a review awaiting
    approval, a data request, issued letters, and the improvement and intervention worlds. The
    caseworker who drafted everything is `caseworker`."""
    from bestvalue.notices import engagement, reviews, services

    caseworker = make_user(Role.CASEWORKER)
    issued = make_issued_notice(caseworker=caseworker)
    revised = services.start_reissue(issued, by=caseworker)

    def review_of(notice: Any) -> Any:
        assessments = [
            reviews.AssessmentInput(e.pk, "met", "Seen.") for e in notice.expectations.all()
        ]
        return reviews.draft_review(
            notice,
            by=caseworker,
            reviewed_on=dt.date(2024, 6, 1),
            decision="lapse",
            rationale="Done.",
            assessments=assessments,
        )

    review = review_of(issued)
    issued_plain = make_issued_notice(caseworker=caseworker)
    review_awaiting = reviews.submit_review(
        review_of(make_issued_notice(caseworker=caseworker)), by=caseworker
    )
    interventions = make_intervention_world(caseworker)
    from bestvalue.notices import corrections

    correction = corrections.propose_notice_correction(
        issued_plain,
        by=caseworker,
        values={"addressee_role": "Chief Executive Officer"},
        reason="Typo.",
    )
    data_request = engagement.create_data_request(
        issued,
        by=caseworker,
        title="Weekly cash position",
        requested_on=dt.date(2024, 2, 1),
        first_due_on=dt.date(2024, 2, 8),
        recurrence="weekly",
    )
    return {
        "caseworker": caseworker,
        "authority": make_authority(),
        "draft": make_draft_notice(caseworker=caseworker),
        "issued": issued,
        "revised": revised,
        "review": review,
        "data_request": data_request,
        "issued_plain": issued_plain,
        "review_awaiting": review_awaiting,
        "correction": correction,
        "issued_letter": _issued_letter(settings, notice=issued, kind="notice"),
        **make_improvement_world(issued, settings=settings),
        "improvement_published_evidence": _published_evidence(issued.authority),
        **interventions,
        "issued_minded_to_letter": _issued_letter(
            settings, minded_to=interventions["intervention_letter_issued"], kind="minded-to"
        ),
    }


def _issued_letter(settings: Any, **owner: Any) -> Any:
    """A stored letter of an issued notice or minded-to letter, in memory (no files written by
    the tests that visit every page)."""
    from bestvalue.letters.models import IssuedLetter

    in_memory_storage(settings)
    data = b"%PDF-1.7 a letter as issued"
    letter = IssuedLetter(
        **owner,
        format="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        created_at=timezone.now(),
    )
    letter.file.save("letters/issued.pdf", ContentFile(data), save=False)
    letter.save()
    return letter


def _published_evidence(authority: Any) -> Any:
    """An evidence file the authority has published, for its public download."""
    from bestvalue.improvement.services.publication import set_published

    officer = make_officer(authority)
    item = make_evidence_file(authority, by=officer, title="Published peer challenge report")
    return set_published("evidence", item, by=officer, published=True)
