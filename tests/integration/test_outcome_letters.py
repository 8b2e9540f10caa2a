"""The letters that end a notice (issue 17, point 4): the lapse letter (the notice is not
reissued) and the withdrawal letter, generated from the record, previewed as drafts, frozen on
approval as PDF and DOCX with their digests, and public only once the decision is approved."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from bestvalue.accounts.roles import Role
from bestvalue.letters import services
from bestvalue.letters.models import IssuedLetter
from bestvalue.notices import reviews
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import Status
from tests.clients import CheckingClient
from tests.factories import make_authority, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

REASON = "The Authority has shown sustained progress.\n\nThe board's last report confirms it."


@pytest.fixture(autouse=True)
def _letters_in_memory(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _stored(letter: IssuedLetter) -> bytes:
    with default_storage.open(letter.file.name, "rb") as handle:
        return bytes(handle.read())


def _notice() -> Notice:
    authority = make_authority(official_name="Slough Borough Council")
    return make_issued_notice(authority=authority, issued_on=dt.date(2024, 1, 30), period_months=6)


def _decide(notice: Notice, decision: str, on: dt.date = dt.date(2024, 5, 2)) -> Any:
    caseworker = make_user(Role.CASEWORKER)
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=on,
        decision=decision,
        rationale=REASON,
        assessments=[
            reviews.AssessmentInput(e.pk, "met", "Done.") for e in notice.expectations.all()
        ],
    )
    return reviews.submit_review(review, by=caseworker)


def _approve(review: Any, today: dt.date = dt.date(2024, 5, 9)) -> Notice:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("bestvalue.core.clock.today", lambda: today)
        reviews.approve_review(
            review, by=make_user(Role.APPROVER), letters=services.OutcomeLetters()
        )
    return Notice.objects.get(pk=review.notice_id)


def _files(notice: Notice, kind: str) -> dict[str, IssuedLetter]:
    return {x.format: x for x in IssuedLetter.objects.filter(notice=notice, kind=kind)}


def _public(notice: Notice, kind: str, fmt: str = "pdf") -> Any:
    url = reverse(
        "letters:issued", kwargs={"reference": notice.reference, "kind": kind, "fmt": fmt}
    )
    return CheckingClient().get(url)


def test_approving_a_withdrawal_freezes_the_withdrawal_letter_from_the_record() -> None:
    notice = _approve(_decide(_notice(), "withdraw"))
    assert notice.status == Status.WITHDRAWN
    files = _files(notice, "withdrawal")
    assert set(files) == {"pdf", "docx"}
    for letter in files.values():
        assert letter.sha256 == hashlib.sha256(_stored(letter)).hexdigest()
    text = _pdf_text(_stored(files["pdf"]))
    assert "Best Value Notice withdrawn: Slough Borough Council" in text
    assert notice.reference in text
    assert "On 30 January 2024" in text
    assert "9 May 2024" in text  # the letter's date: the day it was approved
    assert "was withdrawn on 2 May 2024, and is no longer in force" in text
    assert "The Authority has shown sustained progress." in text
    assert "Assessed as: met" in text
    assert "section 3 of the Local Government Act 1999" in text
    words = _docx_text(_stored(files["docx"]))
    assert "Best Value Notice withdrawn: Slough Borough Council" in words
    assert "The board's last report confirms it." in words
    assert not _files(notice, "outcome")


def test_the_withdrawal_letter_is_public_only_once_the_withdrawal_is_approved(
    caseworker_client: CheckingClient,
) -> None:
    notice = _notice()
    review = _decide(notice, "withdraw")
    preview = reverse("staff:letter-preview", kwargs={"pk": notice.pk, "kind": "withdrawal"})
    page = caseworker_client.get(preview)
    assert page.status_code == 200
    assert "Draft: not issued" in page.content.decode()
    assert "is withdrawn on 2 May 2024" in page.content.decode()
    staff_page = caseworker_client.get(reverse("staff:notice", kwargs={"pk": notice.pk}))
    assert f'href="{preview}"' in staff_page.content.decode()
    assert _public(notice, "withdrawal").status_code == 404
    assert not IssuedLetter.objects.exists()
    notice = _approve(review)
    assert caseworker_client.get(preview).status_code == 404  # no longer a draft
    download = _public(notice, "withdrawal")
    assert download.status_code == 200
    assert download["ETag"] == f'"{_files(notice, "withdrawal")["pdf"].sha256}"'


def test_the_withdrawal_letter_is_linked_on_the_public_notice_page_and_in_the_api() -> None:
    notice = _approve(_decide(_notice(), "withdraw"))
    html = CheckingClient().get(reverse("register:notice", kwargs={"reference": notice.reference}))
    files = _files(notice, "withdrawal")
    for fmt, letter in files.items():
        href = reverse(
            "letters:issued",
            kwargs={"reference": notice.reference, "kind": "withdrawal", "fmt": fmt},
        )
        assert f'href="{href}"' in html.content.decode()
        assert letter.sha256 in html.content.decode()
    assert "Withdrawal letter" in html.content.decode()
    body = CheckingClient().get(f"/api/v1/notices/{notice.reference}").json()
    listed = {(x["kind"], x["format"]): x["sha256"] for x in body["letters"]}
    assert listed == {("withdrawal", fmt): x.sha256 for fmt, x in files.items()}


def test_the_lapse_letter_is_public_only_once_the_lapse_is_approved(
    approver_client: CheckingClient,
) -> None:
    notice = _notice()
    review = _decide(notice, "lapse", on=dt.date(2024, 8, 20))
    preview = reverse("staff:letter-preview", kwargs={"pk": notice.pk, "kind": "outcome"})
    assert "will lapse at the end of its period, on 30 July 2024" in (
        approver_client.get(preview).content.decode()
    )
    wrong = reverse("staff:letter-preview", kwargs={"pk": notice.pk, "kind": "withdrawal"})
    assert approver_client.get(wrong).status_code == 404
    assert _public(notice, "outcome").status_code == 404
    notice = _approve(review, today=dt.date(2024, 9, 9))
    files = _files(notice, "outcome")
    text = _pdf_text(_stored(files["pdf"]))
    assert "Best Value Notice not reissued: Slough Borough Council" in text
    assert "lapsed at the end of its period, on 30 July 2024, and is no longer in force" in text
    assert "9 September 2024" in text
    assert _public(notice, "outcome").content == _stored(files["pdf"])
    assert _public(notice, "outcome", "docx").content == _stored(files["docx"])
    body = CheckingClient().get(f"/api/v1/notices/{notice.reference}").json()
    assert {x["kind"] for x in body["letters"]} == {"outcome"}


def test_a_lapse_letter_once_issued_does_not_change_when_the_record_does() -> None:
    notice = _approve(_decide(_notice(), "lapse", on=dt.date(2024, 8, 20)))
    before = {fmt: _stored(x) for fmt, x in _files(notice, "outcome").items()}
    again = services.issue_outcome_letter(notice, by=make_user(Role.APPROVER))
    assert {x.format for x in again} == {"pdf", "docx"}
    assert IssuedLetter.objects.filter(notice=notice).count() == 2
    assert {fmt: _stored(x) for fmt, x in _files(notice, "outcome").items()} == before


def test_a_withdrawal_letter_is_refused_for_a_notice_still_in_force() -> None:
    notice = _notice()
    _decide(notice, "withdraw")
    with pytest.raises(services.NotAllowed, match="lapsed or been withdrawn"):
        services.issue_outcome_letter(notice, by=make_user(Role.APPROVER))
    assert not IssuedLetter.objects.exists()


def test_escalating_a_notice_issues_no_lapse_letter_or_withdrawal_letter() -> None:
    notice = _approve(_decide(_notice(), "escalate"))
    assert notice.status == Status.ESCALATED
    assert not IssuedLetter.objects.filter(notice=notice).exists()
