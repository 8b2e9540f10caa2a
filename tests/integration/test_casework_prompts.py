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


def test_the_revised_draft_shows_each_carried_expectations_last_rating_and_commentary() -> None:
    from bestvalue.notices import reviews, services
    from bestvalue.notices.reviews import AssessmentInput

    caseworker = make_user(Role.CASEWORKER)
    old = make_issued_notice(
        caseworker=caseworker,
        issued_on=dt.date(2024, 7, 1),
        expectations=["Work with the board.", "Balance the budget."],
    )
    first, second = old.expectations.all()
    reviews.draft_review(
        old,
        by=caseworker,
        reviewed_on=dt.date(2025, 1, 10),
        decision="reissue",
        rationale="Progress, not yet enough.",
        assessments=[
            AssessmentInput(first.pk, "on_track", "The board meets monthly."),
            AssessmentInput(second.pk, "at_risk", "A gap of 4 million remains."),
        ],
    )
    revised = services.start_reissue(old, by=caseworker)
    client = CheckingClient()
    client.force_login(caseworker)
    html = client.get(reverse("staff:notice", kwargs={"pk": revised.pk})).content.decode()
    expectations = html.split('id="expectations"', 1)[1].split("<h2", 1)[0]
    assert "Last review (10 January 2025): <strong>On track</strong>. The board meets monthly." in (
        expectations
    )
    assert "<strong>At risk</strong>. A gap of 4 million remains." in expectations


def test_drafting_to_an_authority_under_a_notice_or_intervention_warns_at_the_start() -> None:
    from tests.factories import make_intervention

    authority = make_authority(official_name="Slough Borough Council")
    in_force = make_issued_notice(authority=authority, issued_on=dt.date(2024, 12, 1))
    intervention = make_intervention(authority=authority)
    client = _signed_in(Role.CASEWORKER)
    response = client.post(
        reverse("staff:notice-new"),
        {
            "authority": authority.pk,
            "period_months": "12",
            "addressee_name": "Pat Chief",
            "signatory_name": "Sam Sign",
            "signatory_role": "Deputy Director",
        },
        follow=True,
    )
    html = response.content.decode()
    assert response.redirect_chain, html[:3000]
    assert f"Slough Borough Council is already under notice {in_force.reference}" in html
    assert f"subject to statutory intervention {intervention.reference}" in html
    assert html.index("govuk-warning-text") < html.index("<h1")


def test_a_revised_draft_is_not_warned_about_the_notice_it_replaces() -> None:
    from bestvalue.notices import services

    caseworker = make_user(Role.CASEWORKER)
    old = make_issued_notice(caseworker=caseworker, issued_on=dt.date(2024, 12, 1))
    revised = services.start_reissue(old, by=caseworker)
    client = CheckingClient()
    client.force_login(caseworker)
    html = client.get(reverse("staff:notice", kwargs={"pk": revised.pk})).content.decode()
    assert "govuk-warning-text" not in html
