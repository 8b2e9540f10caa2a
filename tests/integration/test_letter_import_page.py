"""The letter import page: upload a letter or statement, check the proposal with its passages and
confidence, correct it, and create a draft notice. Bad files are refused with a clear error and
nothing is created; nothing is ever issued or published."""

from __future__ import annotations

import html
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.authorities.kinds import AuthorityKind
from bestvalue.letters import uploads
from bestvalue.letters.content import notice_letter
from bestvalue.letters.rendering import render_docx, render_pdf
from bestvalue.letters.selectors import notice_for_letter
from bestvalue.notices import services as notice_services
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import Status
from bestvalue.notices.services import ItemInput
from tests.clients import CheckingClient
from tests.factories import make_authority, make_draft_notice, make_user

pytestmark = pytest.mark.django_db

TEXTS = Path(__file__).resolve().parent.parent / "data" / "texts"
STATEMENT = (TEXTS / "cpca-2024-01-30-statement.txt").read_bytes()
IMPORT = "/staff/letters/import/"
CREATE = "/staff/letters/import/create/"


@pytest.fixture
def cpca(db: None) -> Any:
    return make_authority(
        gss_code="E47000008",
        official_name="Cambridgeshire and Peterborough Combined Authority",
        short_name="Cambridgeshire and Peterborough",
        kind=AuthorityKind.COMBINED_AUTHORITY,
        region="East of England",
    )


def _upload(client: CheckingClient, data: bytes, name: str = "letter.txt", **fields: str) -> Any:
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, data), **fields})


def _form_values(page: str) -> dict[str, Any]:
    """The confirm form's fields as the page fills them in, as a browser would submit them."""
    form = page[page.index('action="/staff/letters/import/create/"') :]
    values: dict[str, Any] = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', form):
        if name != "csrfmiddlewaretoken":
            values.setdefault(name, html.unescape(value))
    for name in ("event", "department"):
        checked = re.search(rf'name="{name}"[^>]*value="([^"]*)"[^>]*checked', form)
        values[name] = checked.group(1) if checked else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form, re.S):
        values[name] = html.unescape(text).strip("\n")
    selected = re.search(r'<option value="(\d+)" selected', form)
    values["authority"] = selected.group(1) if selected else ""
    return values


def test_a_caseworker_imports_a_real_statement_and_creates_a_draft_notice(
    caseworker_client: CheckingClient, cpca: Any
) -> None:
    assert caseworker_client.get(IMPORT).status_code == 200
    page = _upload(
        caseworker_client,
        STATEMENT,
        "statement.txt",
        **{"published_on-day": "30", "published_on-month": "1", "published_on-year": "2024"},
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Check what the letter says" in text
    assert "Nothing has been recorded" in text
    assert "Cambridgeshire and Peterborough Combined Authority (E47000008)" in text
    assert "High confidence (0.95)" in text
    assert "Revised notice issued on 30 January 2024, for 6 months" in text
    assert "From the text: “Today (30th January 2024)" in text
    assert not Notice.objects.exists()

    values = _form_values(text)
    assert values["authority"] == str(cpca.pk)
    assert values["event"] == "1"
    assert values["department"] == "DLUHC"
    assert values["period_months"] == "6"
    assert len(values["expectations"].splitlines()) == 5
    # The person corrects the proposal: the acknowledgements are the authority's words, not
    # the department's, so they are dropped; the addressee is added by hand.
    values.update(
        acknowledgements="", addressee_name="Rob Bridge", addressee_role="Chief Executive"
    )
    response = caseworker_client.post(CREATE, values)
    assert response.status_code == 302, response.content.decode()[:3000]

    notice = Notice.objects.get()
    assert response["Location"] == reverse("staff:notice", kwargs={"pk": notice.pk})
    assert notice.status == Status.DRAFT
    assert notice.reference is None
    assert notice.issued_on is None
    assert notice.authority == cpca
    assert notice.department == "DLUHC"
    assert notice.period_months == 6
    assert notice.addressee_name == "Rob Bridge"
    expectations = [e.text for e in notice.expectations.all()]
    assert len(expectations) == 5
    assert expectations[0].startswith("Continue with the independent")
    assert not notice.acknowledgements.exists()
    event = AuditEvent.objects.get(action="letter.imported")
    assert event.after["document"]["file"] == "statement.txt"
    assert event.after["event"]["kind"] == "reissued"
    assert len(event.after["document"]["sha256"]) == 64


def test_a_letter_generated_by_the_service_reads_back_as_pdf_and_docx(
    caseworker_client: CheckingClient,
) -> None:
    notice = make_draft_notice(
        expectations=["Work with the improvement board.", "Deliver the improvement plan."]
    )
    for text in ("Permanent senior appointments.", "The investigation has concluded."):
        notice = notice_services.save_item(
            notice,
            by=notice.drafted_by,
            version=notice.version,
            kind="acknowledgements",
            item=ItemInput(text),
        )
    letter = notice_letter(notice_for_letter(notice.pk))
    for name, data in (("letter.pdf", render_pdf(letter)), ("letter.docx", render_docx(letter))):
        page = _upload(caseworker_client, data, name)
        assert page.status_code == 200, name
        values = _form_values(page.content.decode())
        assert values["expectations"].splitlines() == [
            "Work with the improvement board.",
            "Deliver the improvement plan.",
        ], name
        # the listed items, not the sentence that introduces them
        assert values["acknowledgements"].splitlines() == [
            "Permanent senior appointments.",
            "The investigation has concluded.",
        ], name


def test_an_approver_may_read_a_proposal_but_not_create_the_draft(
    approver_client: CheckingClient, cpca: Any
) -> None:
    page = _upload(approver_client, STATEMENT)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Only caseworkers can create a draft notice" in text
    assert "Create draft notice" not in text
    assert approver_client.post(CREATE, {"proposal": "x"}).status_code == 403
    assert not Notice.objects.exists()


def _pdf(encrypt: str | None = None) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if encrypt:
        writer.encrypt(encrypt, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


BAD_FILES = {
    "empty": (b"", "letter.txt", "The file is empty"),
    "blank": (b" \n\n ", "letter.txt", "The file is empty"),
    "binary": (bytes(range(256)) * 8, "letter.txt", "it holds binary data"),
    "image": (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.png", "The file is an image"),
    "corrupt PDF": (b"%PDF-1.7\n" + b"\x00garbage" * 50, "letter.pdf", "The PDF is damaged"),
    "encrypted PDF": (_pdf("secret"), "letter.pdf", "The PDF is encrypted"),
    "PDF without text": (_pdf(), "scan.pdf", "The PDF has no text in it"),
    "fake DOCX": (_zip({"hello.txt": b"hi"}), "letter.docx", "not a Word document"),
    "old Word": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64,
        "letter.doc",
        "old-style Word",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_clear_error_and_nothing_is_created(
    caseworker_client: CheckingClient, case: str
) -> None:
    data, name, message = BAD_FILES[case]
    events = AuditEvent.objects.count()
    response = _upload(caseworker_client, data, name)
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text
    assert message in html.unescape(text), text[:3000]
    assert 'href="#id_file"' in text  # the error summary links to the file field
    assert not Notice.objects.exists()
    assert AuditEvent.objects.count() == events


def test_an_oversized_file_is_refused_before_it_is_read(
    caseworker_client: CheckingClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", 1000)
    response = _upload(caseworker_client, STATEMENT)
    assert response.status_code == 400
    assert "The file is larger than 1,000 bytes, the largest that can be imported" in (
        response.content.decode()
    )
    assert not Notice.objects.exists()


def test_an_upload_is_held_in_memory_never_in_a_temporary_file(
    caseworker_client: CheckingClient, cpca: Any, monkeypatch: pytest.MonkeyPatch, settings: Any
) -> None:
    def no_temporary_files(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("an upload was written to a temporary file")

    monkeypatch.setattr(
        "django.core.files.uploadedfile.TemporaryUploadedFile.__init__", no_temporary_files
    )
    # Django's own handlers would write anything over this size to a temporary file.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1000
    assert len(STATEMENT) > 1000
    assert _upload(caseworker_client, STATEMENT).status_code == 200


def test_a_letter_with_too_much_text_is_refused(
    caseworker_client: CheckingClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "MAX_TEXT_CHARS", 1000)
    response = _upload(caseworker_client, STATEMENT)
    assert response.status_code == 400
    assert "The letter is too long to import" in response.content.decode()


def test_a_missing_file_and_a_bad_address_are_named(caseworker_client: CheckingClient) -> None:
    response = caseworker_client.post(IMPORT, {"source_url": "not a web address"})
    assert response.status_code == 400
    text = html.unescape(response.content.decode())
    assert "Choose the file that holds the letter" in text
    assert "Enter a web address in the correct format" in text


def test_the_upload_is_protected_from_cross_site_requests(cpca: Any) -> None:
    client = CheckingClient(enforce_csrf_checks=True)
    client.force_login(make_user(Role.CASEWORKER))
    assert _upload(client, STATEMENT).status_code == 403


def test_a_changed_or_expired_proposal_is_refused(
    caseworker_client: CheckingClient, cpca: Any
) -> None:
    values = _form_values(_upload(caseworker_client, STATEMENT).content.decode())
    values["proposal"] = values["proposal"][:-3] + "abc"
    response = caseworker_client.post(CREATE, values)
    assert response.status_code == 400
    assert "Upload the letter again" in response.content.decode()
    assert not Notice.objects.exists()


def test_a_corrected_proposal_with_errors_is_shown_again_with_its_passages(
    caseworker_client: CheckingClient, cpca: Any
) -> None:
    values = _form_values(_upload(caseworker_client, STATEMENT).content.decode())
    values.update(authority="", expectations="  \n ", period_months="0")
    response = caseworker_client.post(CREATE, values)
    assert response.status_code == 400
    text = response.content.decode()
    for message in (
        "Choose the authority the letter is to",
        "Enter at least one expectation, one a line",
        "The period must be between 1 and 36 months",
    ):
        assert message in text
    assert "From the text:" in text
    assert "High confidence" in text
    assert not Notice.objects.exists()


def test_the_page_says_an_unnamed_authority_is_not_guessed_and_why_a_reading_is_weaker(
    caseworker_client: CheckingClient,
) -> None:
    page = _upload(
        caseworker_client,
        b"Best Value Notice\n\nThe Best Value Notice issued in December 2023 has been lifted.\n",
        "statement.txt",
        **{"published_on-day": "19", "published_on-month": "12", "published_on-year": "2024"},
    )
    assert page.status_code == 200
    text = html.unescape(page.content.decode())
    assert "never names its authority, and the service does not guess. Choose it below" in text
    assert (
        "Less sure because: no date is given for the outcome: dated by the statement itself" in text
    )
    assert not Notice.objects.exists()
