"""The progress report across a revised notice: what answered an expectation's earlier wording
still counts for the expectation carried forward."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from bestvalue.accounts.roles import Role
from bestvalue.improvement.report import progress_report
from bestvalue.notices import services
from tests.factories import (
    in_memory_storage,
    make_action,
    make_board,
    make_issued_notice,
    make_measure,
    make_meeting,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_records_linked_to_a_carried_forward_expectation_follow_it_into_the_revised_notice(
    settings: Any,
) -> None:
    in_memory_storage(settings)
    caseworker = make_user(Role.CASEWORKER)
    old = make_issued_notice(
        caseworker=caseworker, expectations=["Keep the board.", "Implement the plan."]
    )
    authority = old.authority
    action = make_action(authority, title="Board terms of reference")
    make_measure(authority)
    make_meeting(make_board(authority=authority))
    revised = services.start_reissue(old, by=caseworker)
    revised = services.submit_for_approval(revised, by=caseworker)
    revised = services.approve_and_issue(
        revised, by=make_user(Role.APPROVER), issued_on=dt.date(2024, 7, 1)
    )

    report = progress_report(authority, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
    assert report.notice == revised
    first, second = report.expectations
    assert first.expectation.carried_from_id == old.expectations.get(position=1).pk
    assert [line.action for line in first.actions] == [action]
    assert [s.measure.name for s in first.measures] == ["Staff survey engagement"]
    assert first.assurance is not None
    assert first.assurance.get_rating_display() == "Reasonable assurance"
    assert (second.actions, second.measures, second.assurance) == ([], [], None)
