"""A stale edit on any form of the service (issue 17): refused with what changed since the form
was opened beside what the user typed, and shown again as of the current version, so that saving
again saves."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from tests.clients import CheckingClient
from tests.factories import (
    make_action,
    make_draft_notice,
    make_intervention,
    make_issued_notice,
    make_officer,
    make_user,
)

pytestmark = pytest.mark.django_db


def _client(user: Any) -> CheckingClient:
    client = CheckingClient()
    client.force_login(user)
    return client


def _hidden(html: str) -> dict[str, str]:
    """The version and the values the form was opened with, as the page carries them."""
    found = {}
    for name in ("version", "opened"):
        match = re.search(rf'name="{name}" value="([^"]+)"', html)
        assert match, f"the form carries no {name}"
        found[name] = match.group(1)
    return found


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def _refused_then_saved(
    client: CheckingClient, url: str, opened: dict[str, str], typed: dict[str, Any], row: list[str]
) -> None:
    """The first save is refused (409) with the table of changes and the typed text shown; the
    second, with the re-shown form's hidden fields, saves."""
    refused = client.post(url, {**opened, **typed})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "What changed since you opened it" in html
    cells = "".join(rf"<t[dh][^>]*>\s*{re.escape(cell)}\s*</t[dh]>\s*" for cell in row)
    table = unescape(html[html.find("What changed") : html.find("</table>")])
    assert re.search(cells, table), f"the table does not show the change: {table}"
    again = _hidden(html)
    assert again["version"] != opened["version"]
    saved = client.post(url, {**again, **typed})
    assert saved.status_code == 302, saved.content.decode()[:3000]


def test_stale_edit_retry_on_a_notice_form() -> None:
    user = make_user(Role.CASEWORKER)
    client = _client(user)
    notice = make_draft_notice(caseworker=user)
    was = notice.addressee_name
    url = reverse("staff:notice-edit", kwargs={"pk": notice.pk})
    opened = _hidden(client.get(url).content.decode())
    from bestvalue.notices import services

    services.update_draft(
        notice, by=user, version=notice.version, addressee_name="Changed elsewhere"
    )
    typed = {
        "authority": notice.authority_id,
        "period_months": "12",
        "addressee_name": "My careful edit",
        "addressee_role": "",
        "signatory_name": "",
        "signatory_role": "",
    }
    row = ["Addressee's name", was, "Changed elsewhere", "My careful edit"]
    _refused_then_saved(client, url, opened, typed, row)
    notice.refresh_from_db()
    assert notice.addressee_name == "My careful edit"


def test_stale_edit_retry_on_an_intervention_step_form(settings: Any) -> None:
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365
    from bestvalue.interventions import services

    writer = make_user(Role.CASEWORKER)
    client = _client(writer)
    intervention = make_intervention()
    directions = services.draft_directions(
        by=writer, intervention=intervention, made_on=dt.date(2025, 5, 1), functions="At first."
    )
    url = reverse(
        "staff:intervention-directions-edit",
        kwargs={"reference": intervention.reference, "pk": directions.pk},
    )
    opened = _hidden(client.get(url).content.decode())
    services.update_directions(directions, by=writer, functions="Changed elsewhere.")
    typed = {
        **_date("made_on", dt.date(2025, 5, 1)),
        "functions": "My careful edit.",
        "first_report_after_months": "3",
        "report_every_months": "6",
    }
    _refused_then_saved(
        client, url, opened, typed, ["At first.", "Changed elsewhere.", "My careful edit."]
    )
    directions.refresh_from_db()
    assert directions.functions == "My careful edit."


def test_stale_edit_retry_on_an_improvement_action_edit_form() -> None:
    notice = make_issued_notice(expectations=["Implement the improvement plan."])
    action = make_action(notice.authority)
    officer = make_officer(notice.authority)
    client = _client(officer)
    was = action.title
    url = reverse("staff:improvement-action-edit", kwargs={"pk": action.pk})
    opened = _hidden(client.get(url).content.decode())
    from bestvalue.improvement.services import plan

    expectation_ids = [e.pk for e in action.expectations.all()]
    plan.change_action(
        action,
        by=officer,
        version=action.version,
        title="Changed elsewhere",
        owner=action.owner,
        due_on=action.due_on,
        expectation_ids=expectation_ids,
    )
    typed = {
        "title": "My careful edit",
        "owner": "Chief Executive",
        **_date("due_on", dt.date(2024, 6, 30)),
        "expectation_ids": expectation_ids,
        "theme_keys": ["leadership"],
    }
    _refused_then_saved(client, url, opened, typed, [was, "Changed elsewhere", "My careful edit"])
    action.refresh_from_db()
    assert action.title == "My careful edit"
