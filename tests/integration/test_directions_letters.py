"""The letter accompanying statutory directions, with the directions as a schedule, and the exit
letter when they end (issue 17, point 4): generated from the record, previewed as drafts, frozen
as PDF and DOCX with their digests when an approver issues the step, and public only then."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from bestvalue.accounts.roles import Role
from bestvalue.interventions import services as intervention_services
from bestvalue.interventions.models import ApprovalStatus, Directions
from bestvalue.letters import services
from bestvalue.letters.models import IssuedLetter
from tests.clients import CheckingClient
from tests.factories import in_memory_storage, make_directions, make_intervention, make_user

pytestmark = pytest.mark.django_db

FUNCTIONS = (
    "All functions associated with the governance and scrutiny of strategic decision making."
)
URGENT = "The Authority cannot set a lawful budget without support this month."


@pytest.fixture(autouse=True)
def _setting(settings: Any) -> None:
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365
    in_memory_storage(settings)


def _pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _stored(letter: IssuedLetter) -> bytes:
    with default_storage.open(letter.file.name, "rb") as handle:
        return bytes(handle.read())


def _awaiting(**fields: Any) -> Directions:
    caseworker = make_user(Role.CASEWORKER)
    values: dict[str, Any] = {
        "intervention": fields.pop("intervention", None) or make_intervention(),
        "made_on": dt.date(2024, 6, 1),
        "ends_on": dt.date(2026, 5, 31),
        "legal_basis": ["s.15(5)", "s.15(6)"],
        "model": "commissioners",
        "functions": FUNCTIONS,
        "first_report_after_months": 3,
        "report_every_months": 6,
        **fields,
    }
    directions = intervention_services.draft_directions(by=caseworker, **values)
    if directions.kind == "directions":
        intervention_services.add_appointee(
            by=caseworker,
            directions=directions,
            name="Jo Lead",
            role="lead_commissioner",
            fee_per_day=Decimal("1100"),
            days_per_year=150,
        )
    submitted = intervention_services.submit_for_approval(directions, by=caseworker)
    assert isinstance(submitted, Directions)
    return submitted


def _issue(record: Directions) -> Directions:
    issued = services.approve_and_issue_step(
        record,
        by=make_user(Role.APPROVER),
        digest_read=intervention_services.approval_digest(record),
        version=record.version,
    )
    assert isinstance(issued, Directions)
    return issued


def _files(record: Directions) -> dict[str, IssuedLetter]:
    return {x.format: x for x in IssuedLetter.objects.filter(directions=record)}


def _public(record: Directions, kind: str, fmt: str = "pdf") -> Any:
    url = reverse(
        "letters:issued-step",
        kwargs={
            "reference": record.intervention.reference,
            "kind": kind,
            "position": record.position,
            "fmt": fmt,
        },
    )
    return CheckingClient().get(url)


def test_issuing_directions_freezes_the_directions_letter_with_its_schedule() -> None:
    issued = _issue(_awaiting())
    assert issued.status == ApprovalStatus.ISSUED
    files = _files(issued)
    assert set(files) == {"pdf", "docx"}
    for letter in files.values():
        assert letter.kind == "directions"
        assert letter.sha256 == hashlib.sha256(_stored(letter)).hexdigest()
    text = _pdf_text(_stored(files["pdf"]))
    name = issued.intervention.authority.official_name
    for expected in (
        f"Directions under section 15 of the Local Government Act 1999: {name}",
        "1 June 2024",
        "failing to comply with the requirements of Part 1 of the Local Government Act 1999",
        "Schedule 1: the powers used",
        "Section 15(5): the Authority is directed to take the actions",
        "Section 15(6): specified functions of the Authority are to be exercised by the "
        "Secretary of State or by persons nominated by the Secretary of State",
        "through commissioners",
        "Schedule 2: functions",
        " ".join(FUNCTIONS.split()),
        "Schedule 3: appointees",
        "Lead commissioner: Jo Lead",
        "£1,100 a day, up to 150 days a year",
        "a first report within 3 months of the date of the directions, then a report every 6 "
        "months",
        "remain in force until 31 May 2026",
    ):
        assert expected in text, expected
    assert "Lead commissioner: Jo Lead" in _docx_text(_stored(files["docx"]))


def test_a_directions_letter_given_as_urgent_says_why_no_representations_were_invited() -> None:
    issued = _issue(_awaiting(representations_foregone_reason=URGENT))
    text = _pdf_text(_stored(_files(issued)["pdf"]))
    assert "matter of urgency" in text
    assert URGENT in text


def test_the_directions_letter_is_previewed_as_a_draft_and_public_only_once_issued(
    caseworker_client: CheckingClient,
) -> None:
    record = _awaiting()
    kwargs = {"reference": record.intervention.reference, "pk": record.pk}
    preview = reverse("staff:directions-letter-preview", kwargs=kwargs)
    page = caseworker_client.get(preview)
    assert page.status_code == 200
    assert "Draft: not issued" in page.content.decode()
    assert "Schedule 3: appointees" in page.content.decode()
    staff_page = caseworker_client.get(
        reverse("staff:intervention", kwargs={"reference": record.intervention.reference})
    )
    assert f'href="{preview}"' in staff_page.content.decode()
    pdf = caseworker_client.get(
        reverse("staff:directions-letter-download", kwargs={**kwargs, "fmt": "pdf"})
    )
    assert "DRAFT" in _pdf_text(pdf.content)
    assert _public(record, "directions").status_code == 404
    assert not IssuedLetter.objects.exists()
    issued = _issue(record)
    assert caseworker_client.get(preview).status_code == 404
    download = _public(issued, "directions")
    assert download.status_code == 200
    assert download.content == _stored(_files(issued)["pdf"])
    assert _public(issued, "exit").status_code == 404


def test_the_directions_letter_is_linked_on_the_public_intervention_page() -> None:
    from tests.factories import publish_intervention

    issued = _issue(_awaiting())
    publish_intervention(issued.intervention)
    html = (
        CheckingClient()
        .get(reverse("register:intervention", kwargs={"reference": issued.intervention.reference}))
        .content.decode()
    )
    for fmt, letter in _files(issued).items():
        href = reverse(
            "letters:issued-step",
            kwargs={
                "reference": issued.intervention.reference,
                "kind": "directions",
                "position": issued.position,
                "fmt": fmt,
            },
        )
        assert f'href="{href}"' in html
        assert letter.sha256 in html
    assert "Directions letter, PDF" in html


def test_the_exit_letter_says_which_directions_ended_and_what_returns() -> None:
    directions = make_directions(made_on=dt.date(2022, 1, 10), ends_on=dt.date(2024, 6, 30))
    record = _awaiting(
        intervention=directions.intervention,
        kind="exit",
        made_on=dt.date(2024, 6, 30),
        ends_on=None,
        legal_basis=None,
        model="",
        amends=directions,
        functions="Governance and scrutiny.",
        board_afterwards="A non-statutory improvement board chaired by Sam Chair.",
        first_report_after_months=None,
        report_every_months=None,
    )
    issued = _issue(record)
    files = _files(issued)
    assert {x.kind for x in files.values()} == {"exit"}
    text = _pdf_text(_stored(files["pdf"]))
    assert "End of the statutory intervention" in text
    assert "the directions made on 10 January 2022 under section 15" in text
    assert "ended on 30 June 2024" in text
    assert "Governance and scrutiny." in text
    assert "A non-statutory improvement board chaired by Sam Chair." in text
    assert _public(issued, "exit").status_code == 200


def test_an_extension_of_directions_issues_no_directions_letter_or_exit_letter() -> None:
    directions = make_directions()
    record = _awaiting(
        intervention=directions.intervention,
        kind="extension",
        made_on=dt.date(2025, 11, 1),
        ends_on=dt.date(2026, 12, 31),
        legal_basis=None,
        amends=directions,
    )
    issued = _issue(record)
    assert issued.status == ApprovalStatus.ISSUED
    assert not IssuedLetter.objects.exists()


def test_if_the_directions_letter_cannot_be_generated_the_directions_are_not_issued(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    record = _awaiting()

    def broken(letter: Any) -> bytes:
        raise RuntimeError("renderer down")

    monkeypatch.setitem(services.RENDERERS, services.LetterFormat.DOCX, broken)
    with pytest.raises(services.LetterGenerationFailed):
        _issue(record)
    record.refresh_from_db()
    assert record.status == ApprovalStatus.AWAITING_APPROVAL
    assert not IssuedLetter.objects.exists()
