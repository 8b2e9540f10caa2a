"""The department's notice journeys through the pages, as a caseworker and an approver would do
them with JavaScript off: plain forms and redirects."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.core import clock
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import Status
from tests.clients import CheckingClient
from tests.factories import make_authority, make_issued_notice, make_user

pytestmark = pytest.mark.django_db


def _client(role: str) -> tuple[CheckingClient, object]:
    user = make_user(role)
    client = CheckingClient()
    client.force_login(user)
    return client, user


def _version(html: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', html)
    assert found, "the form carries no version"
    return found.group(1)


def _digest(html: str) -> str:
    found = re.search(r'name="digest" (?:type="hidden" )?value="([0-9a-f]{64})"', html)
    assert found, "the approve form carries no digest of the content read"
    return found.group(1)


def _date(prefix: str, day: int, month: int, year: int) -> dict[str, str]:
    return {f"{prefix}-day": str(day), f"{prefix}-month": str(month), f"{prefix}-year": str(year)}


def _add_item(
    client: CheckingClient, notice: Notice, kind: str, text: str, themes: list[str]
) -> None:
    url = reverse("staff:item-add", kwargs={"pk": notice.pk, "kind": kind})
    page = client.get(url)
    response = client.post(
        url, {"version": _version(page.content.decode()), "text": text, "themes": themes}
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_draft_approve_and_issue() -> None:
    caseworker_client, _ = _client(Role.CASEWORKER)
    authority = make_authority(official_name="Testborough Council")
    response = caseworker_client.post(
        reverse("staff:notice-new"),
        {
            "authority": authority.pk,
            "period_months": "12",
            "addressee_name": "Pat Chief",
            "addressee_role": "Chief Executive",
            "signatory_name": "Sam Sign",
            "signatory_role": "Deputy Director",
        },
    )
    assert response.status_code == 302
    notice = Notice.objects.get()
    _add_item(
        caseworker_client,
        notice,
        "grounds",
        "The auditor's statutory recommendations.",
        ["governance"],
    )
    _add_item(
        caseworker_client,
        notice,
        "expectations",
        "Work with the independent improvement board.",
        ["continuous_improvement"],
    )
    page = caseworker_client.get(reverse("staff:notice", kwargs={"pk": notice.pk})).content.decode()
    assert "Work with the independent improvement board." in page
    response = caseworker_client.post(
        reverse("staff:notice-submit", kwargs={"pk": notice.pk}), {"version": _version(page)}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == Status.AWAITING_APPROVAL

    # The caseworker cannot approve; an approver can.
    assert (
        caseworker_client.get(reverse("staff:notice-approve", kwargs={"pk": notice.pk})).status_code
        == 403
    )
    approver_client, approver = _client(Role.APPROVER)
    approve = reverse("staff:notice-approve", kwargs={"pk": notice.pk})
    opened = approver_client.get(approve)
    assert opened.status_code == 200
    response = approver_client.post(
        approve, {**_date("issued_on", 3, 2, 2025), "digest": _digest(opened.content.decode())}
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert (notice.status, notice.reference, notice.approved_by) == (
        Status.ISSUED,
        "BVN-2025-001",
        approver,
    )
    page = approver_client.get(reverse("staff:notice", kwargs={"pk": notice.pk})).content.decode()
    assert "3 February 2026" in page  # expiry


def test_a_missing_date_is_named_and_nothing_is_issued() -> None:
    approver_client, _ = _client(Role.APPROVER)
    from bestvalue.notices import services
    from tests.factories import make_draft_notice

    user = make_user(Role.CASEWORKER)
    notice = services.submit_for_approval(make_draft_notice(caseworker=user), by=user)
    response = approver_client.post(
        reverse("staff:notice-approve", kwargs={"pk": notice.pk}),
        {"issued_on-day": "31", "issued_on-month": "2", "issued_on-year": "2025"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The date the notice is issued must be a real date" in html
    assert 'href="#id_issued_on-day"' in html
    notice.refresh_from_db()
    assert notice.status == Status.AWAITING_APPROVAL


def test_a_stale_edit_is_refused_and_the_input_is_shown_again() -> None:
    client, user = _client(Role.CASEWORKER)
    from tests.factories import make_draft_notice

    notice = make_draft_notice(caseworker=user)
    url = reverse("staff:notice-edit", kwargs={"pk": notice.pk})
    stale_version = _version(client.get(url).content.decode())
    from bestvalue.notices import services

    services.update_draft(
        notice, by=user, version=notice.version, addressee_name="Changed elsewhere"
    )
    response = client.post(
        url,
        {
            "version": stale_version,
            "authority": notice.authority_id,
            "period_months": "12",
            "addressee_name": "My careful edit",
            "addressee_role": "",
            "signatory_name": "",
            "signatory_role": "",
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this notice" in html
    assert 'value="My careful edit"' in html
    notice.refresh_from_db()
    assert notice.addressee_name == "Changed elsewhere"


def test_reissue_with_the_change_page() -> None:
    client, _user = _client(Role.CASEWORKER)
    old = make_issued_notice(expectations=["Keep the board.", "Implement the plan."])
    response = client.post(reverse("staff:notice-reissue", kwargs={"pk": old.pk}))
    assert response.status_code == 302
    revised = Notice.objects.get(replaces=old)
    _add_item(client, revised, "acknowledgements", "Permanent senior appointments.", [])
    _add_item(
        client,
        revised,
        "expectations",
        "Engage with the Department at official level.",
        ["partnerships_and_community_engagement"],
    )
    html = client.get(reverse("staff:notice-changes", kwargs={"pk": revised.pk})).content.decode()
    assert "1 added, 0 dropped, 0 reworded, 2 unchanged" in html
    assert "Permanent senior appointments." in html
    assert "12 months, now 6 months" in html
    assert "govuk-table__cell" in html  # the comparison table, through the GOV.UK macro
    assert "Keep the board." in html


@pytest.mark.parametrize(
    ("decision", "status"),
    [("lapse", Status.LAPSED), ("withdraw", Status.WITHDRAWN), ("escalate", Status.ESCALATED)],
)
def test_review_then_approved_decision(decision: str, status: Status) -> None:
    client, _ = _client(Role.CASEWORKER)
    notice = make_issued_notice(expectations=["Keep the board."])
    expectation = notice.expectations.get()
    url = reverse("staff:review-edit", kwargs={"pk": notice.pk})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            **_date("reviewed_on", 2, 1, 2025),
            "decision": decision,
            "rationale": "Assured.",
            f"rating_{expectation.pk}": "met",
            f"commentary_{expectation.pk}": "Board in place.",
            f"evidence_{expectation.pk}": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    review = notice.reviews.get()
    assert client.post(reverse("staff:review-submit", kwargs={"pk": review.pk})).status_code == 302
    approver_client, _ = _client(Role.APPROVER)
    opened = approver_client.get(reverse("staff:review", kwargs={"pk": review.pk}))
    response = approver_client.post(
        reverse("staff:review-approve", kwargs={"pk": review.pk}),
        {"digest": _digest(opened.content.decode())},
    )
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.status == status


def test_the_review_form_names_each_missing_assessment() -> None:
    client, _ = _client(Role.CASEWORKER)
    notice = make_issued_notice(expectations=["One.", "Two."])
    response = client.post(
        reverse("staff:review-edit", kwargs={"pk": notice.pk}),
        {**_date("reviewed_on", 2, 1, 2025), "decision": "lapse", "rationale": "Done."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Choose an assessment for expectation 1" in html
    assert "Choose an assessment for expectation 2" in html
    assert not notice.reviews.exists()


def test_the_dashboard_shows_what_needs_attention() -> None:
    client, _ = _client(Role.APPROVER)
    make_issued_notice(
        authority=make_authority(official_name="Expiring Council"), issued_on=clock.today()
    )
    html = client.get(reverse("staff:home")).content.decode()
    assert "Case workspace" in html
    assert "Authorities under a notice (1)" in html
    assert "Expiring Council" in html


def test_the_dashboard_answers_in_force_on_a_date() -> None:
    client, _ = _client(Role.CASEWORKER)
    make_issued_notice(authority=make_authority(official_name="Forceshire Council"))
    dashboard = client.get(reverse("staff:home")).content.decode()
    assert f'action="{reverse("staff:in-force")}"' in dashboard
    html = client.get(
        reverse("staff:in-force"), {"on-day": "1", "on-month": "6", "on-year": "2024"}
    ).content.decode()
    assert "1 notice was in force on 1 June 2024." in html
    assert "Forceshire Council" in html
    bad = client.get(
        reverse("staff:in-force"), {"on-day": "1", "on-month": "13", "on-year": "2024"}
    )
    # The form that failed answers 400, with the summary at the top of its page; the
    # workspace itself never answers 400 for it.
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "The date must be a real date" in text
    assert text.index("govuk-error-summary") < text.index("<h1")
