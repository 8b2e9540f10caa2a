"""Notes on a notice (issue 17.2): private to the department, dated, signed, audited, listed
newest first, and never on a public channel (pages, feeds, open data, the API)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.core import clock
from bestvalue.notices import notes
from bestvalue.notices.errors import NotAllowed
from bestvalue.register.opendata.datasets import DATASETS
from tests.clients import CheckingClient
from tests.factories import make_issued_notice, make_user

pytestmark = pytest.mark.django_db
SECRET = "Leader rang: privately expects the chief executive to resign"


def _signed_in(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def _add(client: CheckingClient, notice: Any, text: str) -> Any:
    url = reverse("staff:note-new", kwargs={"pk": notice.pk})
    page = client.get(url).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)
    assert token, "the note form carries a one-time token"
    return client.post(url, {"form_token": token.group(1), "text": text})


def test_a_note_is_dated_signed_and_listed_newest_first() -> None:
    notice = make_issued_notice()
    dana = make_user(Role.CASEWORKER, first_name="Dana", last_name="Case")
    alex = make_user(Role.APPROVER, first_name="Alex", last_name="Approver")
    with time_machine.travel(dt.datetime(2024, 3, 4, 10, tzinfo=dt.UTC), tick=False):
        response = _add(_signed_in(dana), notice, "First call with the chief executive.")
    assert response.status_code == 302
    assert response["Location"].endswith("#notes")
    with time_machine.travel(dt.datetime(2024, 3, 9, 10, tzinfo=dt.UTC), tick=False):
        assert _add(_signed_in(alex), notice, "Approver's view: wait.").status_code == 302
    html = _signed_in(dana).get(reverse("staff:notice", kwargs={"pk": notice.pk})).content.decode()
    section = html.split('id="notes"', 1)[1].split("<h2", 1)[0]
    assert section.index("Alex Approver, 9 March 2024") < section.index("Dana Case, 4 March 2024")
    assert "First call with the chief executive." in section


def test_a_note_is_audited_with_its_writer() -> None:
    notice = make_issued_notice()
    dana = make_user(Role.CASEWORKER)
    note = notes.add_note(notice, by=dana, text="  Keep an eye on the budget.  ")
    event = AuditEvent.objects.get(action="case_note.added")
    assert event.actor_id == dana.pk
    assert event.object_id == str(note.pk)
    assert event.after["text"] == "Keep an eye on the budget."


def test_an_empty_note_is_refused_and_nothing_is_kept() -> None:
    notice = make_issued_notice()
    response = _add(_signed_in(make_user(Role.CASEWORKER)), notice, "   ")
    assert response.status_code == 400
    html = response.content.decode()
    assert html.index("govuk-error-summary") < html.index("<h1")
    assert "Enter the note" in html
    assert not notice.case_notes.exists()


def test_only_the_department_keeps_notes(authority_officer_client: CheckingClient) -> None:
    notice = make_issued_notice()
    url = reverse("staff:note-new", kwargs={"pk": notice.pk})
    assert authority_officer_client.get(url).status_code == 403
    with pytest.raises(NotAllowed):
        notes.add_note(notice, by=make_user(Role.AUTHORITY_OFFICER), text="Sneaky")


def _public_urls(notice: Any) -> list[str]:
    gss = notice.authority.gss_code
    return [
        "/register/",
        f"/register/?q={notice.reference}",
        f"/notices/{notice.reference}/",
        f"/authorities/{gss}/",
        "/register/changes.atom",
        "/register/dates.ics",
        f"/authorities/{gss}/changes.atom",
        f"/authorities/{gss}/dates.ics",
        *(f"/open-data/{name}.{fmt}" for name in DATASETS for fmt in ("csv", "json")),
        "/api/v1/notices?limit=100",
        f"/api/v1/notices/{notice.reference}",
        f"/api/v1/authorities/{gss}/timeline",
    ]


def test_a_note_never_reaches_a_public_channel(anonymous_client: CheckingClient) -> None:
    notice = make_issued_notice(issued_on=clock.today())
    notes.add_note(notice, by=make_user(Role.CASEWORKER), text=SECRET)
    seen = 0
    for url in _public_urls(notice):
        response = anonymous_client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        assert "resign" not in text, f"{url} shows a private note"
        seen += notice.reference in text
    assert seen >= 10, "the channels should carry the notice itself"
