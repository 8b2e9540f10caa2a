"""Prompts where the regime needs a decision (issue 17.5): a notice past its period with no
decision is "decision needed" with the days since, not among those in force; drafting to an
authority already under a notice or an intervention warns at the start; the revised draft shows
each carried expectation's last rating and commentary."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse

from bestvalue.accounts.roles import Role
from tests.clients import CheckingClient
from tests.factories import make_authority, make_issued_notice, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2025, 1, 11, 12, tzinfo=dt.UTC), tick=False):
        yield


def _signed_in(role: str) -> CheckingClient:
    client = CheckingClient()
    client.force_login(make_user(role))
    return client


def _section(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"', 1)[1].split("<h2", 1)[0]


def test_a_notice_past_its_period_is_decision_needed_with_days_since_not_in_force() -> None:
    make_issued_notice(
        authority=make_authority(official_name="Lapsing Council"), issued_on=dt.date(2024, 1, 1)
    )
    make_issued_notice(
        authority=make_authority(official_name="Current Council"), issued_on=dt.date(2024, 6, 1)
    )
    html = _signed_in(Role.CASEWORKER).get(reverse("staff:home")).content.decode()
    needed = _section(html, "decision-needed")
    assert "Lapsing Council" in needed
    assert "10 days" in needed  # period ended 1 January 2025
    assert "Current Council" not in needed
    under = html.split("Authorities under a notice (", 1)[1].split("<h2", 1)[0]
    assert under.startswith("1)")
    assert "Current Council" in under
    assert "Lapsing Council" not in under
