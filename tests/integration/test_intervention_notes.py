"""Notes on an intervention (issue 17, point 2): written by department staff, dated, signed,
audited, listed newest first on the department's page, and on no public channel."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.audit.selectors import events_for
from bestvalue.interventions import services
from bestvalue.interventions.models import InterventionNote
from bestvalue.records.errors import NotAllowed
from bestvalue.register.opendata.datasets import DATASETS
from tests.factories import make_directions, make_user

pytestmark = pytest.mark.django_db
SECRET = "Notesecretword"


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


@pytest.fixture
def intervention() -> Any:
    return make_directions().intervention  # published, with issued directions


def _page(intervention: Any) -> str:
    return reverse("staff:intervention", kwargs={"reference": intervention.reference})


def _new(intervention: Any) -> str:
    return reverse("staff:intervention-note-new", kwargs={"reference": intervention.reference})


def test_a_caseworker_adds_a_note_signed_and_dated(
    caseworker_client: Any, intervention: Any
) -> None:
    response = caseworker_client.post(_new(intervention), {"text": "Called the chief executive."})
    assert response.status_code == 302
    assert response["Location"].endswith("#notes")
    note = InterventionNote.objects.get()
    page = caseworker_client.get(_page(intervention)).content.decode()
    assert "Called the chief executive." in page
    assert note.written_by.username in page
    [event] = events_for(note)
    assert event.action == "intervention.note_added"
    assert event.actor == note.written_by


def test_notes_are_listed_newest_first(approver_client: Any, intervention: Any) -> None:
    approver_client.post(_new(intervention), {"text": "The first note."})
    approver_client.post(_new(intervention), {"text": "The second note."})
    page = approver_client.get(_page(intervention)).content.decode()
    assert page.index("The second note.") < page.index("The first note.")


def test_an_empty_note_is_refused_and_nothing_saved(
    caseworker_client: Any, intervention: Any
) -> None:
    response = caseworker_client.post(_new(intervention), {"text": "   "})
    assert response.status_code == 400
    assert "Enter the note" in response.content.decode()
    assert not InterventionNote.objects.exists()


def test_only_department_staff_write_notes(intervention: Any) -> None:
    officer = make_user(Role.AUTHORITY_OFFICER, authority=intervention.authority)
    with pytest.raises(NotAllowed):
        services.add_note(intervention, by=officer, text="Not theirs to write.")
    assert not InterventionNote.objects.exists()


def _public_urls(intervention: Any) -> list[str]:
    gss = intervention.authority.gss_code
    ref = intervention.reference
    return [
        f"/interventions/{ref}/",
        f"/authorities/{gss}/",
        "/register/?kind=intervention",
        "/register/changes.atom",
        f"/authorities/{gss}/changes.atom",
        f"/authorities/{gss}/dates.ics",
        "/api/v1/interventions?limit=100",
        f"/api/v1/interventions/{ref}",
        f"/api/v1/authorities/{gss}/timeline",
        *(f"/open-data/{name}.{fmt}" for name in DATASETS for fmt in ("csv", "json")),
    ]


def test_a_note_reaches_no_public_channel(client: Any, intervention: Any) -> None:
    before = client.get(f"/api/v1/interventions/{intervention.reference}")
    services.add_note(intervention, by=make_user(Role.CASEWORKER), text=f"{SECRET} about cash.")
    for url in _public_urls(intervention):
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert SECRET.lower() not in body.decode().lower(), url
    found = client.get("/register/", {"q": SECRET, "kind": "intervention"}).content.decode()
    assert f"/interventions/{intervention.reference}/" not in found  # search does not read notes
    after = client.get(f"/api/v1/interventions/{intervention.reference}")
    assert after["ETag"] == before["ETag"]  # a note changes nothing the public sees
