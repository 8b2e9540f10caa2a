"""Plain hand-written factories: the smallest valid record, with keyword overrides."""

from __future__ import annotations

import itertools
from typing import Any

from bestvalue.accounts.models import User
from bestvalue.accounts.roles import Role
from bestvalue.authorities.kinds import AuthorityKind
from bestvalue.authorities.models import Authority
from bestvalue.improvement.models import BoardKind, ImprovementBoard

_numbers = itertools.count(1)
PASSWORD = "correct horse battery staple"


def make_authority(**overrides: Any) -> Authority:
    n = next(_numbers)
    values: dict[str, Any] = {
        "gss_code": f"E06{n:06d}",
        "official_name": f"Testshire Council {n}",
        "short_name": f"Testshire {n}",
        "kind": AuthorityKind.UNITARY,
        "region": "South West",
        "is_current": True,
    }
    values.update(overrides)
    return Authority.objects.create(**values)


def make_board(**overrides: Any) -> ImprovementBoard:
    values: dict[str, Any] = {"name": "Improvement Board", "kind": BoardKind.NON_STATUTORY}
    values.update(overrides)
    if "authority" not in values:
        values["authority"] = make_authority()
    return ImprovementBoard.objects.create(**values)


# The authenticator-app key of every test user enrolled in two-factor sign-in (hex, as django-otp
# stores it), so a test can make the code their app would show (totp_code).
TOTP_KEY = "3132333435363738393031323334353637383930"


def enrol_two_factor(user: User) -> Any:
    """A confirmed authenticator-app device for the user, with the known test key."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", key=TOTP_KEY, confirmed=True
        )
    return device


def totp_code(device: Any) -> str:
    """A code the device accepts now and has not accepted before (a used time step is refused,
    so a second sign-in within 30 seconds takes the next step, within the device's tolerance)."""
    import time

    from django_otp.oath import TOTP

    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    now_t = totp.t()
    t = max(now_t, device.last_t + 1)
    totp.time = device.t0 + t * device.step
    return str(totp.token()).zfill(device.digits)


def make_user(
    role: str = Role.CASEWORKER, two_factor: bool | None = None, **overrides: Any
) -> User:
    """A user with the role. Approvers and administrators (who must use two-factor sign-in) are
    enrolled with TOTP_KEY unless two_factor=False; others only when two_factor=True."""
    n = next(_numbers)
    values: dict[str, Any] = {"username": f"{role}-{n}", "role": role}
    if role == Role.AUTHORITY_OFFICER and "authority" not in overrides:
        values["authority"] = make_authority()
    if role == Role.BOARD_MEMBER and "board" not in overrides:
        values["board"] = make_board()
    values.update(overrides)
    user = User(**values)
    user.set_password(PASSWORD)
    user.save()
    if two_factor or (two_factor is None and role in (Role.APPROVER, Role.ADMINISTRATOR)):
        enrol_two_factor(user)
    return user


def make_issued_notice(**overrides: Any) -> Any:
    """A notice drafted by one caseworker and approved by an approver: in force from 1 Jan 2024."""
    import datetime as dt

    from bestvalue.notices import services

    caseworker = overrides.pop("caseworker", None) or make_user(Role.CASEWORKER)
    approver = overrides.pop("approver", None) or make_user(Role.APPROVER)
    issued_on = overrides.pop("issued_on", dt.date(2024, 1, 1))
    authority = overrides.pop("authority", None) or make_authority()
    notice = make_draft_notice(caseworker=caseworker, authority=authority, **overrides)
    notice = services.submit_for_approval(notice, by=caseworker)
    return services.approve_and_issue(notice, by=approver, issued_on=issued_on)


def make_draft_notice(**overrides: Any) -> Any:
    from bestvalue.notices import services
    from bestvalue.notices.services import ItemInput

    caseworker = overrides.pop("caseworker", None) or make_user(Role.CASEWORKER)
    authority = overrides.pop("authority", None) or make_authority()
    expectations = overrides.pop("expectations", ["Work with the independent improvement board."])
    notice = services.create_draft(
        by=caseworker,
        authority=authority,
        period_months=overrides.pop("period_months", 12),
        addressee_name="A. Chief",
        addressee_role="Chief Executive",
        **overrides,
    )
    notice = services.save_item(
        notice,
        by=caseworker,
        version=notice.version,
        kind="grounds",
        item=ItemInput("Concerns about governance.", ["governance"]),
    )
    for text in expectations:
        notice = services.save_item(
            notice,
            by=caseworker,
            version=notice.version,
            kind="expectations",
            item=ItemInput(text, ["continuous_improvement"]),
        )
    return notice


# --- Interventions (bestvalue.interventions) ------------------------------------------------


def make_intervention(**overrides: Any) -> Any:
    """An active, published intervention in a new authority, created directly (no audit event),
    as the register loader leaves one."""
    from bestvalue.interventions.models import Intervention

    n = next(_numbers)
    values: dict[str, Any] = {
        "reference": f"testshire-{n}",
        "trigger": "Section 114 notice.",
        "publication": "issued",
    }
    values.update(overrides)
    if "authority" not in values:
        values["authority"] = make_authority()
    return Intervention.objects.create(**values)


def make_directions(**overrides: Any) -> Any:
    """Issued directions made on 1 Jan 2024, ending 31 Dec 2025, in a new intervention."""
    import datetime as dt

    from bestvalue.interventions.models import ApprovalStatus, Directions, DirectionsKind

    values: dict[str, Any] = {
        "kind": DirectionsKind.DIRECTIONS,
        "status": ApprovalStatus.ISSUED,
        "made_on": dt.date(2024, 1, 1),
        "ends_on": dt.date(2025, 12, 31),
        "model": "commissioners",
    }
    values.update(overrides)
    if "intervention" not in values:
        values["intervention"] = make_intervention()
    if "position" not in values:
        values["position"] = values["intervention"].directions.count() + 1
    return Directions.objects.create(**values)


def register_interventions() -> list[dict[str, Any]]:
    """The `interventions:` records of the register shipped with the service, as parsed."""
    from pathlib import Path

    import yaml

    path = Path(__file__).resolve().parent.parent / "bestvalue/notices/data/register.yaml"
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["interventions"]


def make_register_authorities(records: list[dict[str, Any]]) -> None:
    """Just the authorities the register's interventions name (faster than loading all 383)."""
    for record in records:
        if not Authority.objects.filter(gss_code=record["authority_gss"]).exists():
            make_authority(
                gss_code=record["authority_gss"],
                official_name=record["authority_name"],
                short_name=record["authority_name"],
                is_current=record.get("authority_current", True),
            )


# --- Improvement and assurance (bestvalue.improvement) -------------------------------------


def make_pdf(pages: int = 1, *, password: str | None = None) -> bytes:
    """A small, valid PDF (blank pages), encrypted when a password is given."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password is not None:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_officer(authority: Any, **overrides: Any) -> User:
    return make_user(Role.AUTHORITY_OFFICER, authority=authority, **overrides)


def make_action(authority: Any, **overrides: Any) -> Any:
    """An action of the authority's plan answering the first expectation of its latest notice,
    added through the service by an officer of the authority."""
    import datetime as dt

    from bestvalue.improvement.selectors import current_notice
    from bestvalue.improvement.services import plan

    by = overrides.pop("by", None) or make_officer(authority)
    notice = current_notice(authority.pk)
    assert notice is not None, "give the authority a published notice first"
    values: dict[str, Any] = {
        "title": "Appoint a permanent chief executive",
        "owner": "Head of Paid Service",
        "due_on": dt.date(2024, 6, 30),
        "expectation_ids": [notice.expectations.all()[0].pk],
        "theme_keys": ["leadership"],
    }
    values.update(overrides)
    return plan.add_action(authority, by=by, **values)


def make_measure(authority: Any, **overrides: Any) -> Any:
    """Staff survey engagement, higher is better: 50% on 1 Jan 2024 to 70% by 31 Dec 2024."""
    import datetime as dt
    from decimal import Decimal

    from bestvalue.improvement.selectors import current_notice
    from bestvalue.improvement.services import measures

    by = overrides.pop("by", None) or make_officer(authority)
    notice = current_notice(authority.pk)
    assert notice is not None, "give the authority a published notice first"
    values: dict[str, Any] = {
        "name": "Staff survey engagement",
        "definition": "Share of staff answering positively to the engagement questions.",
        "unit": "%",
        "direction": "higher",
        "baseline_value": Decimal("50"),
        "baseline_on": dt.date(2024, 1, 1),
        "target_value": Decimal("70"),
        "target_on": dt.date(2024, 12, 31),
        "expectation_ids": [notice.expectations.all()[0].pk],
    }
    values.update(overrides)
    return measures.add_measure(authority, by=by, **values)


def make_evidence_file(authority: Any, **overrides: Any) -> Any:
    """A one-page PDF added as evidence (stored through default_storage: isolate it in tests)."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from bestvalue.improvement.services import evidence

    by = overrides.pop("by", None) or make_officer(authority)
    content = overrides.pop("content", None) or make_pdf()
    name = overrides.pop("name", "Peer challenge report.pdf")
    values: dict[str, Any] = {
        "title": "LGA peer challenge report",
        "effective_on": dt.date(2024, 3, 1),
    }
    values.update(overrides)
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return evidence.add_evidence_file(authority, by=by, upload=upload, **values)


def make_meeting(board: Any, **overrides: Any) -> Any:
    """A meeting of the board on 1 Mar 2024 giving reasonable assurance on the first expectation of
    the authority's latest notice, recorded by a member of the board."""
    import datetime as dt

    from bestvalue.improvement.selectors import current_notice
    from bestvalue.improvement.services import boards

    by = overrides.pop("by", None) or make_user(Role.BOARD_MEMBER, board=board)
    notice = current_notice(board.authority_id)
    assurances = (
        [boards.AssuranceInput(notice.expectations.all()[0].pk, "reasonable", "Good progress.")]
        if notice is not None
        else []
    )
    values: dict[str, Any] = {
        "held_on": dt.date(2024, 3, 1),
        "minutes": "The board reviewed the plan.",
        "assurances": assurances,
    }
    values.update(overrides)
    return boards.record_meeting(board, by=by, **values)


def make_recommendation(
    meeting: Any, *, by: Any, text: str = "Publish the plan.", **overrides: Any
) -> Any:
    """A recommendation made at the meeting, due 90 days after it, owned by the chief executive,
    concerning the first expectation of the authority's latest notice."""
    import datetime as dt

    from bestvalue.improvement.selectors import current_notice
    from bestvalue.improvement.services import recommendations

    notice = current_notice(meeting.board.authority_id)
    values: dict[str, Any] = {
        "due_on": meeting.held_on + dt.timedelta(days=90),
        "owner": "Chief Executive",
        "expectation_id": notice.expectations.all()[0].pk,
    }
    values.update(overrides)
    return recommendations.make_recommendation(meeting, by=by, text=text, **values)


def in_memory_storage(settings: Any) -> None:
    """Keep stored files in memory for the test (pytest-django's `settings` restores it after)."""
    memory = "django.core.files.storage.InMemoryStorage"
    if settings.STORAGES["default"]["BACKEND"] == memory:
        return
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": memory},
    }


def make_improvement_world(notice: Any, *, settings: Any) -> dict[str, Any]:
    """One of each improvement record for the authority of an issued notice, for the access rules:
    an action, a measure with a reading, an evidence file (kept in memory), a board with a meeting
    (and its assurance statement) and a recommendation."""
    import datetime as dt
    from decimal import Decimal

    from bestvalue.improvement.services import measures

    in_memory_storage(settings)
    authority = notice.authority
    officer = make_officer(authority)
    board = make_board(authority=authority, name="Testshire Improvement Board")
    member = make_user(Role.BOARD_MEMBER, board=board)
    measure = make_measure(authority, by=officer)
    measures.record_reading(
        measure, by=officer, taken_on=dt.date(2024, 4, 1), value=Decimal("55"), source="Survey"
    )
    meeting = make_meeting(board, by=member)
    return {
        "improvement_authority": authority,
        "improvement_action": make_action(authority, by=officer),
        "improvement_measure": measure,
        "improvement_evidence": make_evidence_file(authority, by=officer),
        "improvement_board": board,
        "improvement_meeting": meeting,
        "improvement_assurance": meeting.assurances.get(),
        "improvement_recommendation": make_recommendation(meeting, by=member),
    }


def publish_intervention(intervention: Any, *, caseworker: Any = None) -> list[Any]:
    """Send the intervention's unpublished facts for approval and have a new approver publish
    exactly what they read (four eyes for publication)."""
    from bestvalue.interventions.services import publication

    drafts = publication.unpublished(intervention)
    if not drafts:
        return []
    sender = caseworker or make_user(Role.CASEWORKER)
    publication.submit_publication(intervention, by=sender)
    digest = records_digest(publication.content(intervention))
    return publication.approve_publication(
        intervention, by=make_user(Role.APPROVER), digest_read=digest
    )


def records_digest(content: Any) -> str:
    from bestvalue.records.rules import digest

    return digest(content)


def make_intervention_world(caseworker: User) -> dict[str, Any]:
    """One of each intervention record the department's pages name, for the access rules: an
    inspection, a draft, an awaiting and an issued minded-to letter, draft directions with an appointee,
    and issued directions with a report."""
    import datetime as dt

    from bestvalue.core import clock
    from bestvalue.interventions import services
    from bestvalue.interventions.models import ApprovalStatus, MindedTo

    d = dt.date
    # Dates typed now sit near today (rules.too_far_from_today); the rest are history.
    today = clock.today()
    intervention = make_intervention()
    inspection = services.record_inspection(
        by=caseworker, intervention=intervention, announced_on=d(2024, 1, 10)
    )
    letter = services.draft_minded_to(
        by=caseworker,
        intervention=intervention,
        letter_on=today,
        representations_by=today + dt.timedelta(days=14),
    )
    awaiting = services.submit_for_approval(
        services.draft_minded_to(by=caseworker, intervention=intervention, letter_on=today),
        by=caseworker,
    )
    draft = services.draft_directions(
        by=caseworker,
        intervention=intervention,
        made_on=today,
        ends_on=today + dt.timedelta(days=730),
    )
    appointee = services.add_appointee(
        by=caseworker, directions=draft, name="A. Commissioner", role="lead_commissioner"
    )
    inspector = services.add_inspector(
        by=caseworker, inspection=inspection, name="I. Inspector", role="lead"
    )
    issued = make_directions(intervention=intervention, position=20)
    issued_letter = MindedTo.objects.create(
        intervention=intervention,
        position=21,
        letter_on=d(2024, 5, 3),
        representations_by=d(2024, 5, 20),
        status=ApprovalStatus.ISSUED,
    )
    report = services.record_report(
        by=caseworker, directions=issued, due_on=d(2024, 4, 1), received_on=today
    )
    services.submit_publication(intervention, by=caseworker)
    return {
        "intervention": intervention,
        "intervention_inspection": inspection,
        "intervention_inspector": inspector,
        "intervention_letter": letter,
        "intervention_letter_awaiting": awaiting,
        "intervention_letter_issued": issued_letter,
        "intervention_directions_draft": draft,
        "intervention_appointee": appointee,
        "intervention_directions_issued": issued,
        "intervention_report": report,
    }


def make_zip(members: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    """A zip of the given members (`stored_first` is written first, uncompressed, as ODT needs)."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first is not None:
            archive.writestr(stored_first, members[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in members.items():
            if name != stored_first:
                archive.writestr(name, data)
    return out.getvalue()


def make_docx() -> bytes:
    import io

    import docx

    out = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Minutes of the improvement board.")
    document.save(out)
    return out.getvalue()


def make_xlsx() -> bytes:
    return make_zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
            "xl/worksheets/sheet1.xml": b'<?xml version="1.0"?><worksheet/>',
        }
    )


def make_odt() -> bytes:
    return make_zip(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": b'<?xml version="1.0"?><office:document-content/>',
            "META-INF/manifest.xml": b'<?xml version="1.0"?><manifest/>',
        },
        stored_first="mimetype",
    )


def make_png() -> bytes:
    """A 1 by 1 pixel PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def make_jpeg() -> bytes:
    return (
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
        + b"\x00" * 64
        + b"\xff\xd9"
    )


_ZIP_BOMB: list[bytes] = []


def make_zip_bomb_docx() -> bytes:
    """A 1 MB file that unpacks to 210 MB of zeros, dressed as a Word document (built once)."""
    import io
    import zipfile

    if not _ZIP_BOMB:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            archive.writestr("[Content_Types].xml", b"<Types/>")
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                for _ in range(210):
                    part.write(b"\x00" * (1 << 20))
        _ZIP_BOMB.append(out.getvalue())
    return _ZIP_BOMB[0]


def make_actions_workbook(rows: list[list[Any]], heading: list[str] | None = None) -> bytes:
    """An Excel workbook of plan actions to import: a heading line, then `rows`."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(heading or ["title", "owner", "due", "status", "expectations", "themes"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def publish_improvement_world(world: dict[str, Any]) -> None:
    """Publish the action, measure, evidence and assurance of make_improvement_world, each by
    its owner (an officer of the authority; a member of the board for assurance)."""
    from bestvalue.improvement.services import publication

    officer = make_officer(world["improvement_authority"])
    member = make_user(Role.BOARD_MEMBER, board=world["improvement_board"])
    for kind in ("action", "measure", "evidence"):
        publication.set_published(kind, world[f"improvement_{kind}"], by=officer, published=True)
    publication.set_published(
        "assurance", world["improvement_assurance"], by=member, published=True
    )
