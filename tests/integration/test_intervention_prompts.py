"""The department's dashboard lists directions past their end date without an exit, extension
or new directions as "exit or extension needed" (issue 17, point 5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from tests.factories import make_authority, make_directions, make_intervention

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


def test_the_dashboard_prompts_for_an_exit_or_extension(caseworker_client: Any) -> None:
    overdue = make_intervention(authority=make_authority(official_name="Overdue Council"))
    make_directions(intervention=overdue, ends_on=dt.date(2025, 12, 31))
    running = make_intervention(authority=make_authority(official_name="Running Council"))
    make_directions(intervention=running, ends_on=dt.date(2099, 1, 1))
    exited = make_intervention(authority=make_authority(official_name="Exited Council"))
    make_directions(intervention=exited, ends_on=dt.date(2025, 12, 31))
    make_directions(intervention=exited, kind="exit", made_on=dt.date(2026, 1, 2), ends_on=None)
    page = caseworker_client.get(reverse("staff:home")).content.decode()
    assert "Exit or extension needed (1)" in page
    assert (
        "Overdue Council</a>: Exit or extension needed: directions ended on 31 December 2025"
        in page
    )
    assert "Running Council" not in page
    assert "Exited Council" not in page
