"""The publication rule, in one place: the published_* selectors give the public only what the
authority or board published, for that authority, and never anything else."""

from __future__ import annotations

from typing import Any

import pytest

from bestvalue.audit.models import AuditEvent
from bestvalue.improvement import public as selectors
from bestvalue.improvement.services.publication import set_published
from bestvalue.notices.errors import NotAllowed
from tests.factories import (
    make_action,
    make_evidence_file,
    make_improvement_world,
    make_issued_notice,
    make_measure,
    make_meeting,
    make_officer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def worlds(settings: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    return (
        make_improvement_world(make_issued_notice(), settings=settings),
        make_improvement_world(make_issued_notice(), settings=settings),
    )


def _publish_all(world: dict[str, Any]) -> None:
    officer = make_officer(world["improvement_authority"])
    member = world["improvement_meeting"].recorded_by
    for kind in ("action", "measure", "evidence"):
        set_published(kind, world[f"improvement_{kind}"], by=officer, published=True)
    set_published("assurance", world["improvement_assurance"], by=member, published=True)


def _published(authority: Any) -> dict[str, list[int]]:
    return {
        "action": [a.pk for a in selectors.published_actions(authority)],
        "measure": [m.pk for m in selectors.published_measures(authority)],
        "evidence": [e.pk for e in selectors.published_evidence(authority)],
        "assurance": [s.pk for s in selectors.published_assurance(authority)],
    }


def test_nothing_unpublished_ever_comes_out(worlds: tuple[dict[str, Any], dict[str, Any]]) -> None:
    mine, _ = worlds
    assert _published(mine["improvement_authority"]) == {
        "action": [],
        "measure": [],
        "evidence": [],
        "assurance": [],
    }


def test_only_what_was_published_comes_out_and_only_for_its_authority(
    worlds: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    mine, theirs = worlds
    authority = mine["improvement_authority"]
    # Unpublished siblings of each kind, which must stay out.
    officer = make_officer(authority)
    make_action(authority, by=officer, title="Not yet public")
    make_measure(authority, by=officer, name="Draft measure")
    make_evidence_file(authority, by=officer, title="Private evidence")
    make_meeting(mine["improvement_board"])
    _publish_all(theirs)
    assert _published(authority) == {"action": [], "measure": [], "evidence": [], "assurance": []}
    _publish_all(mine)
    assert _published(authority) == {
        "action": [mine["improvement_action"].pk],
        "measure": [mine["improvement_measure"].pk],
        "evidence": [mine["improvement_evidence"].pk],
        "assurance": [mine["improvement_assurance"].pk],
    }


def test_a_withdrawn_item_no_longer_comes_out(
    worlds: tuple[dict[str, Any], dict[str, Any]],
) -> None:
    mine, _ = worlds
    _publish_all(mine)
    officer = make_officer(mine["improvement_authority"])
    set_published("evidence", mine["improvement_evidence"], by=officer, published=False)
    assert _published(mine["improvement_authority"])["evidence"] == []
    events = AuditEvent.objects.filter(object_id=str(mine["improvement_evidence"].pk))
    assert {"improvement.evidence.published", "improvement.evidence.unpublished"} <= set(
        events.values_list("action", flat=True)
    )


def test_publishing_twice_records_one_event(worlds: tuple[dict[str, Any], dict[str, Any]]) -> None:
    mine, _ = worlds
    officer = make_officer(mine["improvement_authority"])
    for _ in range(2):
        set_published("action", mine["improvement_action"], by=officer, published=True)
    assert AuditEvent.objects.filter(action="improvement.action.published").count() == 1


def test_only_the_owner_may_publish(worlds: tuple[dict[str, Any], dict[str, Any]]) -> None:
    mine, theirs = worlds
    stranger = make_officer(theirs["improvement_authority"])
    with pytest.raises(NotAllowed):
        set_published("action", mine["improvement_action"], by=stranger, published=True)
    officer = make_officer(mine["improvement_authority"])
    with pytest.raises(NotAllowed):
        set_published("assurance", mine["improvement_assurance"], by=officer, published=True)
