"""Letters generated from the record: each kind in each format, frozen at issue with its digest,
issued in the same transaction as the notice, previewed as drafts, and downloaded by the public."""

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
from bestvalue.audit.models import AuditEvent
from bestvalue.letters import rendering, services
from bestvalue.letters.content import notice_letter
from bestvalue.letters.models import AppendOnly, IssuedLetter
from bestvalue.letters.outcome_content import ending_letter
from bestvalue.letters.rendering import render_docx, render_pdf
from bestvalue.letters.selectors import ending_review, notice_for_letter
from bestvalue.notices import reviews
from bestvalue.notices import services as notice_services
from bestvalue.notices.approval import approval_digest
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import Status
from tests.clients import CheckingClient
from tests.factories import make_draft_notice, make_issued_notice, make_user

pytestmark = pytest.mark.django_db

EXPECTATIONS = [
    "Continue with the independent Improvement Board and engage with its recommendations.",
    "Implement the improvement plan agreed by the Authority's board.",
    "Implement cultural change across the organisation, with measurable outcomes.",
]


@pytest.fixture(autouse=True)
def _letters_in_memory(settings: Any) -> None:
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for section in doc.sections:
        parts += [p.text for p in section.header.paragraphs]
    return "\n".join(parts)


def _awaiting(**overrides: Any) -> tuple[Notice, Any]:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_draft_notice(caseworker=caseworker, expectations=EXPECTATIONS, **overrides)
    return notice_services.submit_for_approval(notice, by=caseworker), caseworker


def _issue(notice: Notice, on: dt.date = dt.date(2024, 6, 3)) -> Notice:
    """Issue as the approve page does: notices issue, and hand the letters app the notice."""
    return notice_services.approve_and_issue(
        notice, by=make_user(Role.APPROVER), issued_on=on, letters=services.NoticeLetters()
    )


def _letters(notice: Notice) -> dict[tuple[str, str], IssuedLetter]:
    return {(x.kind, x.format): x for x in IssuedLetter.objects.filter(notice=notice)}


def _stored(letter: IssuedLetter) -> bytes:
    with default_storage.open(letter.file.name, "rb") as handle:
        return bytes(handle.read())


def _files(folder: str = "letters") -> list[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    return [f"{folder}/{f}" for f in files] + [x for d in folders for x in _files(f"{folder}/{d}")]


def _lapse(notice: Notice) -> Any:
    caseworker = make_user(Role.CASEWORKER)
    review = reviews.draft_review(
        notice,
        by=caseworker,
        reviewed_on=dt.date(2024, 12, 2),
        decision="lapse",
        rationale="The Authority has met the expectations.\n\nThe board's last report confirms it.",
        assessments=[
            reviews.AssessmentInput(e.pk, "met", "Done.") for e in notice.expectations.all()
        ],
    )
    return reviews.submit_review(review, by=caseworker)


# --- Each kind in each format -------------------------------------------------------------------


def test_issuing_a_notice_stores_its_letter_as_pdf_and_docx_with_their_digests() -> None:
    notice, _ = _awaiting(signatory_name="Sam Sign", signatory_role="Deputy Director")
    issued = _issue(notice)
    letters = _letters(issued)
    assert set(letters) == {("notice", "pdf"), ("notice", "docx")}
    pdf, docx = _stored(letters["notice", "pdf"]), _stored(letters["notice", "docx"])
    assert letters["notice", "pdf"].sha256 == hashlib.sha256(pdf).hexdigest()
    assert letters["notice", "pdf"].size == len(pdf)
    text = _pdf_text(pdf)
    assert issued.reference in text
    assert "section 3 of the Local Government Act 1999" in text
    assert (
        "Best value standards and intervention: a statutory guide for best value authorities"
        in text
    )
    assert "3 June 2024" in text
    assert "3 June 2025" in text
    assert "Page 1 of" in text
    for expectation in EXPECTATIONS:
        assert " ".join(expectation.split()) in text
    words = _docx_text(docx)
    assert issued.reference in words
    assert "Sam Sign" in words
    for expectation in EXPECTATIONS:
        assert expectation in words
    assert (
        AuditEvent.objects.filter(
            action="letter.issued", object_type="letters.issuedletter"
        ).count()
        == 2
    )


def test_a_revised_notice_letter_names_the_notice_it_replaces() -> None:
    first = make_issued_notice(issued_on=dt.date(2024, 1, 30))
    caseworker = make_user(Role.CASEWORKER)
    revised = notice_services.start_reissue(first, by=caseworker)
    revised = notice_services.save_item(
        revised,
        by=caseworker,
        version=revised.version,
        kind="acknowledgements",
        item=notice_services.ItemInput("Permanent senior appointments made."),
    )
    revised = notice_services.submit_for_approval(revised, by=caseworker)
    issued = _issue(revised, dt.date(2024, 7, 30))
    letters = _letters(issued)
    assert set(letters) == {("revised-notice", "pdf"), ("revised-notice", "docx")}
    text = _pdf_text(_stored(letters["revised-notice", "pdf"]))
    assert "Revised Best Value Notice" in text
    assert issued.reference in text
    assert f"({first.reference})" in text
    assert "replaces that Notice" in text
    assert "Permanent senior appointments made." in text
    assert "from 30 July 2024 until 30 January 2025" in text
    assert "Work with the independent improvement board." in _docx_text(
        _stored(letters["revised-notice", "docx"])
    )


def test_approving_a_lapse_issues_the_outcome_letter() -> None:
    notice = make_issued_notice(issued_on=dt.date(2024, 1, 30), period_months=6)
    review = _lapse(notice)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("bestvalue.core.clock.today", lambda: dt.date(2024, 12, 9))
        reviews.approve_review(
            review, by=make_user(Role.APPROVER), letters=services.OutcomeLetters()
        )
    notice.refresh_from_db()
    assert notice.status == Status.LAPSED
    letters = _letters(notice)
    assert set(letters) == {("outcome", "pdf"), ("outcome", "docx")}
    text = _pdf_text(_stored(letters["outcome", "pdf"]))
    assert "not reissued" in text
    assert notice.reference in text
    assert "9 December 2024" in text
    assert "lapsed at the end of its period, on 30 July 2024" in text
    assert "The Authority has met the expectations." in text
    assert "Assessed as: met" in text
    words = _docx_text(_stored(letters["outcome", "docx"]))
    assert "Work with the independent improvement board." in words
    # Issued once: asking again returns the same letters.
    again = services.issue_outcome_letter(notice, by=make_user(Role.APPROVER))
    assert {x.pk for x in again} == {x.pk for x in letters.values()}


def test_an_outcome_letter_is_refused_for_a_notice_that_has_not_lapsed() -> None:
    notice = make_issued_notice()
    with pytest.raises(services.NotAllowed):
        services.issue_outcome_letter(notice, by=make_user(Role.APPROVER))
    assert not IssuedLetter.objects.exists()


def test_a_letter_dated_before_the_2024_guidance_does_not_cite_it() -> None:
    notice = notice_for_letter(make_issued_notice(issued_on=dt.date(2023, 1, 24)).pk)
    letter = notice_letter(notice)
    paragraphs = " ".join(letter.opening)
    assert "section 3 of the Local Government Act 1999" in paragraphs
    assert "8 May 2024" not in paragraphs
    assert "non-statutory" not in paragraphs
    assert "not a statutory notice" in paragraphs


# --- The freeze ---------------------------------------------------------------------------------


def test_later_edits_to_the_record_never_change_the_issued_letter() -> None:
    notice, _ = _awaiting()
    issued = _issue(notice)
    letter = _letters(issued)["notice", "pdf"]
    before = _stored(letter)
    # Edits made straight in the database, as no service may make them after issue.
    Notice.objects.filter(pk=issued.pk).update(addressee_name="Someone Else", period_months=3)
    issued.expectations.filter(position=1).update(text="A different expectation.")
    letter.refresh_from_db()
    assert _stored(letter) == before
    assert letter.sha256 == hashlib.sha256(before).hexdigest()
    response = CheckingClient().get(
        reverse(
            "letters:issued", kwargs={"reference": issued.reference, "kind": "notice", "fmt": "pdf"}
        )
    )
    assert response.status_code == 200
    assert response.content == before
    assert response["ETag"] == f'"{letter.sha256}"'
    assert response["Repr-Digest"].startswith("sha-256=:")
    assert (
        response["Content-Disposition"] == f'attachment; filename="{issued.reference}-notice.pdf"'
    )
    assert "Someone Else" not in _pdf_text(response.content)


def test_an_issued_letter_cannot_be_changed_or_deleted() -> None:
    notice, _ = _awaiting()
    letter = _letters(_issue(notice))["notice", "pdf"]
    letter.size = 1
    with pytest.raises(AppendOnly):
        letter.save()
    with pytest.raises(AppendOnly):
        letter.delete()
    with pytest.raises(AppendOnly):
        IssuedLetter.objects.filter(pk=letter.pk).update(size=1)
    with pytest.raises(AppendOnly):
        IssuedLetter.objects.all().delete()


def test_a_letter_whose_stored_bytes_were_altered_is_not_served() -> None:
    notice, _ = _awaiting()
    issued = _issue(notice)
    letter = _letters(issued)["notice", "docx"]
    default_storage.delete(letter.file.name)
    default_storage.save(letter.file.name, io.BytesIO(b"PK not the letter"))
    url = reverse(
        "letters:issued", kwargs={"reference": issued.reference, "kind": "notice", "fmt": "docx"}
    )
    response = CheckingClient().get(url)
    assert response.status_code == 409
    assert "This file cannot be downloaded" in response.content.decode()


# --- One transaction ----------------------------------------------------------------------------


def test_if_the_letter_cannot_be_generated_the_notice_is_not_issued(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notice, _ = _awaiting()
    events_before = AuditEvent.objects.count()

    def broken(letter: Any) -> bytes:
        raise OSError("cannot load library 'libpango-1.0-0'")

    monkeypatch.setitem(services.RENDERERS, services.LetterFormat.DOCX, broken)
    with pytest.raises(services.LetterGenerationFailed):
        _issue(notice)
    notice.refresh_from_db()
    assert notice.status == Status.AWAITING_APPROVAL
    assert notice.reference is None
    assert notice.issued_on is None
    assert not IssuedLetter.objects.exists()
    assert AuditEvent.objects.count() == events_before
    assert _files() == []  # the PDF written before the DOCX failed is removed again


def test_the_approval_page_says_when_the_letter_could_not_be_generated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    notice, _ = _awaiting()
    client = CheckingClient()
    client.force_login(make_user(Role.APPROVER))

    def broken(letter: Any) -> bytes:
        raise OSError("no fonts")

    monkeypatch.setitem(services.RENDERERS, services.LetterFormat.PDF, broken)
    response = client.post(
        reverse("staff:notice-approve", kwargs={"pk": notice.pk}),
        {
            "issued_on-day": "3",
            "issued_on-month": "6",
            "issued_on-year": "2024",
            "digest": approval_digest(notice),
        },
    )
    assert response.status_code == 500
    assert (
        "The letter could not be generated, so nothing has been issued" in response.content.decode()
    )
    notice.refresh_from_db()
    assert notice.status == Status.AWAITING_APPROVAL


def test_approving_through_the_page_issues_the_letters() -> None:
    notice, _ = _awaiting()
    client = CheckingClient()
    client.force_login(make_user(Role.APPROVER))
    response = client.post(
        reverse("staff:notice-approve", kwargs={"pk": notice.pk}),
        {
            "issued_on-day": "3",
            "issued_on-month": "6",
            "issued_on-year": "2024",
            "digest": approval_digest(notice),
        },
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == Status.ISSUED
    assert set(_letters(notice)) == {("notice", "pdf"), ("notice", "docx")}


# --- Drafts -------------------------------------------------------------------------------------


def test_a_draft_letter_is_previewed_and_downloaded_marked_as_a_draft(
    caseworker_client: CheckingClient,
) -> None:
    notice = make_draft_notice(expectations=EXPECTATIONS)
    kwargs = {"pk": notice.pk, "kind": "notice"}
    page = caseworker_client.get(reverse("staff:letter-preview", kwargs=kwargs))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Draft letter: Best Value Notice" in html
    assert "Draft: not issued" in html
    assert EXPECTATIONS[1].replace("'", "&#39;") in html
    pdf = caseworker_client.get(
        reverse("staff:letter-draft-download", kwargs={**kwargs, "fmt": "pdf"})
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "private, no-store"
    text = _pdf_text(pdf.content)
    assert "DRAFT" in text
    assert "Draft, not yet issued" in text
    docx = caseworker_client.get(
        reverse("staff:letter-draft-download", kwargs={**kwargs, "fmt": "docx"})
    )
    assert "DRAFT: NOT ISSUED" in _docx_text(docx.content)
    assert not IssuedLetter.objects.exists()


def test_an_outcome_letter_is_previewed_while_its_review_awaits_approval(
    approver_client: CheckingClient,
) -> None:
    notice = make_issued_notice()
    _lapse(notice)
    page = approver_client.get(
        reverse("staff:letter-preview", kwargs={"pk": notice.pk, "kind": "outcome"})
    )
    assert page.status_code == 200
    assert "Best Value Notice not reissued" in page.content.decode()


@pytest.mark.parametrize(
    ("kind", "fmt"), [("revised-notice", "pdf"), ("outcome", "docx"), ("notice", "txt")]
)
def test_there_is_no_draft_letter_of_another_kind_or_format(
    caseworker_client: CheckingClient, kind: str, fmt: str
) -> None:
    notice = make_draft_notice()
    preview = reverse("staff:letter-preview", kwargs={"pk": notice.pk, "kind": kind})
    download = reverse(
        "staff:letter-draft-download", kwargs={"pk": notice.pk, "kind": kind, "fmt": fmt}
    )
    assert caseworker_client.get(preview).status_code == (200 if kind == "notice" else 404)
    assert caseworker_client.get(download).status_code == 404


def test_an_issued_notice_has_no_draft_letter(caseworker_client: CheckingClient) -> None:
    notice = make_issued_notice()
    url = reverse("staff:letter-preview", kwargs={"pk": notice.pk, "kind": "notice"})
    assert caseworker_client.get(url).status_code == 404


def test_drafts_are_never_downloadable_publicly() -> None:
    notice, _ = _awaiting()
    client = CheckingClient()
    for kind in ("notice", "revised-notice", "outcome"):
        for reference in (str(notice.pk), "None", "draft"):
            url = reverse(
                "letters:issued", kwargs={"reference": reference, "kind": kind, "fmt": "pdf"}
            )
            assert client.get(url).status_code == 404


def test_a_stored_letter_of_a_notice_no_longer_published_is_not_served() -> None:
    notice, _ = _awaiting()
    issued = _issue(notice)
    # Only a direct database edit could do this; the publication rule still holds.
    Notice.objects.filter(pk=issued.pk).update(status=Status.DRAFT)
    url = reverse(
        "letters:issued", kwargs={"reference": issued.reference, "kind": "notice", "fmt": "pdf"}
    )
    assert CheckingClient().get(url).status_code == 404


# --- Rendering ----------------------------------------------------------------------------------


def test_the_letter_html_is_a_standalone_document_with_print_css() -> None:
    notice = notice_for_letter(make_issued_notice().pk)
    html = rendering.render_html(notice_letter(notice))
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "size: A4" in html
    assert "counter(pages)" in html
    assert "&#34;" not in html.split("</style>")[0]  # the stylesheet is not escaped


def test_text_from_the_record_is_escaped_and_nothing_is_fetched() -> None:
    notice = make_draft_notice(
        expectations=['<img src="http://127.0.0.1:9/x.png"> <script>alert(1)</script>']
    )
    letter = notice_letter(notice_for_letter(notice.pk))
    html = rendering.render_html(letter)
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html
    assert "<script>alert(1)</script>" in _pdf_text(render_pdf(letter))
    assert "<script>alert(1)</script>" in _docx_text(render_docx(letter))


def test_the_outcome_letter_of_a_draft_review_is_marked_as_a_draft() -> None:
    notice = make_issued_notice()
    _lapse(notice)
    full = notice_for_letter(notice.pk)
    letter = ending_letter(full, ending_review(full), dated_on=None, draft=True)
    assert letter.draft
    assert letter.dated == "Date of issue to be added"
    assert "will lapse" in letter.opening[1]


def test_the_letter_reads_its_notice_in_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    notice = make_issued_notice(expectations=EXPECTATIONS)
    with django_assert_max_num_queries(5):
        notice_letter(notice_for_letter(notice.pk))


# --- Links from the notice pages ----------------------------------------------------------------


def test_the_public_notice_page_links_each_issued_letter_with_its_digest() -> None:
    notice, _ = _awaiting()
    issued = _issue(notice)
    page = CheckingClient().get(reverse("register:notice", kwargs={"reference": issued.reference}))
    html = page.content.decode()
    assert 'id="letters"' in html
    for (kind, fmt), letter in _letters(issued).items():
        href = reverse(
            "letters:issued", kwargs={"reference": issued.reference, "kind": kind, "fmt": fmt}
        )
        assert f'href="{href}"' in html
        assert letter.sha256 in html


def test_a_published_notice_without_issued_letters_has_no_letters_section() -> None:
    notice = make_issued_notice()  # loaded or made without the letter service
    page = CheckingClient().get(reverse("register:notice", kwargs={"reference": notice.reference}))
    assert 'id="letters"' not in page.content.decode()


def test_the_department_finds_the_draft_letter_then_the_issued_files_on_the_notice_page(
    caseworker_client: CheckingClient,
) -> None:
    notice, _ = _awaiting()
    page_url = reverse("staff:notice", kwargs={"pk": notice.pk})
    preview = reverse("staff:letter-preview", kwargs={"pk": notice.pk, "kind": "notice"})
    assert f'href="{preview}"' in caseworker_client.get(page_url).content.decode()
    issued = _issue(notice)
    html = caseworker_client.get(page_url).content.decode()
    assert f'href="{preview}"' not in html
    for kind, fmt in _letters(issued):
        href = reverse(
            "letters:issued", kwargs={"reference": issued.reference, "kind": kind, "fmt": fmt}
        )
        assert f'href="{href}"' in html
    _lapse(issued)
    outcome = reverse("staff:letter-preview", kwargs={"pk": notice.pk, "kind": "outcome"})
    assert f'href="{outcome}"' in caseworker_client.get(page_url).content.decode()


def test_the_api_lists_a_notices_issued_letters_with_their_digests() -> None:
    notice, _ = _awaiting()
    issued = _issue(notice)
    body = CheckingClient().get(f"/api/v1/notices/{issued.reference}").json()
    stored = _letters(issued)
    assert {(x["kind"], x["format"]) for x in body["letters"]} == set(stored)
    for entry in body["letters"]:
        letter = stored[(entry["kind"], entry["format"])]
        assert entry["sha256"] == letter.sha256
        assert entry["size"] == letter.size
        download = CheckingClient().get(entry["url"])
        assert hashlib.sha256(download.content).hexdigest() == letter.sha256
