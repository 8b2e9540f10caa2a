"""The public side of improvement: /authorities/GSS/improvement/ shows what the authority and its
board published (actions with their latest progress, measures with their readings, evidence and
assurance), and never anything else; published evidence files download only as they were uploaded.
Each unpublished record carries a distinctive word that must be absent from the public pages."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.improvement.services import evidence, measures, plan
from bestvalue.improvement.services.publication import set_published
from tests.clients import CheckingClient
from tests.factories import (
    in_memory_storage,
    make_action,
    make_board,
    make_evidence_file,
    make_issued_notice,
    make_measure,
    make_meeting,
    make_officer,
    make_pdf,
    make_user,
)

pytestmark = pytest.mark.django_db

SECRETS = {
    "action": "Actionsecretword",
    "measure": "Measuresecretword",
    "evidence": "Evidencesecretword",
    "assurance": "Assurancesecretword",
    "other authority": "Elsewheresecretword",
    "minutes": "Minutessecretword",
}


def _page(gss_code: str) -> str:
    return reverse("register:improvement", kwargs={"gss_code": gss_code})


def _download(gss_code: str, pk: int) -> str:
    return reverse("register:improvement-evidence", kwargs={"gss_code": gss_code, "pk": pk})


def _authority_world(text: str = "Published") -> dict[str, Any]:
    """An authority under a notice, its officer, its board with a member, and one published
    record of each kind (an action with two progress updates, a measure with two readings, an
    evidence file, an evidence link and an assurance statement)."""
    notice = make_issued_notice(expectations=[f"Engage with the department ({text})."])
    authority = notice.authority
    officer = make_officer(authority)
    board = make_board(authority=authority, name=f"{text} Improvement Board")
    member = make_user(Role.BOARD_MEMBER, board=board)
    action = make_action(
        authority, by=officer, title=f"{text} action", description=f"What the {text} action does."
    )
    for day, status, words in [(1, "at_risk", "Early days."), (2, "on_track", "Recruiting now.")]:
        action.refresh_from_db()
        plan.record_progress(
            action,
            by=officer,
            version=action.version,
            written_on=dt.date(2024, 2, day),
            status=status,
            text=f"{words} ({text})",
        )
    measure = make_measure(authority, by=officer, name=f"{text} measure")
    for month, value in [(2, "55"), (3, "61.5")]:
        measures.record_reading(
            measure,
            by=officer,
            taken_on=dt.date(2024, month, 1),
            value=Decimal(value),
            source=f"{text} survey",
        )
    item = make_evidence_file(authority, by=officer, title=f"{text} peer challenge report")
    web = evidence.add_evidence_link(
        authority,
        by=officer,
        title=f"{text} cabinet report",
        effective_on=dt.date(2024, 4, 1),
        url="https://example.org/cabinet-report",
    )
    meeting = make_meeting(board, by=member, minutes=f"Minutes ({SECRETS['minutes']}).")
    assurance = meeting.assurances.get()
    for kind, record in [("action", action), ("measure", measure), ("evidence", item)]:
        set_published(kind, record, by=officer, published=True)
    set_published("evidence", web, by=officer, published=True)
    set_published("assurance", assurance, by=member, published=True)
    return {
        "notice": notice,
        "authority": authority,
        "officer": officer,
        "board": board,
        "member": member,
        "action": action,
        "measure": measure,
        "evidence": item,
        "link": web,
        "assurance": assurance,
    }


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    in_memory_storage(settings)
    cache.clear()
    return _authority_world()


def _add_unpublished(world: dict[str, Any]) -> None:
    """One unpublished record of each kind, and another authority's published records."""
    authority, officer = world["authority"], world["officer"]
    secret_action = make_action(authority, by=officer, title=SECRETS["action"])
    make_measure(authority, by=officer, name=SECRETS["measure"])
    make_evidence_file(authority, by=officer, title=SECRETS["evidence"])
    # Published evidence linked to the unpublished action must not name it.
    published = make_evidence_file(
        authority, by=officer, title="Linked evidence", action_ids=[secret_action.pk]
    )
    set_published("evidence", published, by=officer, published=True)
    meeting = make_meeting(world["board"], by=world["member"], held_on=dt.date(2024, 4, 1))
    statement = meeting.assurances.get()
    statement.narrative = SECRETS["assurance"]
    statement.save(update_fields=["narrative"])
    _authority_world(SECRETS["other authority"])


def test_it_shows_what_the_authority_and_board_published(world: dict[str, Any]) -> None:
    response = CheckingClient().get(_page(world["authority"].gss_code))
    assert response.status_code == 200
    page = response.content.decode()
    assert "have chosen to publish" in page
    # The action, what it answers, who owns it, when it is due, its status and latest progress.
    assert "Action 1: Published action" in page
    assert "What the Published action does." in page
    assert f"{world['notice'].reference}, expectation 1" in page
    assert "Head of Paid Service" in page
    assert "30 June 2024" in page
    assert "On track" in page
    assert "Recruiting now. (Published)" in page
    assert "Early days." not in page, "only the latest progress update is shown"
    # The measure: baseline, target, latest reading, the chart and the same numbers in a table.
    assert "Published measure" in page
    assert "50 % on 1 January 2024" in page
    assert "70 % by 31 December 2024" in page
    assert "61.5 % on 1 March 2024" in page
    assert f'id="measure-{world["measure"].pk}-chart-title"' in page
    assert "Published survey" in page
    # The evidence: the file with its digest and download, the link with its address.
    assert "Published peer challenge report" in page
    assert world["evidence"].sha256 in page
    assert _download(world["authority"].gss_code, world["evidence"].pk) in page
    assert 'href="https://example.org/cabinet-report"' in page
    # The board's assurance.
    assert "Published Improvement Board" in page
    assert "Reasonable" in page
    assert "Good progress." in page
    # Never the meeting's minutes, nor who recorded anything.
    assert SECRETS["minutes"] not in page
    assert world["officer"].username not in page


def test_it_says_so_when_nothing_is_published(settings: Any) -> None:
    in_memory_storage(settings)
    notice = make_issued_notice()
    authority = notice.authority
    officer = make_officer(authority)
    make_action(authority, by=officer, title=SECRETS["action"])
    page = CheckingClient().get(_page(authority.gss_code)).content.decode()
    assert "have not published anything about its improvement yet" in page
    assert SECRETS["action"] not in page


def test_unpublished_records_and_other_authorities_never_appear(world: dict[str, Any]) -> None:
    _add_unpublished(world)
    for role in [None, Role.CASEWORKER, Role.AUTHORITY_OFFICER]:
        client = CheckingClient()
        if role:
            client.force_login(make_user(role))
        page = client.get(_page(world["authority"].gss_code)).content.decode()
        assert "Linked evidence" in page
        for secret in SECRETS.values():
            assert secret not in page, secret


def test_a_withdrawn_item_leaves_the_page_at_once(world: dict[str, Any]) -> None:
    url = _page(world["authority"].gss_code)
    client = CheckingClient()
    assert "Published action" in client.get(url).content.decode()  # now cached
    set_published("action", world["action"], by=world["officer"], published=False)
    page = client.get(url).content.decode()
    assert "Published action" not in page
    assert "No actions of the plan have been published." in page


def test_an_unknown_authority_is_not_found(world: dict[str, Any]) -> None:
    assert CheckingClient().get(_page("E99999999")).status_code == 404


def test_a_published_file_downloads_as_uploaded(world: dict[str, Any]) -> None:
    item = world["evidence"]
    response = CheckingClient().get(_download(world["authority"].gss_code, item.pk))
    assert response.status_code == 200
    data = b"".join(response.streaming_content)
    assert data == make_pdf()
    assert hashlib.sha256(data).hexdigest() == item.sha256
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["ETag"] == f'"{item.sha256}"'


def test_files_not_published_are_not_found(world: dict[str, Any]) -> None:
    authority, officer = world["authority"], world["officer"]
    gss = authority.gss_code
    draft = make_evidence_file(authority, by=officer, title=SECRETS["evidence"])
    other = _authority_world("Elsewhere")
    client = CheckingClient()
    assert client.get(_download(gss, draft.pk)).status_code == 404
    # Another authority's published file is not found under this authority's address.
    assert client.get(_download(gss, other["evidence"].pk)).status_code == 404
    # A link has no file to download.
    assert client.get(_download(gss, world["link"].pk)).status_code == 404
    # Withdrawn from publication, the file is not found either.
    set_published("evidence", world["evidence"], by=officer, published=False)
    assert client.get(_download(gss, world["evidence"].pk)).status_code == 404


def test_an_altered_file_is_never_served(world: dict[str, Any]) -> None:
    name = world["evidence"].file.name
    default_storage.delete(name)
    assert default_storage.save(name, ContentFile(b"%PDF-1.7 not what was published")) == name
    response = CheckingClient().get(_download(world["authority"].gss_code, world["evidence"].pk))
    assert response.status_code == 409
    assert "not what was published" not in response.content.decode()


def test_a_file_lost_from_storage_is_not_found(world: dict[str, Any]) -> None:
    default_storage.delete(world["evidence"].file.name)
    url = _download(world["authority"].gss_code, world["evidence"].pk)
    assert CheckingClient().get(url).status_code == 404


def test_the_authority_and_notice_pages_link_to_it_only_when_something_is_published(
    world: dict[str, Any],
) -> None:
    authority, notice = world["authority"], world["notice"]
    link = f'href="{_page(authority.gss_code)}"'
    authority_url = reverse("register:authority", kwargs={"gss_code": authority.gss_code})
    notice_url = reverse("register:notice", kwargs={"reference": notice.reference})
    client = CheckingClient()
    assert link in client.get(authority_url).content.decode()
    assert link in client.get(notice_url).content.decode()
    for kind in ("action", "measure", "evidence", "link"):
        set_published(
            "evidence" if kind == "link" else kind,
            world[kind],
            by=world["officer"],
            published=False,
        )
    set_published("assurance", world["assurance"], by=world["member"], published=False)
    cache.clear()
    page = client.get(authority_url).content.decode()
    assert link not in page
    assert "have not published anything about its improvement" in page
    assert link not in client.get(notice_url).content.decode()


def _queries(url: str) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert CheckingClient().get(url).status_code == 200
    return len(queries)


def test_the_page_takes_a_fixed_number_of_queries(world: dict[str, Any]) -> None:
    authority, officer, member = world["authority"], world["officer"], world["member"]
    url = _page(authority.gss_code)
    small = _queries(url)
    for i in range(4):
        action = make_action(authority, by=officer, title=f"More {i}")
        plan.record_progress(
            action,
            by=officer,
            version=action.version,
            written_on=dt.date(2024, 2, 1),
            status="on_track",
            text="Going.",
        )
        set_published("action", action, by=officer, published=True)
        measure = make_measure(authority, by=officer, name=f"More {i}")
        measures.record_reading(
            measure, by=officer, taken_on=dt.date(2024, 2, 1), value=Decimal(60), source="S"
        )
        set_published("measure", measure, by=officer, published=True)
        item = make_evidence_file(authority, by=officer, title=f"More {i}")
        set_published("evidence", item, by=officer, published=True)
        meeting = make_meeting(world["board"], by=member, held_on=dt.date(2024, 5, 1 + i))
        set_published("assurance", meeting.assurances.get(), by=member, published=True)
    assert _queries(url) == small
    print(f"public improvement page: {small} queries")


def _api(gss_code: str) -> str:
    return reverse("api:v1:improvement", kwargs={"gss": gss_code})


def test_the_api_gives_the_same_published_record(world: dict[str, Any]) -> None:
    _add_unpublished(world)
    response = CheckingClient().get(_api(world["authority"].gss_code))
    assert response.status_code == 200
    for secret in SECRETS.values():
        assert secret not in response.content.decode(), secret
    body = response.json()
    assert body["authority"]["gss_code"] == world["authority"].gss_code
    [action] = body["actions"]
    assert action["title"] == "Published action"
    assert action["expectations"] == [
        {"notice_reference": world["notice"].reference, "position": 1}
    ]
    assert action["latest_progress"]["text"] == "Recruiting now. (Published)"
    [measure] = body["measures"]
    assert (measure["baseline_value"], measure["target_value"]) == ("50", "70")
    assert [r["value"] for r in measure["readings"]] == ["55", "61.5"]
    assert measure["latest"]["taken_on"] == "2024-03-01"
    files = {e["title"]: e for e in body["evidence"]}
    assert set(files) == {
        "Published peer challenge report",
        "Published cabinet report",
        "Linked evidence",
    }
    item = files["Published peer challenge report"]
    assert item["sha256"] == world["evidence"].sha256
    assert item["url"] == _download(world["authority"].gss_code, world["evidence"].pk)
    assert files["Published cabinet report"]["url"] == "https://example.org/cabinet-report"
    [statement] = body["assurance"]
    assert (statement["rating"], statement["statement"]) == ("reasonable", "Good progress.")


def test_the_api_answers_an_authority_with_nothing_published_with_empty_lists(
    settings: Any,
) -> None:
    authority = make_issued_notice().authority
    body = CheckingClient().get(_api(authority.gss_code)).json()
    assert [body[k] for k in ("actions", "measures", "evidence", "assurance")] == [[], [], [], []]
    assert CheckingClient().get(_api("E99999999")).status_code == 404


def test_the_api_takes_a_fixed_number_of_queries(world: dict[str, Any]) -> None:
    url = _api(world["authority"].gss_code)
    small = _queries(url)
    authority, officer = world["authority"], world["officer"]
    for i in range(4):
        action = make_action(authority, by=officer, title=f"More {i}")
        set_published("action", action, by=officer, published=True)
        measure = make_measure(authority, by=officer, name=f"More {i}")
        set_published("measure", measure, by=officer, published=True)
        set_published(
            "evidence",
            make_evidence_file(authority, by=officer, title=f"More {i}"),
            by=officer,
            published=True,
        )
    assert _queries(url) == small
    print(f"improvement API: {small} queries")
