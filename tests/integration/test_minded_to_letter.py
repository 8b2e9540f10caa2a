"""The minded-to letter (DESIGN.md section 1, step 4): generated from the intervention's record,
previewed while drafted, frozen as PDF and DOCX with their digests when an approver issues it,
and linked from the public intervention page. Drafts are never served."""

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
from bestvalue.interventions import services as intervention_services
from bestvalue.interventions.models import (
    ApprovalStatus,
    Finding,
    Inspection,
    Inspector,
    MindedTo,
)
from bestvalue.letters import services
from bestvalue.letters.minded_to_content import MINDED_TO_CONCLUDE, PROPOSED_POWERS
from bestvalue.letters.models import IssuedLetter
from bestvalue.letters.rendering import render_html
from bestvalue.letters.selectors import draft_step_letter
from bestvalue.records.errors import NotAllowed
from tests.clients import CheckingClient
from tests.factories import in_memory_storage, make_intervention, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    """These tests replay dates from the register's past; the margin of dates from today
    (rules.too_far_from_today) is tested in test_intervention_rules.py."""
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


POWERS = "Commissioners would exercise the Authority's functions relating to governance."
REASON = "The Authority cannot set a lawful budget without support this month."


@pytest.fixture(autouse=True)
def _letters_in_memory(settings: Any) -> None:
    in_memory_storage(settings)


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages
    )


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _stored(letter: IssuedLetter) -> bytes:
    with default_storage.open(letter.file.name, "rb") as handle:
        return bytes(handle.read())


def _stored_files(folder: str = "letters") -> list[str]:
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    nested = [x for d in folders for x in _stored_files(f"{folder}/{d}")]
    return [f"{folder}/{f}" for f in files] + nested


def _draft(**fields: Any) -> tuple[MindedTo, Any]:
    """A draft minded-to letter to Testshire, proposing commissioners under s.15(5) and (6),
    with two findings, after an inspection whose report was published."""
    caseworker = make_user(Role.CASEWORKER)
    intervention = make_intervention(
        trigger="The best value inspection found failures of governance and of financial "
        "management."
    )
    Inspection.objects.create(
        intervention=intervention,
        position=1,
        report_published_on=dt.date(2024, 4, 10),
        publication=ApprovalStatus.ISSUED,
    )
    values: dict[str, Any] = {
        "letter_on": dt.date(2024, 5, 13),
        "proposed_model": "commissioners",
        "proposed_legal_basis": ["s.15(5)", "s.15(6)"],
        "proposed_powers": POWERS,
        "representations_by": dt.date(2024, 5, 28),
        "addressee_name": "Jo Bloggs",
        "addressee_role": "Chief Executive",
        "signatory_name": "Sam Minister",
        "signatory_role": "Minister of State for Local Government",
    }
    values.update(fields)
    letter = intervention_services.draft_minded_to(
        by=caseworker, intervention=intervention, **values
    )
    intervention_services.record_findings(
        by=caseworker,
        record=letter,
        verdicts={"governance": False, "use_of_resources": False},
        summaries={"governance": "Decisions were taken without proper scrutiny."},
    )
    return letter, caseworker


def _awaiting(**fields: Any) -> tuple[MindedTo, Any]:
    letter, caseworker = _draft(**fields)
    submitted = intervention_services.submit_for_approval(letter, by=caseworker)
    assert isinstance(submitted, MindedTo)
    return submitted, caseworker


def _approve(letter: MindedTo, by: Any = None) -> MindedTo:
    issued = services.approve_and_issue_step(
        letter,
        by=by or make_user(Role.APPROVER),
        digest_read=intervention_services.approval_digest(letter),
        version=letter.version,
    )
    assert isinstance(issued, MindedTo)
    return issued


def _files(letter: MindedTo) -> dict[str, IssuedLetter]:
    return {x.format: x for x in IssuedLetter.objects.filter(minded_to=letter)}


def test_issuing_a_minded_to_letter_freezes_it_as_pdf_and_docx_with_their_digests() -> None:
    letter, _ = _awaiting()
    issued = _approve(letter)
    assert issued.status == ApprovalStatus.ISSUED
    files = _files(issued)
    assert set(files) == {"pdf", "docx"}
    assert sorted(_stored_files()) == sorted(f.file.name for f in files.values())
    for stored in files.values():
        data = _stored(stored)
        assert stored.kind == "minded-to"
        assert stored.notice_id is None
        assert stored.sha256 == hashlib.sha256(data).hexdigest()
        assert stored.size == len(data)
    events = AuditEvent.objects.filter(action="letter.issued")
    assert events.count() == 2
    text = _pdf_text(_stored(files["pdf"]))
    name = issued.intervention.authority.official_name
    for expected in (
        f"Proposed intervention under section 15 of the Local Government Act 1999: {name}",
        "13 May 2024",
        "Jo Bloggs Chief Executive",
        "Dear Jo Bloggs,",
        "section 3 of the Local Government Act 1999",
        # the guidance of 8 May 2024 is cited on a letter dated after it
        "Best value standards and intervention",
        "was published on 10 April 2024",
        "Governance: does not meet the Best Value Duty. Decisions were taken without proper "
        "scrutiny.",
        "Use of resources: does not meet the Best Value Duty.",
        "under section 15(5) of the Act to take any action",
        "compliance with the requirements of Part 1 of the Act.",
        "failing to comply with the requirements of Part 1 of the Act (section 15(1))",
        "under section 15(6) of the Act that specified functions",
        "through commissioners",
        POWERS,
        "(section 15(9) of the Act)",
        "make representations on these proposals by 28 May 2024",
        "Sam Minister Minister of State for Local Government",
    ):
        assert expected in text, expected
    assert "urgency" not in text
    assert "make representations on these proposals by 28 May 2024" in _docx_text(
        _stored(files["docx"])
    )


def test_a_letter_whose_window_is_foregone_says_why_and_sets_no_closing_date() -> None:
    letter, _ = _awaiting(
        representations_by=None, window_foregone=True, window_foregone_reason=REASON
    )
    text = _pdf_text(_stored(_files(_approve(letter))["pdf"]))
    assert "ought to be given as a matter of urgency" in text
    assert REASON in text
    assert "invited to make representations" not in text


def test_a_letter_dated_before_the_2024_guidance_does_not_cite_it() -> None:
    letter, _ = _awaiting(letter_on=dt.date(2023, 9, 1), representations_by=dt.date(2023, 9, 15))
    text = _pdf_text(_stored(_files(_approve(letter))["pdf"]))
    assert "1 September 2023" in text
    assert "Best value standards and intervention" not in text


def test_the_drafter_cannot_issue_it_and_nothing_is_stored() -> None:
    letter, caseworker = _awaiting()
    # Four eyes, in the one set of words (accounts.permissions); a caseworker is no approver.
    with pytest.raises(NotAllowed, match="Only a department approver can approve this"):
        _approve(letter, by=caseworker)
    letter.refresh_from_db()
    assert letter.status == ApprovalStatus.AWAITING_APPROVAL
    assert not IssuedLetter.objects.exists()


def test_if_the_letter_cannot_be_generated_nothing_is_issued(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    letter, _ = _awaiting()
    events_before = AuditEvent.objects.count()

    def broken(content: Any) -> bytes:
        raise OSError("no fonts")

    monkeypatch.setitem(services.RENDERERS, services.LetterFormat.DOCX, broken)
    with pytest.raises(services.LetterGenerationFailed):
        _approve(letter)
    letter.refresh_from_db()
    assert letter.status == ApprovalStatus.AWAITING_APPROVAL
    assert letter.approved_by is None
    assert not IssuedLetter.objects.exists()
    assert AuditEvent.objects.count() == events_before
    assert _stored_files() == []  # the PDF written before the DOCX failed is removed again


# --- Pages --------------------------------------------------------------------------------------


def _intervention_url(letter: MindedTo, name: str = "staff:intervention") -> str:
    return reverse(name, kwargs={"reference": letter.intervention.reference})


def test_the_department_previews_the_draft_letter_and_downloads_it_marked_as_a_draft(
    caseworker_client: CheckingClient,
) -> None:
    letter, _ = _draft()
    page = caseworker_client.get(_intervention_url(letter)).content.decode()
    preview = reverse(
        "staff:minded-to-letter-preview",
        kwargs={"reference": letter.intervention.reference, "pk": letter.pk},
    )
    assert f'href="{preview}"' in page
    html = caseworker_client.get(preview).content.decode()
    assert "Draft letter: Minded-to letter: proposed intervention" in html
    assert "Draft: not issued" in html
    assert "28 May 2024" in html
    kwargs = {"reference": letter.intervention.reference, "pk": letter.pk}
    pdf = caseworker_client.get(
        reverse("staff:minded-to-letter-download", kwargs={**kwargs, "fmt": "pdf"})
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "private, no-store"
    assert "DRAFT" in _pdf_text(pdf.content)
    docx = caseworker_client.get(
        reverse("staff:minded-to-letter-download", kwargs={**kwargs, "fmt": "docx"})
    )
    assert "DRAFT: NOT ISSUED" in _docx_text(docx.content)
    assert not IssuedLetter.objects.exists()


def test_there_is_no_draft_letter_once_issued_or_under_another_intervention(
    caseworker_client: CheckingClient,
) -> None:
    letter, _ = _awaiting()
    other = make_intervention()
    wrong = reverse(
        "staff:minded-to-letter-preview", kwargs={"reference": other.reference, "pk": letter.pk}
    )
    assert caseworker_client.get(wrong).status_code == 404
    bad_format = reverse(
        "staff:minded-to-letter-download",
        kwargs={"reference": letter.intervention.reference, "pk": letter.pk, "fmt": "txt"},
    )
    assert caseworker_client.get(bad_format).status_code == 404
    issued = _approve(letter)
    preview = reverse(
        "staff:minded-to-letter-preview",
        kwargs={"reference": issued.intervention.reference, "pk": issued.pk},
    )
    assert caseworker_client.get(preview).status_code == 404


def test_approving_through_the_page_issues_the_letter_and_the_public_downloads_it() -> None:
    letter, _ = _awaiting()
    approver = CheckingClient()
    approver.force_login(make_user(Role.APPROVER))
    url = reverse(
        "staff:intervention-stage-approve",
        kwargs={"reference": letter.intervention.reference, "stage": "minded-to", "pk": letter.pk},
    )
    response = approver.post(url, {"digest": intervention_services.approval_digest(letter)})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.status == ApprovalStatus.ISSUED
    files = _files(letter)
    assert set(files) == {"pdf", "docx"}

    public = CheckingClient()
    page = public.get(_intervention_url(letter, "register:intervention")).content.decode()
    for fmt, stored in files.items():
        href = reverse(
            "letters:issued-step",
            kwargs={
                "kind": "minded-to",
                "reference": letter.intervention.reference,
                "position": letter.position,
                "fmt": fmt,
            },
        )
        assert f'href="{href}"' in page
        assert stored.sha256 in page
        download = public.get(href)
        assert download.status_code == 200
        assert download.content == _stored(stored)
        assert download["ETag"] == f'"{stored.sha256}"'
        assert download["Content-Disposition"].endswith(
            f'{letter.intervention.reference}-minded-to-{letter.position}.{fmt}"'
        )


def test_the_approval_page_says_when_the_letter_could_not_be_generated(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    letter, _ = _awaiting()
    approver = CheckingClient()
    approver.force_login(make_user(Role.APPROVER))

    def broken(content: Any) -> bytes:
        raise OSError("no fonts")

    monkeypatch.setitem(services.RENDERERS, services.LetterFormat.PDF, broken)
    url = reverse(
        "staff:intervention-stage-approve",
        kwargs={"reference": letter.intervention.reference, "stage": "minded-to", "pk": letter.pk},
    )
    response = approver.post(url, {"digest": intervention_services.approval_digest(letter)})
    assert response.status_code == 503
    assert "The letter could not be generated, so nothing has been issued" in (
        response.content.decode()
    )
    letter.refresh_from_db()
    assert letter.status == ApprovalStatus.AWAITING_APPROVAL


def test_a_draft_or_awaiting_letter_is_never_served_publicly() -> None:
    draft, _ = _draft()
    awaiting, _ = _awaiting()
    client = CheckingClient()
    for letter in (draft, awaiting):
        for fmt in ("pdf", "docx"):
            url = reverse(
                "letters:issued-step",
                kwargs={
                    "kind": "minded-to",
                    "reference": letter.intervention.reference,
                    "position": letter.position,
                    "fmt": fmt,
                },
            )
            assert client.get(url).status_code == 404


def test_a_stored_letter_of_a_record_no_longer_issued_is_not_served() -> None:
    letter, _ = _awaiting()
    issued = _approve(letter)
    # Only a direct database edit could do this; the publication rule still holds.
    MindedTo.objects.filter(pk=issued.pk).update(status=ApprovalStatus.DRAFT)
    url = reverse(
        "letters:issued-step",
        kwargs={
            "kind": "minded-to",
            "reference": issued.intervention.reference,
            "position": issued.position,
            "fmt": "pdf",
        },
    )
    assert CheckingClient().get(url).status_code == 404


def test_the_letter_fields_are_offered_on_the_drafting_form(
    caseworker_client: CheckingClient,
) -> None:
    intervention = make_intervention()
    url = reverse("staff:intervention-minded-to-new", kwargs={"reference": intervention.reference})
    response = caseworker_client.post(
        url,
        {
            "letter_on-day": "13",
            "letter_on-month": "5",
            "letter_on-year": "2024",
            "window": "invited",
            "representations_by-day": "28",
            "representations_by-month": "5",
            "representations_by-year": "2024",
            "addressee_name": "Jo Bloggs",
            "addressee_role": "Chief Executive",
            "signatory_name": "Sam Minister",
            "signatory_role": "Minister of State",
        },
    )
    assert response.status_code == 302
    letter = MindedTo.objects.get(intervention=intervention)
    assert (letter.addressee_name, letter.signatory_role) == ("Jo Bloggs", "Minister of State")


def test_the_letter_invites_only_what_the_act_provides() -> None:
    letter, _ = _awaiting()
    text = _pdf_text(_stored(_files(_approve(letter))["pdf"]))
    assert "Others with an interest" not in text
    assert "in what form." in text


# --- The inspection in the reasons (issue 17, point 4) -------------------------------------------


def _with_inspection(*, published: bool = True) -> MindedTo:
    """A draft minded-to letter with no findings of its own, after an inspection by two named
    inspectors with findings on two themes."""
    from bestvalue.guidance.models import Theme

    letter, _ = _draft()
    Finding.objects.filter(minded_to=letter).delete()
    state = ApprovalStatus.ISSUED if published else ApprovalStatus.DRAFT
    inspection = Inspection.objects.get(intervention=letter.intervention)
    Inspection.objects.filter(pk=inspection.pk).update(
        started_on=dt.date(2024, 1, 8), report_submitted_on=dt.date(2024, 3, 28), publication=state
    )
    for n, (name, role) in enumerate((("Jo Inspector", "lead"), ("Sam Helper", "assistant")), 1):
        Inspector.objects.create(
            inspection=inspection, position=n, name=name, role=role, publication=state
        )
    for key, summary in (("governance", "Scrutiny was weak."), ("culture", "")):
        Finding.objects.create(
            inspection=inspection,
            theme=Theme.objects.get(key=key),
            meets_duty=False,
            summary=summary,
            publication=state,
        )
    return letter


def test_the_minded_to_reasons_name_the_inspection_who_when_and_its_findings_per_theme() -> None:
    letter = _with_inspection()
    found = draft_step_letter(letter.intervention.reference, "minded-to", letter.pk)
    assert found is not None
    reasons = found[1].sections[0]
    text = " ".join(reasons.paragraphs)
    assert (
        "appointed Jo Inspector (lead inspector) and Sam Helper (assistant inspector) under "
        "section 10 of the Act to carry out a best value inspection of the Authority, beginning "
        "on 8 January 2024" in text
    )
    assert (
        "submitted to the Secretary of State on 28 March 2024 and published on 10 April 2024"
        in text
    )
    assert "the inspection found:" in text
    items = [x.text for x in reasons.items]
    assert "Governance: does not meet the Best Value Duty. Scrutiny was weak." in items
    assert any(x.startswith("Culture: does not meet") for x in items)
    assert "Jo Inspector" in render_html(found[1])


def test_the_minded_to_letter_says_nothing_of_an_inspection_not_yet_approved_for_publication() -> (
    None
):
    letter = _with_inspection(published=False)
    found = draft_step_letter(letter.intervention.reference, "minded-to", letter.pk)
    assert found is not None
    html = render_html(found[1])
    assert "Jo Inspector" not in html
    assert "Scrutiny was weak." not in html
    assert "section 10 of the Act to carry out" not in html


def test_the_letter_cites_section_15_in_the_words_of_the_act() -> None:
    """Section 15(1)'s test and 15(5)'s direction are about "the requirements of this Part" (Part
    1 of the Local Government Act 1999), of which the Best Value Duty is one."""
    assert "failing to comply with the requirements of Part 1 of the Act (section 15(1))" in (
        MINDED_TO_CONCLUDE
    )
    assert PROPOSED_POWERS["s.15(5)"].endswith(
        "secure its compliance with the requirements of Part 1 of the Act"
    )
