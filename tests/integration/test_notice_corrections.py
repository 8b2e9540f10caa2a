"""Corrections in the open (issue 13, point 3): a caseworker proposes correcting an issued
notice with a reason, an approver other than the proposer approves it as read, and the public
sees a dated correction note while the earlier version stays in the history. A corrected letter
is issued again as a new version; a notice issued in error is withdrawn without ratings."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.letters.models import IssuedLetter
from bestvalue.letters.services import NoticeLetters
from bestvalue.notices import corrections
from bestvalue.notices import services as notice_services
from bestvalue.notices.models import Notice, Review
from bestvalue.records.models import Correction
from tests.clients import CheckingClient
from tests.factories import make_draft_notice, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

NOTE = (
    "Corrected on 4 December 2026: the date of issue was given as 1 January 2031; "
    "it is 1 January 2026."
)


@pytest.fixture(autouse=True)
def _on_4_december_2026(settings: Any) -> Iterator[None]:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    cache.clear()
    with time_machine.travel(dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def _propose(caseworker: Any, notice: Notice, **changes: str) -> Any:
    """Post the correction form as a caseworker would: every box prefilled, some changed."""
    client = _client(caseworker)
    page = client.get(f"/staff/notices/{notice.pk}/correct/")
    assert page.status_code == 200
    form = {
        "issued_on-day": str(notice.issued_on.day),
        "issued_on-month": str(notice.issued_on.month),
        "issued_on-year": str(notice.issued_on.year),
        "period_months": str(notice.period_months),
        "addressee_name": notice.addressee_name,
        "addressee_role": notice.addressee_role,
        "signatory_name": notice.signatory_name,
        "signatory_role": notice.signatory_role,
        **_items(notice),
        "reason": "The year of issue was mistyped.",
        **changes,
    }
    response = client.post(f"/staff/notices/{notice.pk}/correct/", form)
    assert response.status_code == 302, response.content.decode()
    return Correction.objects.latest("id")


def _items(notice: Notice) -> dict[str, str]:
    """The texts of the notice's grounds, acknowledgements and expectations, as the form holds
    them."""
    return {
        f"{kind}_{item.position}": item.text
        for kind, items in (
            ("ground", notice.grounds.all()),
            ("acknowledgement", notice.acknowledgements.all()),
            ("expectation", notice.expectations.all()),
        )
        for item in items
    }


def _digest(client: CheckingClient, correction: Any) -> str:
    page = client.get(f"/staff/corrections/{correction.pk}/").content.decode()
    found = re.search(r'name="digest" value="([0-9a-f]{64})"', page)
    assert found, "the approver's page carries no digest"
    return found.group(1)


def _mistyped_notice() -> tuple[Notice, Any]:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_issued_notice(caseworker=caseworker, issued_on=dt.date(2031, 1, 1))
    return notice, caseworker


def test_a_correction_approved_is_shown_with_its_note_on_the_public_page_and_the_api() -> None:
    notice, caseworker = _mistyped_notice()
    assert "This reason is published with the correction" in (
        _client(caseworker).get(f"/staff/notices/{notice.pk}/correct/").content.decode()
    )
    correction = _propose(caseworker, notice, **{"issued_on-year": "2026"})
    approver = _client(make_user(Role.APPROVER))
    response = approver.post(
        f"/staff/corrections/{correction.pk}/approve/", {"digest": _digest(approver, correction)}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.issued_on == dt.date(2026, 1, 1)
    assert notice.expires_on == dt.date(2027, 1, 1)
    public = CheckingClient().get(f"/notices/{notice.reference}/").content.decode()
    assert NOTE in public
    assert "The year of issue was mistyped." in public
    assert "Corrected (see the correction note)" in public  # the public change history
    detail = CheckingClient().get(f"/api/v1/notices/{notice.reference}").json()
    assert detail["corrections"] == [
        {"corrected_on": "2026-12-04", "note": NOTE, "reason": "The year of issue was mistyped."}
    ]
    assert detail["issued_on"] == "2026-01-01"
    feed = CheckingClient().get("/register/changes.atom").content.decode()
    assert f"Best value notice {notice.reference}" in feed
    assert "corrected" in feed
    # The earlier version stays in the history (the audit log).
    event = AuditEvent.objects.get(action="notice.corrected", object_id=str(notice.pk))
    assert event.before["issued_on"] == "2031-01-01"
    assert event.after["issued_on"] == "2026-01-01"


def test_the_proposer_cannot_approve_their_own_correction() -> None:
    notice, caseworker = _mistyped_notice()
    correction = _propose(caseworker, notice, **{"issued_on-year": "2026"})
    proposer = _client(caseworker)
    response = proposer.post(
        f"/staff/corrections/{correction.pk}/approve/", {"digest": correction.digest}
    )
    assert response.status_code == 403
    with pytest.raises(corrections.NotAllowed):
        corrections.approve_notice_correction(correction, by=caseworker, digest_read="x")
    notice.refresh_from_db()
    assert notice.issued_on == dt.date(2031, 1, 1)
    correction.refresh_from_db()
    assert correction.decision == "pending"


def test_a_stale_approval_of_a_correction_is_refused_and_shows_what_changed() -> None:
    notice, caseworker = _mistyped_notice()
    first = _propose(caseworker, notice, addressee_role="Chief Executive Officer")
    second = _propose(caseworker, notice, addressee_name="B. Chief")
    approver, other = _client(make_user(Role.APPROVER)), _client(make_user(Role.APPROVER))
    opened = _digest(approver, first)
    # Meanwhile another approver approves a correction of the same field.
    rival = _propose(caseworker, notice, addressee_role="Managing Director")
    assert (
        other.post(
            f"/staff/corrections/{rival.pk}/approve/", {"digest": _digest(other, rival)}
        ).status_code
        == 302
    )
    response = approver.post(f"/staff/corrections/{first.pk}/approve/", {"digest": opened})
    assert response.status_code == 409
    page = response.content.decode()
    assert "What changed since you opened it" in page
    assert "Managing Director" in page
    notice.refresh_from_db()
    assert notice.addressee_role == "Managing Director"
    first.refresh_from_db()
    assert first.decision == "pending"
    # A correction the record has not overtaken is still approved as read.
    assert (
        approver.post(
            f"/staff/corrections/{second.pk}/approve/", {"digest": _digest(approver, second)}
        ).status_code
        == 302
    )


def test_a_returned_correction_changes_nothing_and_shows_the_reason() -> None:
    notice, caseworker = _mistyped_notice()
    correction = _propose(caseworker, notice, **{"issued_on-year": "2026"})
    approver = _client(make_user(Role.APPROVER))
    response = approver.post(
        f"/staff/corrections/{correction.pk}/return/", {"reason": "Check the letter first."}
    )
    assert response.status_code == 302
    assert (
        "Check the letter first."
        in approver.get(f"/staff/corrections/{correction.pk}/").content.decode()
    )
    notice.refresh_from_db()
    assert notice.issued_on == dt.date(2031, 1, 1)


def test_a_correction_that_breaks_the_notice_rules_is_refused_with_a_clear_message() -> None:
    notice, caseworker = _mistyped_notice()
    client = _client(caseworker)
    response = client.post(
        f"/staff/notices/{notice.pk}/correct/",
        {
            "issued_on-day": "1",
            "issued_on-month": "1",
            "issued_on-year": "2032",
            "period_months": "12",
            "addressee_name": notice.addressee_name,
            "addressee_role": notice.addressee_role,
            "signatory_name": "",
            "signatory_role": "",
            **_items(notice),
            "reason": "Wrong year.",
        },
    )
    assert response.status_code == 400
    assert "The date of issue must be today or in the past" in response.content.decode()
    assert not Correction.objects.exists()


def test_a_corrected_notice_letter_is_reissued_as_a_new_version_and_the_old_one_superseded() -> (
    None
):
    caseworker = make_user(Role.CASEWORKER)
    draft = make_draft_notice(caseworker=caseworker)
    draft = notice_services.submit_for_approval(draft, by=caseworker)
    notice = notice_services.approve_and_issue(
        draft, by=make_user(Role.APPROVER), issued_on=dt.date(2031, 1, 1), letters=NoticeLetters()
    )
    old = {x.format: x for x in IssuedLetter.objects.filter(notice=notice)}
    correction = _propose(caseworker, notice, **{"issued_on-year": "2026"})
    approver = _client(make_user(Role.APPROVER))
    approver.post(
        f"/staff/corrections/{correction.pk}/approve/", {"digest": _digest(approver, correction)}
    )
    letters = list(IssuedLetter.objects.filter(notice=notice).order_by("format", "version"))
    assert len(letters) == 4
    for fmt, first in old.items():
        newer = IssuedLetter.objects.get(notice=notice, format=fmt, version=2)
        assert newer.supersedes == first
        assert newer.sha256 != first.sha256
        first.refresh_from_db()
        assert first.sha256 == old[fmt].sha256  # the old file is kept as issued
    public = CheckingClient().get(f"/notices/{notice.reference}/").content.decode()
    assert "Superseded on 4 December 2026" in public
    assert f"/notices/{notice.reference}/letters/notice-v1.pdf" in public
    superseded = CheckingClient().get(f"/notices/{notice.reference}/letters/notice-v1.pdf")
    assert superseded["ETag"] == f'"{old["pdf"].sha256}"'
    current = CheckingClient().get(f"/notices/{notice.reference}/letters/notice.pdf")
    assert current["ETag"] != f'"{old["pdf"].sha256}"'
    api = CheckingClient().get(f"/api/v1/notices/{notice.reference}").json()
    assert {(x["version"], x["superseded_at"] is None) for x in api["letters"]} == {
        (1, False),
        (2, True),
    }


def test_a_notice_issued_in_error_is_withdrawn_without_ratings() -> None:
    notice, caseworker = _mistyped_notice()
    client = _client(caseworker)
    form = client.get(f"/staff/notices/{notice.pk}/withdraw-in-error/").content.decode()
    assert "This will be published on the register" in form
    response = client.post(
        f"/staff/notices/{notice.pk}/withdraw-in-error/",
        {"reason": "Issued to the wrong authority."},
    )
    assert response.status_code == 302
    correction = Correction.objects.latest("id")
    notice.refresh_from_db()
    assert notice.status == "issued", "nothing changes until an approver approves"
    approver = _client(make_user(Role.APPROVER))
    assert (
        approver.post(
            f"/staff/corrections/{correction.pk}/approve/",
            {"digest": _digest(approver, correction)},
        ).status_code
        == 302
    )
    notice.refresh_from_db()
    assert notice.status == "withdrawn"
    assert not Review.objects.filter(notice=notice).exists()
    assert notice.outcome.note == "Withdrawn (issued in error). Issued to the wrong authority."
    public = CheckingClient().get(f"/notices/{notice.reference}/").content.decode()
    assert "Withdrawn (issued in error). Issued to the wrong authority." in public
    assert "Withdrawn on 4 December 2026: it was issued in error." in public


def test_the_review_rationale_says_it_is_published(caseworker_client) -> None:  # type: ignore[no-untyped-def]
    notice = make_issued_notice(issued_on=dt.date(2026, 1, 1))
    page = caseworker_client.get(f"/staff/notices/{notice.pk}/review/").content.decode()
    assert "This will be published on the register, word for word, as the outcome." in page
