"""Every improvement page and file, for an authority's own officer and board member and for those
of another authority: another authority's officer is refused everything, by GET and by POST."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import URLPattern, reverse

from bestvalue.accounts.roles import Role
from bestvalue.improvement import content, selectors
from bestvalue.improvement.models import Evidence, PlanAction
from bestvalue.staff.improvement import urls as improvement_urls
from tests.access import RULES
from tests.clients import CheckingClient
from tests.factories import make_improvement_world, make_issued_notice, make_officer, make_user

pytestmark = pytest.mark.django_db

NAMES = sorted(f"staff:{p.name}" for p in improvement_urls.urlpatterns if isinstance(p, URLPattern))
INDEX = "staff:improvement-index"
AUTHORITY_READ = {
    "staff:improvement",
    "staff:improvement-overview",
    "staff:improvement-progress",
    "staff:improvement-action",
    "staff:improvement-measure",
    "staff:improvement-evidence",
    "staff:improvement-evidence-download",
    "staff:improvement-export-xlsx",
    "staff:improvement-export-csv",
    "staff:improvement-progress-pdf",
    "staff:improvement-progress-docx",
}
AUTHORITY_WRITE = {
    "staff:improvement-action-new",
    "staff:improvement-measure-new",
    "staff:improvement-evidence-new",
    "staff:improvement-action-edit",
    "staff:improvement-action-progress",
    "staff:improvement-measure-edit",
    "staff:improvement-reading-new",
    "staff:improvement-reading-import",
    "staff:improvement-publish",
    "staff:improvement-reading-correct",
    "staff:improvement-reading-withdraw",
    "staff:improvement-evidence-correct",
    "staff:improvement-evidence-withdraw",
    "staff:improvement-actions-import",
}
BOARD_READ = {"staff:board", "staff:board-meeting", "staff:recommendation"}
BOARD_WRITE = {
    "staff:board-member-new",
    "staff:board-meeting-new",
    "staff:board-recommendation-new",
    "staff:recommendation-edit",
    "staff:recommendation-close",
}
RESPOND = {"staff:board-recommendation-respond"}


def test_every_improvement_url_is_classified_here() -> None:
    classified = AUTHORITY_READ | AUTHORITY_WRITE | BOARD_READ | BOARD_WRITE | RESPOND | {INDEX}
    assert set(NAMES) == classified


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    notice = make_issued_notice()
    records = make_improvement_world(notice, settings=settings)
    # Another authority, with records of its own, whose officer and board member look in.
    other = make_improvement_world(make_issued_notice(), settings=settings)
    return {
        **records,
        "own_officer": make_officer(records["improvement_authority"]),
        "own_member": make_user(Role.BOARD_MEMBER, board=records["improvement_board"]),
        "other_officer": make_officer(other["improvement_authority"]),
        "other_member": make_user(Role.BOARD_MEMBER, board=other["improvement_board"]),
    }


def _url(name: str, world: dict[str, Any]) -> str:
    return reverse(name, kwargs=RULES[name].kwargs(world))


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", sorted(set(NAMES) - {INDEX}))
def test_another_authoritys_officer_is_refused_every_page_and_file(
    name: str, world: dict[str, Any]
) -> None:
    client = _client(world["other_officer"])
    url = _url(name, world)
    assert client.get(url).status_code in (403, 404, 405)
    assert client.post(url, {"publish": "1", "title": "x"}).status_code in (403, 404, 405)
    assert not PlanAction.objects.filter(published_at__isnull=False).exists()
    assert not Evidence.objects.filter(published_at__isnull=False).exists()


@pytest.mark.parametrize("name", sorted(set(NAMES) - {INDEX}))
def test_another_boards_member_is_refused_every_page_and_file(
    name: str, world: dict[str, Any]
) -> None:
    client = _client(world["other_member"])
    url = _url(name, world)
    assert client.get(url).status_code in (403, 404, 405)
    assert client.post(url, {"publish": "1"}).status_code in (403, 404, 405)


@pytest.mark.parametrize("name", sorted(set(NAMES) - {INDEX, "staff:improvement-publish"}))
def test_the_authoritys_own_officer_reads_and_keeps_its_records(
    name: str, world: dict[str, Any]
) -> None:
    response = _client(world["own_officer"]).get(_url(name, world))
    expected = 403 if name in BOARD_WRITE else 200
    assert response.status_code == expected


@pytest.mark.parametrize("name", sorted(set(NAMES) - {INDEX, "staff:improvement-publish"}))
def test_the_boards_own_member_keeps_its_record_and_board_reads_private_plan(
    name: str, world: dict[str, Any]
) -> None:
    """The board reads (never changes) the whole record of the authority it oversees (issue 18)."""
    response = _client(world["own_member"]).get(_url(name, world))
    expected = 200 if name in BOARD_READ | BOARD_WRITE | AUTHORITY_READ else 403
    assert response.status_code == expected


def test_the_owner_publishes_and_the_others_cannot(world: dict[str, Any]) -> None:
    action = world["improvement_action"]
    url = reverse("staff:improvement-publish", kwargs={"kind": "action", "pk": action.pk})
    assert _client(world["other_officer"]).post(url, {"publish": "1"}).status_code == 403
    assert _client(world["own_member"]).post(url, {"publish": "1"}).status_code == 403
    # Without the digest of what they read, the owner is shown what will be public first.
    assert _client(world["own_officer"]).post(url, {"publish": "1"}).status_code == 200
    read = content.content_digest("action", selectors.action_for_staff(action.pk))
    assert (
        _client(world["own_officer"]).post(url, {"publish": "1", "digest": read}).status_code == 302
    )
    statement = world["improvement_assurance"]
    url = reverse("staff:improvement-publish", kwargs={"kind": "assurance", "pk": statement.pk})
    read = content.content_digest("assurance", selectors.assurance_for_staff(statement.pk))
    assert (
        _client(world["own_officer"]).post(url, {"publish": "1", "digest": read}).status_code == 403
    )
    assert (
        _client(world["own_member"]).post(url, {"publish": "1", "digest": read}).status_code == 302
    )
    unknown = reverse("staff:improvement-publish", kwargs={"kind": "notice", "pk": statement.pk})
    assert _client(world["own_member"]).post(unknown, {"publish": "1"}).status_code == 404


def test_each_user_is_sent_to_their_own_improvement_work(world: dict[str, Any]) -> None:
    url = reverse(INDEX)
    gss = world["improvement_authority"].gss_code
    assert _client(world["own_officer"]).get(url)["Location"] == f"/staff/improvement/{gss}/"
    board = world["improvement_board"].pk
    assert _client(world["own_member"]).get(url)["Location"] == f"/staff/boards/{board}/"
    html = _client(make_user(Role.APPROVER)).get(url).content.decode()
    assert world["improvement_authority"].official_name in html
