"""One submission, one record (issue 13.7): an intervention create form sent twice (back button
then Save, a second click) makes its record once and lands on it with a message."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.interventions.models import Inspection, Intervention
from tests.clients import CheckingClient
from tests.factories import make_authority, make_intervention, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> CheckingClient:
    user = make_user(Role.CASEWORKER)
    signed_in = CheckingClient()
    signed_in.force_login(user)
    return signed_in


def _token(html: str) -> str:
    found = re.search(r'name="form_token" value="([0-9a-f-]{36})"', html)
    assert found, "the create form carries no one-time token"
    return found.group(1)


def _twice(client: CheckingClient, url: str, data: dict[str, Any]) -> tuple[Any, Any]:
    page = client.get(url).content.decode()
    assert 'data-prevent-double-click="true"' in page
    data = {**data, "form_token": _token(page)}
    return client.post(url, data), client.post(url, data, follow=True)


def test_an_inspection_form_sent_twice_records_one_inspection(client: CheckingClient) -> None:
    intervention = make_intervention()
    url = reverse("staff:intervention-inspection-new", args=[intervention.reference])
    first, second = _twice(
        client,
        url,
        {"announced_on-day": "1", "announced_on-month": "9", "announced_on-year": "2026"},
    )
    assert first.status_code == 302
    assert second.status_code == 200
    assert Inspection.objects.filter(intervention=intervention).count() == 1
    assert second.redirect_chain[-1][0].startswith(
        reverse("staff:intervention", args=[intervention.reference])
    )


def test_opening_an_intervention_twice_opens_one(client: CheckingClient) -> None:
    authority = make_authority()
    first, second = _twice(
        client,
        reverse("staff:intervention-new"),
        {"authority": str(authority.pk), "reference": "testshire-2031", "trigger": "Concerns."},
    )
    assert first.status_code == 302
    assert Intervention.objects.filter(authority=authority).count() == 1
    assert second.redirect_chain[-1][0] == reverse("staff:intervention", args=["testshire-2031"])
