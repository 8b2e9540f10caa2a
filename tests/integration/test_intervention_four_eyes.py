"""Four eyes for every department-side fact of an intervention (issue 13.2), and approvals bound
to what the approver read (issue 13.1): a caseworker's unapproved facts reach no public channel
and change no public validator; an approval of a version that has since changed is refused with
what changed, and nothing is issued or published."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.guidance.models import Theme
from bestvalue.interventions import services
from bestvalue.interventions.models import (
    ApprovalStatus,
    Directions,
    Inspection,
    Intervention,
    MindedTo,
)
from bestvalue.interventions.services import publication
from bestvalue.records.selectors import approval_of, last_return
from tests.clients import CheckingClient
from tests.factories import make_directions, make_intervention, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    """These tests replay dates from the register's past; the margin of dates from today
    (rules.too_far_from_today) is tested in test_intervention_rules.py."""
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


D = dt.date

SECRETS = (
    "Zebedee Unapproved",
    "Unapproved report title",
    "Unapproved response summary",
    "Unapproved trigger words",
    "Unapproved powers proposed",
    "Unapproved finding summary",
    "Unapproved representations",
    "hidden-2026",
)


def _client(role: str) -> tuple[CheckingClient, Any]:
    user = make_user(role)
    client = CheckingClient()
    client.force_login(user)
    return client, user


def _digest(html: str) -> str:
    found = re.search(r'name="digest" value="([0-9a-f]{64})"', html)
    assert found, "the approve form carries no digest"
    return found.group(1)


def _public_urls(intervention: Intervention) -> list[str]:
    gss = intervention.authority.gss_code
    reference = intervention.reference
    urls = [
        reverse("register:authority", kwargs={"gss_code": gss}),
        reverse("register:intervention", kwargs={"reference": reference}),
        reverse("register:register") + "?kind=intervention",
        reverse("register:feed"),
        reverse("register:authority-feed", kwargs={"gss_code": gss}),
        reverse("register:calendar"),
        reverse("register:authority-calendar", kwargs={"gss_code": gss}),
        reverse("api:v1:interventions"),
        reverse("api:v1:intervention", kwargs={"reference": reference}),
        reverse("api:v1:timeline", kwargs={"gss": gss}),
        reverse("api:v1:authority", kwargs={"gss": gss}),
    ]
    for dataset in ("inspections", "interventions", "appointees"):
        for fmt in ("csv", "json"):
            urls.append(reverse("register:download", kwargs={"dataset": dataset, "fmt": fmt}))
    return urls


def _read(urls: list[str]) -> dict[str, tuple[int, str, str, str]]:
    """Each public response: status, body (with the per-request nonce taken out), validators."""
    client = CheckingClient()
    seen = {}
    for url in urls:
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # Leave out what differs on every request: the CSP nonce, the time a file was generated.
        text = re.sub(r'nonce="[^"]*"|"generated_at": "[^"]*"', "", body.decode())
        seen[url] = (
            response.status_code,
            text,
            response.get("ETag", ""),
            response.get("Last-Modified", ""),
        )
    return seen


def _record_everything(caseworker: Any, intervention: Intervention, directions: Directions) -> None:
    """A caseworker records one of each department-side fact, none of it approved."""
    inspection = services.record_inspection(
        by=caseworker,
        intervention=intervention,
        announced_on=D(2026, 9, 1),
        report_due_on=D(2027, 3, 1),
        inspectors=[("Zebedee Unapproved", "lead")],
    )
    services.extend_inspection_deadline(
        by=caseworker, inspection=inspection, new_deadline_on=D(2027, 4, 1)
    )
    theme = Theme.objects.order_by("position").first()
    assert theme is not None
    services.record_finding(
        by=caseworker,
        record=inspection,
        theme=theme,
        meets_duty=False,
        summary="Unapproved finding summary",
    )
    report = services.record_report(
        by=caseworker,
        directions=directions,
        due_on=D(2024, 7, 1),
        received_on=D(2024, 7, 2),
        title="Unapproved report title",
    )
    services.record_department_response(
        by=caseworker,
        report=report,
        published_on=D(2024, 8, 1),
        summary="Unapproved response summary",
    )
    letter = intervention.minded_to_letters.get(status=ApprovalStatus.ISSUED)
    services.record_representation(
        by=caseworker,
        minded_to=letter,
        made_by="The council",
        received_on=D(2023, 11, 10),
        summary="Unapproved representations",
    )
    services.draft_minded_to(
        by=caseworker,
        intervention=intervention,
        letter_on=D(2026, 12, 1),
        proposed_powers="Unapproved powers proposed",
    )
    hidden = services.open_intervention(
        by=caseworker,
        authority=intervention.authority,
        reference="hidden-2026",
        trigger="Unapproved trigger words",
    )
    services.record_non_statutory_stage(
        by=caseworker, intervention=hidden, kind="non_statutory_panel", started_on=D(2026, 10, 1)
    )


@pytest.fixture
def published() -> tuple[Intervention, Directions]:
    intervention = make_intervention()
    directions = make_directions(intervention=intervention)
    MindedTo.objects.create(
        intervention=intervention,
        position=29,
        letter_on=D(2023, 11, 1),
        representations_by=D(2023, 11, 20),
        status=ApprovalStatus.ISSUED,
    )
    return intervention, directions


def test_four_eyes_publication_a_caseworkers_facts_reach_no_public_channel_until_approved(
    published: tuple[Intervention, Directions],
) -> None:
    intervention, directions = published
    urls = _public_urls(intervention)
    before = _read(urls)
    assert all(status == 200 for status, *_ in before.values())
    caseworker = make_user(Role.CASEWORKER)
    _record_everything(caseworker, intervention, directions)
    after = _read(urls)
    for url in urls:
        status, text, etag, modified = after[url]
        for secret in SECRETS:
            assert secret not in text, f"{secret!r} is public at {url}"
        # The same response and the same validators: nothing public changed.
        assert (status, text, etag, modified) == before[url], url
    hidden = CheckingClient()
    assert hidden.get(reverse("register:intervention", args=["hidden-2026"])).status_code == 404
    assert hidden.get(reverse("api:v1:intervention", args=["hidden-2026"])).status_code == 404

    # Sent for approval: still nothing public.
    services.submit_publication(intervention, by=caseworker)
    services.submit_publication(Intervention.objects.get(reference="hidden-2026"), by=caseworker)
    sent = _read(urls)
    assert all(sent[url][2:] == before[url][2:] for url in urls)

    # The drafter cannot publish them; another approver publishes exactly what they read.
    approver = make_user(Role.APPROVER)
    for record in (intervention, Intervention.objects.get(reference="hidden-2026")):
        digest = _content_digest(record)
        services.approve_publication(record, by=approver, digest_read=digest)
    published_now = _read(urls)
    everything = " ".join(text for _, text, _, _ in published_now.values())
    for secret in ("Zebedee Unapproved", "Unapproved report title", "Unapproved trigger words"):
        assert secret in everything
    assert (
        published_now[reverse("api:v1:interventions")][2]
        != before[reverse("api:v1:interventions")][2]
    )


def _content_digest(intervention: Intervention) -> str:
    from bestvalue.records.rules import digest

    return digest(publication.content(intervention))


def test_four_eyes_publication_the_drafter_and_editors_cannot_publish_their_own_facts(
    published: tuple[Intervention, Directions],
) -> None:
    intervention, _ = published
    caseworker, approver = make_user(Role.CASEWORKER), make_user(Role.APPROVER)
    inspection = services.record_inspection(
        by=caseworker, intervention=intervention, announced_on=D(2026, 9, 1)
    )
    services.update_inspection(inspection, by=approver, note="Changed by the approver.")
    services.submit_publication(intervention, by=caseworker)
    assert publication.refusal(approver, intervention) == (
        "You wrote or edited this, so another approver must approve it."
    )
    assert publication.refusal(caseworker, intervention) == (
        "Only a department approver can approve this."
    )


def test_four_eyes_publication_a_published_fact_changed_leaves_the_record_until_approved(
    published: tuple[Intervention, Directions],
) -> None:
    intervention, _ = published
    caseworker = make_user(Role.CASEWORKER)
    services.update_intervention(intervention, by=caseworker, trigger="Unapproved trigger words")
    page = CheckingClient().get(
        reverse("register:intervention", kwargs={"reference": intervention.reference})
    )
    assert page.status_code == 404
    assert Intervention.objects.get(pk=intervention.pk).publication == ApprovalStatus.DRAFT


# --- Approval binds to what was read (stale approvals) -----------------------------------------


def _approve_url(record: Any) -> str:
    stage = "minded-to" if isinstance(record, MindedTo) else "directions"
    return reverse(
        "staff:intervention-stage-approve",
        kwargs={"reference": record.intervention.reference, "stage": stage, "pk": record.pk},
    )


def _stale_approval_of(record: Any, change: dict[str, Any], label: str) -> None:
    """The approver opens the approve page; the caseworker takes the record back, changes it and
    sends it again; the approver's approval of what they read is refused (409) with the change
    shown, and nothing is issued. The page offers the current content with a fresh digest."""
    caseworker = record.drafted_by
    approver_client, _ = _client(Role.APPROVER)
    opened = approver_client.get(_approve_url(record))
    assert opened.status_code == 200
    read = _digest(opened.content.decode())
    returned = services.return_to_draft(record, by=caseworker, reason="Fixing a detail.")
    update = (
        services.update_minded_to if isinstance(record, MindedTo) else services.update_directions
    )
    changed = update(returned, by=caseworker, **change)  # type: ignore[operator]
    services.submit_for_approval(changed, by=caseworker)
    refused = approver_client.post(_approve_url(record), {"digest": read})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "What changed since you opened it" in html
    assert label in html
    assert type(record).objects.get(pk=record.pk).status == ApprovalStatus.AWAITING_APPROVAL
    fresh = _digest(html)
    assert fresh != read
    approved = approver_client.post(_approve_url(record), {"digest": fresh})
    assert approved.status_code == 302
    issued = type(record).objects.get(pk=record.pk)
    assert issued.status == ApprovalStatus.ISSUED
    kept = approval_of(issued)
    assert kept is not None
    assert kept.digest == fresh
    page = approver_client.get(
        reverse("staff:intervention", kwargs={"reference": record.intervention.reference})
    ).content.decode()
    assert fresh in page


def test_stale_approval_of_a_minded_to_letter_is_refused_with_what_changed() -> None:
    caseworker = make_user(Role.CASEWORKER)
    letter = services.draft_minded_to(
        by=caseworker,
        intervention=make_intervention(),
        letter_on=D(2024, 5, 1),
        representations_by=D(2024, 5, 20),
        proposed_powers="Directions to take action.",
        addressee_name="Chief Executive",
    )
    letter = services.submit_for_approval(letter, by=caseworker)
    _stale_approval_of(letter, {"proposed_powers": "Commissioners take over."}, "Proposed powers")


@pytest.mark.parametrize("kind", ["directions", "exit"])
def test_stale_approval_of_directions_and_exit_is_refused_with_what_changed(kind: str) -> None:
    caseworker = make_user(Role.CASEWORKER)
    intervention = make_intervention()
    directions = services.draft_directions(
        by=caseworker,
        intervention=intervention,
        kind=kind,
        made_on=D(2024, 6, 1),
        ends_on=D(2026, 6, 1) if kind == "directions" else None,
        functions="Finance.",
    )
    directions = services.submit_for_approval(directions, by=caseworker)
    _stale_approval_of(directions, {"functions": "Finance and planning."}, "Functions")


def test_stale_approval_of_a_publication_is_refused_and_nothing_is_published(
    published: tuple[Intervention, Directions],
) -> None:
    intervention, _ = published
    caseworker_client, caseworker = _client(Role.CASEWORKER)
    inspection = services.record_inspection(
        by=caseworker, intervention=intervention, announced_on=D(2026, 9, 1)
    )
    submit = reverse("staff:intervention-publication-submit", args=[intervention.reference])
    assert caseworker_client.post(submit).status_code == 302
    approver_client, _ = _client(Role.APPROVER)
    approve = reverse("staff:intervention-publication-approve", args=[intervention.reference])
    read = _digest(approver_client.get(approve).content.decode())
    services.update_inspection(inspection, by=caseworker, report_due_on=D(2027, 1, 5))
    assert caseworker_client.post(submit).status_code == 302
    refused = approver_client.post(approve, {"digest": read})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "What changed since you opened it" in html
    assert "Report due" in html
    assert Inspection.objects.get(pk=inspection.pk).publication != ApprovalStatus.ISSUED
    assert approver_client.post(approve, {"digest": _digest(html)}).status_code == 302
    assert Inspection.objects.get(pk=inspection.pk).publication == ApprovalStatus.ISSUED


def test_a_returned_publication_shows_the_reason_at_the_top_of_the_page(
    published: tuple[Intervention, Directions],
) -> None:
    intervention, _ = published
    caseworker_client, caseworker = _client(Role.CASEWORKER)
    services.record_inspection(by=caseworker, intervention=intervention, announced_on=D(2026, 9, 1))
    services.submit_publication(intervention, by=caseworker)
    approver_client, _ = _client(Role.APPROVER)
    back = reverse("staff:intervention-publication-return", args=[intervention.reference])
    assert approver_client.post(back, {"reason": "The date is wrong."}).status_code == 302
    returned = last_return(intervention)
    assert returned is not None
    assert returned.reason == "The date is wrong."
    page = caseworker_client.get(
        reverse("staff:intervention", args=[intervention.reference])
    ).content.decode()
    assert page.index("The date is wrong.") < page.index("Not yet on the public record")
    assert "History" in page
    assert "Publication returned" in page
