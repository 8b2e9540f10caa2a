"""The overview (issue 18, point 3): per expectation and per theme, a rating from the latest
assurance and the actions' statuses, overdue actions, measures off their path to target and
recommendations awaiting response, each figure linking to its items, as tables (no colour-only
meaning); for the department, the authority and its board; a fixed number of queries."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.core import clock
from bestvalue.improvement import overview, rules
from bestvalue.improvement.services import measures, plan
from tests.clients import CheckingClient
from tests.factories import (
    make_action,
    make_improvement_world,
    make_issued_notice,
    make_measure,
    make_officer,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    return make_improvement_world(make_issued_notice(), settings=settings)


def test_the_rating_comes_from_the_latest_assurance_and_the_actions() -> None:
    assert rules.rag(assurance=None, statuses=[], overdue=0) == rules.Rag.NOT_RATED
    assert rules.rag(assurance="reasonable", statuses=[], overdue=0) == rules.Rag.GREEN
    assert rules.rag(assurance="limited", statuses=["on_track"], overdue=0) == rules.Rag.RED
    assert rules.rag(assurance="substantial", statuses=["at_risk"], overdue=0) == rules.Rag.AMBER
    assert rules.rag(assurance=None, statuses=["on_track"], overdue=1) == rules.Rag.RED
    assert rules.rag(assurance=None, statuses=["off_track"], overdue=0) == rules.Rag.RED


def test_the_overview_counts_overdue_actions_measures_off_path_and_open_recommendations(
    world: dict[str, Any],
) -> None:
    authority = world["improvement_authority"]
    today = clock.today()
    # The world's action was due on 30 June 2024 and is not done: overdue. Its measure's one
    # reading (55 on 1 April 2024) is behind the straight path from 50 to 70 by the end of 2024
    # only after its target date: missed.
    view = overview.overview(authority, today=today)
    [first, *_] = view.expectations
    assert [a.action.pk for a in first.overdue] == [world["improvement_action"].pk]
    assert [m.measure.pk for m in first.off_path] == [world["improvement_measure"].pk]
    assert first.assurance.rating == "reasonable"
    assert first.rag == rules.Rag.RED
    assert view.overdue == 1
    assert view.off_path == 1
    assert [r.pk for r in view.awaiting] == [world["improvement_recommendation"].pk]
    leadership = next(t for t in view.themes if t.key == "theme-leadership")
    assert [a.action.pk for a in leadership.actions] == [world["improvement_action"].pk]
    # A cancelled action is neither overdue nor counted in the rating.
    action = world["improvement_action"]
    plan.record_progress(
        action,
        by=make_officer(authority),
        version=action.version,
        written_on=today,
        status="cancelled",
        text="No longer needed: the post was filled.",
    )
    view = overview.overview(authority, today=today)
    assert view.overdue == 0
    assert view.expectations[0].rag == rules.Rag.GREEN


def test_the_overview_page_links_each_figure_to_its_items_for_every_reader(
    world: dict[str, Any],
) -> None:
    authority = world["improvement_authority"]
    url = reverse("staff:improvement-overview", kwargs={"gss_code": authority.gss_code})
    readers = [
        make_user(Role.CASEWORKER),
        make_officer(authority),
        make_user(Role.BOARD_MEMBER, board=world["improvement_board"]),
    ]
    for user in readers:
        client = CheckingClient()
        client.force_login(user)
        html = client.get(url).content.decode()
        key = f"expectation-{world['improvement_action'].expectations.get().pk}"
        assert f'href="#{key}"' in html
        assert f'id="{key}"' in html
        assert (
            reverse("staff:improvement-action", kwargs={"pk": world["improvement_action"].pk})
            in html
        )
        assert 'href="#awaiting"' in html
        # The rating is written out, never colour alone.
        assert re.search(r"govuk-tag--red[^>]*>\s*Red\s*<", html)


def _grow(authority: Any, n: int, *, start: int = 0) -> None:
    officer = make_officer(authority)
    for i in range(start, start + n):
        make_action(authority, by=officer, title=f"Action {i}", theme_keys=["culture"])
        measure = make_measure(authority, by=officer, name=f"Measure {i}")
        measures.record_reading(
            measure, by=officer, taken_on=dt.date(2024, 5, 1), value=Decimal("52"), source="S"
        )


def _queries(authority: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        overview.overview(authority, today=clock.today())
    return len(captured.captured_queries)


def test_the_overview_keeps_a_flat_query_count(world: dict[str, Any]) -> None:
    authority = world["improvement_authority"]
    _grow(authority, 2)
    small = _queries(authority)
    _grow(authority, 10, start=2)
    assert _queries(authority) == small
