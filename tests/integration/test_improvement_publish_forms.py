"""The publish buttons on the action, measure, evidence and meeting pages work in a real browser
(publishing goes through the page showing what will be public, since issue 13): their forms carry
the CSRF token (a client that enforces CSRF, as browsers are held to it, gets
through), and each button's visible words start its accessible name (WCAG 2.5.3), with the item
it publishes named in hidden text, escaped."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from tests.clients import CheckingClient
from tests.factories import make_improvement_world, make_issued_notice, make_officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings: Any) -> dict[str, Any]:
    return make_improvement_world(make_issued_notice(), settings=settings)


def _strict_client(user: Any) -> CheckingClient:
    client = CheckingClient(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def _publish_form(html: str, action: str) -> dict[str, Any]:
    """The form posting to `action`: its hidden fields and the markup inside its button."""
    form = re.search(rf'<form method="post" action="{re.escape(action)}".*?</form>', html, re.S)
    assert form, f"no form posts to {action}"
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', form[0]))
    button = re.search(r"<button[^>]*>(.*?)</button>", form[0], re.S)
    assert button, "the form has no button"
    return {"fields": fields, "button": re.sub(r"\s+", " ", button[1]).strip()}


def _pages(world: dict[str, Any]) -> list[tuple[str, Any, str, str, str]]:
    """Each publishable kind: the page showing it, the item, who publishes it, and its noun."""
    return [
        (
            "action",
            world["improvement_action"],
            reverse("staff:improvement-action", kwargs={"pk": world["improvement_action"].pk}),
            "officer",
            f"action {world['improvement_action'].number}",
        ),
        (
            "measure",
            world["improvement_measure"],
            reverse("staff:improvement-measure", kwargs={"pk": world["improvement_measure"].pk}),
            "officer",
            world["improvement_measure"].name,
        ),
        (
            "evidence",
            world["improvement_evidence"],
            reverse("staff:improvement-evidence", kwargs={"pk": world["improvement_evidence"].pk}),
            "officer",
            world["improvement_evidence"].title,
        ),
        (
            "assurance",
            world["improvement_assurance"],
            reverse("staff:board-meeting", kwargs={"pk": world["improvement_meeting"].pk}),
            "member",
            "assurance on expectation 1",
        ),
    ]


@pytest.mark.parametrize("kind", ["action", "measure", "evidence", "assurance"])
def test_publishing_and_withdrawing_get_through_csrf_protection(
    world: dict[str, Any], kind: str
) -> None:
    (_, item, page, who, noun) = next(p for p in _pages(world) if p[0] == kind)
    user = (
        make_officer(world["improvement_authority"])
        if who == "officer"
        else world["improvement_meeting"].recorded_by
    )
    client = _strict_client(user)
    action = reverse("staff:improvement-publish", kwargs={"kind": kind, "pk": item.pk})
    # "Publish" opens the page showing what will be public; its form publishes what it shows.
    link = re.search(
        rf'<a href="{re.escape(action)}"[^>]*>(.*?)</a>', client.get(page).content.decode(), re.S
    )
    assert link, "the page has no link to publish the item"
    assert re.sub(r"\s+", " ", link[1]).strip() == (
        f'Publish<span class="govuk-visually-hidden"> ({noun})</span>'
    )
    form = _publish_form(client.get(action).content.decode(), action)
    assert form["fields"]["csrfmiddlewaretoken"], "the form carries no CSRF token"
    assert form["fields"]["publish"] == "1"
    assert form["fields"]["digest"]
    assert form["button"] == "Publish"
    response = client.post(action, form["fields"])
    assert response.status_code == 302, response.content.decode()[:500]
    item.refresh_from_db()
    assert item.is_published
    form = _publish_form(client.get(page).content.decode(), action)
    assert form["fields"]["publish"] == "0"
    assert form["button"] == (
        f'Withdraw from publication<span class="govuk-visually-hidden"> ({noun})</span>'
    )
    assert client.post(action, form["fields"]).status_code == 302
    item.refresh_from_db()
    assert not item.is_published


def test_the_hidden_name_of_a_publish_button_is_escaped(world: dict[str, Any]) -> None:
    authority = world["improvement_authority"]
    officer = make_officer(authority)
    item = world["improvement_evidence"]
    item.title = 'Minutes <b>"draft"</b> & notes'
    item.save(update_fields=["title"])
    client = _strict_client(officer)
    html = client.get(reverse("staff:improvement-evidence", kwargs={"pk": item.pk})).content
    assert (
        b'Publish<span class="govuk-visually-hidden"> (Minutes &lt;b&gt;&#34;draft&#34;&lt;/b&gt;'
        b" &amp; notes)</span>" in html
    )
    assert b"<b>" not in html
