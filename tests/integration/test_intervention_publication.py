"""An intervention with nothing but drafts never reaches the public pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests.factories import make_directions, make_intervention

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    """These tests replay dates from the register's past; the margin of dates from today
    (rules.too_far_from_today) is tested in test_intervention_rules.py."""
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


def test_an_intervention_with_only_draft_directions_is_not_public(client) -> None:  # type: ignore[no-untyped-def]
    intervention = make_intervention(trigger="A secret trigger that must stay private.")
    make_directions(intervention=intervention, status="draft")
    page = client.get(
        reverse("register:intervention", kwargs={"reference": intervention.reference})
    )
    assert page.status_code == 404
    authority_page = client.get(
        reverse("register:authority", kwargs={"gss_code": intervention.authority.gss_code})
    ).content.decode()
    assert "A secret trigger that must stay private." not in authority_page


def test_it_becomes_public_once_its_directions_are_issued(client) -> None:  # type: ignore[no-untyped-def]
    intervention = make_intervention(trigger="Section 114 notice issued.")
    make_directions(intervention=intervention)
    page = client.get(
        reverse("register:intervention", kwargs={"reference": intervention.reference})
    )
    assert page.status_code == 200
    assert "Section 114 notice issued." in page.content.decode()
