"""Published improvement records are in the open data, as their owners published them; an item
never published, and changes not yet published, are not."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.cache import cache

from bestvalue.improvement.services import plan
from tests.factories import (
    make_action,
    make_improvement_world,
    make_issued_notice,
    publish_improvement_world,
)

pytestmark = pytest.mark.django_db


def _items(client: Any, name: str) -> list[dict[str, Any]]:
    cache.clear()
    response = client.get(f"/open-data/{name}.json")
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))["items"]


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    world = make_improvement_world(make_issued_notice(), settings=settings)
    publish_improvement_world(world)
    return world


def test_published_improvement_records_are_in_the_open_data(client: Any, world: Any) -> None:
    gss = world["improvement_authority"].gss_code
    (action,) = _items(client, "improvement-actions")
    assert action["authority_gss"] == gss
    assert (action["number"], action["title"], action["due_on"]) == (
        1,
        "Appoint a permanent chief executive",
        "2024-06-30",
    )
    assert action["themes"] == ["leadership"]
    (measure,) = _items(client, "improvement-measures")
    assert (measure["baseline_value"], measure["target_value"], measure["latest_value"]) == (
        50,
        70,
        55,
    )
    assert measure["readings"] == ["2024-04-01=55"]
    (evidence,) = _items(client, "improvement-evidence")
    assert evidence["url"].endswith(
        f"/authorities/{gss}/improvement/evidence/{world['improvement_evidence'].pk}/download/"
    )
    assert len(evidence["sha256"]) == 64
    (assurance,) = _items(client, "improvement-assurance")
    assert assurance["rating"] == "Reasonable assurance"
    rows = list(
        csv.DictReader(
            io.StringIO(
                b"".join(client.get("/open-data/improvement-actions.csv").streaming_content).decode(
                    "utf-8-sig"
                )
            )
        )
    )
    assert [r["title"] for r in rows] == ["Appoint a permanent chief executive"]


def test_unpublished_improvement_records_and_changes_are_never_in_the_open_data(
    client: Any, world: Any
) -> None:
    authority = world["improvement_authority"]
    make_action(authority, title="A draft action, never published")
    action = world["improvement_action"]
    plan.change_action(
        action,
        by=action.created_by,
        version=action.version,
        title="A change not yet published",
        description="",
        owner=action.owner,
        due_on=action.due_on,
        expectation_ids=[e.pk for e in action.expectations.all()],
        theme_keys=["leadership"],
    )
    titles = [a["title"] for a in _items(client, "improvement-actions")]
    assert titles == ["Appoint a permanent chief executive"]
