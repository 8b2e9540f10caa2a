"""Evidence files and issued letters in an S3-compatible object store (a real moto server on
loopback, tests/object_store.py): stored through Django's storage API, and never served unless
the object's bytes still match the SHA-256 digest recorded when they were stored. A missing or
altered object gives a clear error page, logged, never a 500."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.improvement.services.publication import set_published
from bestvalue.letters import services as letter_services
from bestvalue.letters.models import IssuedLetter
from bestvalue.notices import services as notice_services
from tests.clients import CheckingClient
from tests.factories import (
    make_draft_notice,
    make_evidence_file,
    make_issued_notice,
    make_officer,
    make_pdf,
    make_user,
)

pytestmark = pytest.mark.django_db

Storage = tuple[Any, str]


def _objects(storage: Storage) -> dict[str, bytes]:
    client, bucket = storage
    listed = client.list_objects_v2(Bucket=bucket).get("Contents", [])
    return {
        item["Key"]: client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
        for item in listed
    }


def _evidence(content: bytes) -> tuple[Any, CheckingClient, str, str]:
    """A published evidence file, its officer's client, and its staff and public addresses."""
    notice = make_issued_notice()
    officer = make_officer(notice.authority)
    item = make_evidence_file(notice.authority, by=officer, content=content)
    set_published("evidence", item, by=officer, published=True)
    client = CheckingClient()
    client.force_login(officer)
    staff = reverse("staff:improvement-evidence-download", kwargs={"pk": item.pk})
    public = reverse(
        "register:improvement-evidence",
        kwargs={"gss_code": notice.authority.gss_code, "pk": item.pk},
    )
    return item, client, staff, public


def _body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_object_storage_keeps_an_uploaded_evidence_file_in_the_bucket(
    object_storage: Storage,
) -> None:
    content = make_pdf(pages=2)
    item, client, staff, public = _evidence(content)
    assert _objects(object_storage) == {item.file.name: content}
    assert item.sha256 == hashlib.sha256(content).hexdigest()
    for url, signed_in in ((staff, client), (public, CheckingClient())):
        response = signed_in.get(url)
        assert response.status_code == 200
        assert _body(response) == content
        assert response["ETag"] == f'"{item.sha256}"'
        assert response["Content-Disposition"].startswith("attachment;")


def test_object_storage_an_altered_evidence_file_is_never_served(
    object_storage: Storage, caplog: pytest.LogCaptureFixture
) -> None:
    item, client, staff, public = _evidence(make_pdf())
    s3, bucket = object_storage
    s3.put_object(Bucket=bucket, Key=item.file.name, Body=b"%PDF-1.7 not what was uploaded")
    for url, signed_in in ((staff, client), (public, CheckingClient())):
        with caplog.at_level(logging.ERROR, logger="bestvalue.core.downloads"):
            response = signed_in.get(url)
        assert response.status_code == 409
        page = response.content.decode()
        assert "This file cannot be downloaded" in page
        assert "not what was uploaded" not in page
        assert f"{item.file.name} does not match its recorded SHA-256 digest" in caplog.text
        caplog.clear()


def test_object_storage_a_missing_evidence_file_gives_a_clear_page(
    object_storage: Storage, caplog: pytest.LogCaptureFixture
) -> None:
    item, client, staff, public = _evidence(make_pdf())
    s3, bucket = object_storage
    s3.delete_object(Bucket=bucket, Key=item.file.name)
    for url, signed_in in ((staff, client), (public, CheckingClient())):
        with caplog.at_level(logging.ERROR, logger="bestvalue.core.downloads"):
            response = signed_in.get(url)
        assert response.status_code == 404
        assert "This file is not available" in response.content.decode()
        assert f"Stored file {item.file.name} is missing" in caplog.text
        caplog.clear()


def test_object_storage_an_unreachable_store_asks_to_try_later(
    object_storage: Storage, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    item, client, staff, _ = _evidence(make_pdf())
    unreachable = {**settings.STORAGES["default"]}
    unreachable["OPTIONS"] = {**unreachable["OPTIONS"], "endpoint_url": "http://127.0.0.1:9"}
    settings.STORAGES = {**settings.STORAGES, "default": unreachable}
    with caplog.at_level(logging.ERROR, logger="bestvalue.core.downloads"):
        response = client.get(staff)
    assert response.status_code == 503
    assert "Try again later" in response.content.decode()
    assert f"Stored file {item.file.name} could not be read" in caplog.text


def _issued_letters() -> list[IssuedLetter]:
    caseworker = make_user(Role.CASEWORKER)
    draft = make_draft_notice(caseworker=caseworker)
    notice = notice_services.submit_for_approval(draft, by=caseworker)
    issued = notice_services.approve_and_issue(
        notice,
        by=make_user(Role.APPROVER),
        issued_on=dt.date(2024, 6, 3),
        letters=letter_services.NoticeLetters(),
    )
    return list(IssuedLetter.objects.filter(notice=issued).order_by("format"))


def _letter_url(letter: IssuedLetter) -> str:
    kwargs = {"reference": letter.notice.reference, "kind": letter.kind, "fmt": letter.format}
    return reverse("letters:issued", kwargs=kwargs)


def test_object_storage_keeps_issued_letters_and_serves_them_checked(
    object_storage: Storage, caplog: pytest.LogCaptureFixture
) -> None:
    letters = _issued_letters()
    stored = _objects(object_storage)
    assert sorted(stored) == sorted(letter.file.name for letter in letters)
    for letter in letters:
        assert hashlib.sha256(stored[letter.file.name]).hexdigest() == letter.sha256
        response = CheckingClient().get(_letter_url(letter))
        assert response.status_code == 200
        assert response.content == stored[letter.file.name]
    s3, bucket = object_storage
    pdf = next(letter for letter in letters if letter.format == "pdf")
    s3.put_object(Bucket=bucket, Key=pdf.file.name, Body=stored[pdf.file.name] + b"\n%altered")
    with caplog.at_level(logging.ERROR, logger="bestvalue.core.downloads"):
        response = CheckingClient().get(_letter_url(pdf))
    assert response.status_code == 409
    assert "This file cannot be downloaded" in response.content.decode()
    assert "does not match its recorded SHA-256 digest" in caplog.text
    s3.delete_object(Bucket=bucket, Key=pdf.file.name)
    assert CheckingClient().get(_letter_url(pdf)).status_code == 404
