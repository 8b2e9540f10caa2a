"""The board reads what it assures (issue 18, point 1): a member of an authority's improvement
board reads, and cannot change, the authority's whole improvement record, published or not
(plan, progress updates, measures, evidence and the progress report); never another authority's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts import permissions as roles
from bestvalue.accounts.roles import Role
from bestvalue.improvement import permissions
from bestvalue.improvement.models import PlanAction
from bestvalue.improvement.services import plan
from tests.clients import CheckingClient
from tests.factories import make_improvement_world, make_issued_notice, make_officer, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    own = make_improvement_world(make_issued_notice(), settings=settings)
    other = make_improvement_world(make_issued_notice(), settings=settings)
    action = own["improvement_action"]
    plan.record_progress(
        action,
        by=make_officer(own["improvement_authority"]),
        version=action.version,
        status="at_risk",
        written_on=dt.date(2024, 4, 2),
        text="Recruitment of the new monitoring officer has slipped a month.",
    )
    return {"own": own, "other": other}


def _member_of(records: dict[str, Any]) -> CheckingClient:
    client = CheckingClient()
    client.force_login(make_user(Role.BOARD_MEMBER, board=records["improvement_board"]))
    return client


def test_the_board_reads_private_plan_of_its_authority_and_gets_403_on_another(
    world: dict[str, Any],
) -> None:
    own, other = world["own"], world["other"]
    action = own["improvement_action"]
    assert not PlanAction.objects.filter(pk=action.pk, published_at__isnull=False).exists()
    client = _member_of(own)

    html = client.get(
        reverse("staff:improvement", kwargs={"gss_code": own["improvement_authority"].gss_code})
    ).content.decode()
    assert action.title in html
    assert own["improvement_measure"].name in html
    assert own["improvement_evidence"].title in html
    assert "reading this record as a member of the board" in html
    assert (
        reverse("staff:improvement-action-new", kwargs={"gss_code": action.authority.gss_code})
        not in html
    )

    detail = client.get(reverse("staff:improvement-action", kwargs={"pk": action.pk}))
    assert detail.status_code == 200
    assert "Recruitment of the new monitoring officer" in detail.content.decode()
    assert (
        reverse("staff:improvement-action-edit", kwargs={"pk": action.pk})
        not in detail.content.decode()
    )

    other_gss = other["improvement_authority"].gss_code
    assert (
        client.get(reverse("staff:improvement", kwargs={"gss_code": other_gss})).status_code == 403
    )
    assert (
        client.get(
            reverse("staff:improvement-progress", kwargs={"gss_code": other_gss})
        ).status_code
        == 403
    )
    # Another authority's records answer as records that do not exist.
    other_action = other["improvement_action"].pk
    assert (
        client.get(reverse("staff:improvement-action", kwargs={"pk": other_action})).status_code
        == 404
    )


def test_the_board_reads_private_plan_but_cannot_change_it(world: dict[str, Any]) -> None:
    own = world["own"]
    action = own["improvement_action"]
    client = _member_of(own)
    edit = reverse("staff:improvement-action-edit", kwargs={"pk": action.pk})
    response = client.post(edit, {"title": "Changed by the board", "version": action.version})
    assert response.status_code == 403
    assert PlanAction.objects.get(pk=action.pk).title == action.title
    new = reverse("staff:improvement-action-new", kwargs={"gss_code": action.authority.gss_code})
    assert client.post(new, {"title": "Board action"}).status_code == 403
    assert PlanAction.objects.filter(authority=action.authority).count() == 1


def test_the_board_reads_private_plan_predicate_is_of_its_own_authority_only(
    world: dict[str, Any],
) -> None:
    own, other = world["own"], world["other"]
    member = make_user(Role.BOARD_MEMBER, board=own["improvement_board"])
    mine, theirs = own["improvement_authority"].pk, other["improvement_authority"].pk
    assert roles.can_assure_authority(member, mine)
    assert not roles.can_assure_authority(member, theirs)
    assert permissions.can_read_authority(member, mine)
    assert not permissions.can_read_authority(member, theirs)
    assert not permissions.can_edit_authority(member, mine)
    # Officers are not board members: the predicate is the board's, not the authority's.
    assert not roles.can_assure_authority(make_officer(own["improvement_authority"]), mine)


def test_the_board_page_links_to_the_record_it_assures(world: dict[str, Any]) -> None:
    own = world["own"]
    board = own["improvement_board"]
    html = _member_of(own).get(reverse("staff:board", kwargs={"pk": board.pk})).content.decode()
    gss = own["improvement_authority"].gss_code
    assert reverse("staff:improvement", kwargs={"gss_code": gss}) in html
    assert reverse("staff:improvement-progress", kwargs={"gss_code": gss}) in html
