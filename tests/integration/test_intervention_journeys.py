"""The department's intervention journeys through the pages, as a caseworker and an approver would
do them with JavaScript off: plain forms and redirects, four eyes, and refusals that save nothing."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.interventions.models import (
    Appointee,
    ApprovalStatus,
    Directions,
    Inspection,
    Intervention,
    MindedTo,
    Report,
)
from tests.clients import CheckingClient
from tests.factories import make_authority, make_directions, make_intervention, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    """These tests replay dates from the register's past; the margin of dates from today
    (rules.too_far_from_today) is tested in test_intervention_rules.py."""
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


D = dt.date


def _client(role: str) -> tuple[CheckingClient, Any]:
    user = make_user(role)
    client = CheckingClient()
    client.force_login(user)
    return client, user


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def _digest(html: str) -> str:
    """The digest of the content shown, carried by the approve form."""
    found = re.search(r'name="digest" value="([0-9a-f]{64})"', html)
    assert found, "the approve form carries no digest"
    return found.group(1)


def _version(html: str, action: str = "") -> str:
    """The version carried by the form (the one posting to `action`, if given)."""
    pattern = r'name="version" value="(\d+)"'
    if action:
        pattern = re.escape(action) + r'".*?' + pattern
    found = re.search(pattern, html, re.S)
    assert found, "the form carries no version"
    return found.group(1)


def _page(client: CheckingClient, intervention: Intervention) -> str:
    response = client.get(
        reverse("staff:intervention", kwargs={"reference": intervention.reference})
    )
    assert response.status_code == 200
    return response.content.decode()


def _url(name: str, intervention: Intervention, **kwargs: Any) -> str:
    return reverse(name, kwargs={"reference": intervention.reference, **kwargs})


def _stage_url(name: str, record: Any) -> str:
    stage = "minded-to" if isinstance(record, MindedTo) else "directions"
    return _url(name, record.intervention, stage=stage, pk=record.pk)


def _publish(client: CheckingClient, intervention: Intervention) -> None:
    """The caseworker sends the intervention's drafts for approval on its page; an approver reads
    them and approves exactly what they read (four eyes for publication)."""
    page = _page(client, intervention)
    assert "Not yet on the public record" in page
    submit = _url("staff:intervention-publication-submit", intervention)
    _assert_redirected(client.post(submit))
    approver_client, _ = _client(Role.APPROVER)
    approve = _url("staff:intervention-publication-approve", intervention)
    shown = approver_client.get(approve).content.decode()
    _assert_redirected(approver_client.post(approve, {"digest": _digest(shown)}))


def _assert_redirected(response: Any) -> None:
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.fixture
def caseworker() -> tuple[CheckingClient, Any]:
    return _client(Role.CASEWORKER)


@pytest.fixture
def approver() -> tuple[CheckingClient, Any]:
    return _client(Role.APPROVER)


def test_open_an_intervention_and_record_an_inspection(caseworker: Any) -> None:
    client, _ = caseworker
    authority = make_authority(official_name="Testborough Council")
    response = client.post(
        reverse("staff:intervention-new"),
        {
            "authority": authority.pk,
            "reference": "testborough-2025",
            "trigger": "Section 114 notice and a failing audit.",
        },
    )
    _assert_redirected(response)
    intervention = Intervention.objects.get(reference="testborough-2025")
    response = client.post(
        _url("staff:intervention-inspection-new", intervention),
        {
            **_date("announced_on", D(2025, 3, 3)),
            **_date("report_due_on", D(2025, 6, 30)),
            "lead_inspector": "Pat Lead",
            "assistant_inspectors": "Sam Assist\nJo Assist",
            "sources": "https://www.gov.uk/inspection",
        },
    )
    _assert_redirected(response)
    inspection = Inspection.objects.get(intervention=intervention)
    assert [(i.name, i.role) for i in inspection.inspectors.all()] == [
        ("Pat Lead", "lead"),
        ("Sam Assist", "assistant"),
        ("Jo Assist", "assistant"),
    ]
    response = client.post(
        _url("staff:intervention-inspection-extend", intervention, pk=inspection.pk),
        {**_date("made_on", D(2025, 6, 1)), **_date("new_deadline_on", D(2025, 8, 29))},
    )
    _assert_redirected(response)
    edit = _url("staff:intervention-inspection-edit", intervention, pk=inspection.pk)
    response = client.post(
        edit,
        {
            "version": _version(client.get(edit).content.decode()),
            **_date("announced_on", D(2025, 3, 3)),
            **_date("report_due_on", D(2025, 6, 30)),
            **_date("report_submitted_on", D(2025, 8, 20)),
            **_date("report_published_on", D(2025, 9, 10)),
            "report_url": "https://www.gov.uk/report",
        },
    )
    _assert_redirected(response)
    response = client.post(
        _url("staff:intervention-inspection-findings", intervention, pk=inspection.pk),
        {
            "verdict_governance": "fails",
            "summary_governance": "Weak scrutiny.",
            "verdict_culture": "meets",
        },
    )
    _assert_redirected(response)
    html = _page(client, intervention)
    for text in (
        "3 March 2025",
        "Pat Lead (lead inspector)",
        "Extended on 1 June 2025 to 29 August 2025",
        "10 September 2025",
        "Weak scrutiny.",
        "Does not meet the duty",
    ):
        assert text in html
    assert AuditEvent.objects.filter(action="inspection.deadline_extended").count() == 1
    assert AuditEvent.objects.filter(action="finding.recorded").count() == 2


def test_an_inspection_report_cannot_be_published_before_it_is_submitted(caseworker: Any) -> None:
    client, _ = caseworker
    intervention = make_intervention()
    url = _url("staff:intervention-inspection-new", intervention)
    response = client.post(
        url, {**_date("announced_on", D(2025, 3, 3)), **_date("report_due_on", D(2025, 3, 1))}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html
    assert "The report deadline must be after the date the inspection was announced" in html
    assert 'href="#id_report_due_on-day"' in html
    assert not Inspection.objects.exists()


def test_draft_a_minded_to_letter_then_another_approves_it(caseworker: Any, approver: Any) -> None:
    client, writer = caseworker
    intervention = make_intervention()
    response = client.post(
        _url("staff:intervention-minded-to-new", intervention),
        {
            **_date("letter_on", D(2025, 4, 1)),
            "proposed_model": "commissioners",
            "proposed_legal_basis": ["s.15(5)", "s.15(6)"],
            "proposed_powers": "Finance and governance functions.",
            "window": "invited",
            **_date("representations_by", D(2025, 4, 15)),
        },
    )
    _assert_redirected(response)
    letter = MindedTo.objects.get()
    assert (letter.status, letter.drafted_by) == (ApprovalStatus.DRAFT, writer)
    html = _page(client, intervention)
    assert "Send for approval" in html
    submit = _stage_url("staff:intervention-stage-submit", letter)
    _assert_redirected(client.post(submit, {"version": _version(html, submit)}))

    # The drafter sees no approval button and is refused if they try.
    html = _page(client, intervention)
    assert "Approve and issue" not in html
    approve = _stage_url("staff:intervention-stage-approve", letter)
    assert client.get(approve).status_code == 403

    approver_client, boss = approver
    html = _page(approver_client, intervention)
    assert "Approve and issue" in html
    page = approver_client.get(approve)
    assert page.status_code == 200
    assert "15 April 2025" in page.content.decode()
    _assert_redirected(approver_client.post(approve, {"digest": _digest(page.content.decode())}))
    letter.refresh_from_db()
    assert (letter.status, letter.approved_by) == (ApprovalStatus.ISSUED, boss)
    public = CheckingClient().get(
        reverse("register:intervention", kwargs={"reference": intervention.reference})
    )
    assert "Closing date 15 April 2025" in public.content.decode()


def test_an_approver_who_changed_the_draft_cannot_approve_it(caseworker: Any) -> None:
    from bestvalue.interventions import services

    _, writer = caseworker
    approver_client, approver = _client(Role.APPROVER)
    intervention = make_intervention()
    letter = services.draft_minded_to(by=writer, intervention=intervention, letter_on=D(2025, 4, 1))
    services.update_minded_to(letter, by=approver, proposed_powers="Changed by the approver.")
    letter = services.submit_for_approval(letter, by=writer)
    html = _page(approver_client, intervention)
    assert "Approve and issue" not in html
    assert "You wrote or edited this, so another approver must approve it." in html
    response = approver_client.post(
        _stage_url("staff:intervention-stage-approve", letter), {"version": str(letter.version)}
    )
    assert response.status_code == 403
    letter.refresh_from_db()
    assert letter.status == ApprovalStatus.AWAITING_APPROVAL


def test_a_foregone_window_needs_a_reason_and_nothing_is_saved(caseworker: Any) -> None:
    client, _ = caseworker
    intervention = make_intervention()
    response = client.post(
        _url("staff:intervention-minded-to-new", intervention),
        {
            **_date("letter_on", D(2025, 4, 1)),
            "window": "foregone",
            **_date("representations_by", D(2025, 4, 15)),
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter why the representation window is foregone as urgent" in html
    assert "Leave the closing date blank when the window is foregone as urgent" in html
    assert not MindedTo.objects.exists()


def test_draft_directions_with_appointees_then_approve_them(caseworker: Any, approver: Any) -> None:
    client, _ = caseworker
    intervention = make_intervention()
    response = client.post(
        _url("staff:intervention-directions-new", intervention, kind="directions"),
        {
            **_date("made_on", D(2025, 5, 1)),
            "legal_basis": ["s.15(5)", "s.15(6)"],
            "model": "commissioners",
            "functions": "All functions relating to finance.",
            **_date("ends_on", D(2027, 4, 30)),
            "first_report_after_months": "3",
            "report_every_months": "6",
        },
    )
    _assert_redirected(response)
    directions = Directions.objects.get()
    add = _url("staff:intervention-appointee-new", intervention, pk=directions.pk)
    for name, role, fee, days in (
        ("Max Lead", "lead_commissioner", "1100", "120"),
        ("Finn Ance", "finance_commissioner", "950.50", "100"),
    ):
        _assert_redirected(
            client.post(
                add, {"name": name, "role": role, "fee_per_day": fee, "days_per_year": days}
            )
        )
    html = _page(client, intervention)
    assert "£132,000.00" in html  # 1,100 a day for at most 120 days
    assert "£95,050.00" in html
    assert "£227,050.00" in html  # the total
    submit = _stage_url("staff:intervention-stage-submit", directions)
    _assert_redirected(client.post(submit, {"version": _version(html, submit)}))
    approver_client, _ = approver
    approve = _stage_url("staff:intervention-stage-approve", directions)
    page = approver_client.get(approve).content.decode()
    _assert_redirected(approver_client.post(approve, {"digest": _digest(page)}))
    directions.refresh_from_db()
    assert directions.status == ApprovalStatus.ISSUED
    assert Appointee.objects.filter(directions=directions).count() == 2
    public = CheckingClient().get(
        reverse("register:intervention", kwargs={"reference": intervention.reference})
    )
    html = public.content.decode()
    for text in ("Max Lead", "30 April 2027", "£227,050.00"):
        assert text in html


def test_directions_cannot_end_before_they_are_made(caseworker: Any) -> None:
    client, _ = caseworker
    intervention = make_intervention()
    response = client.post(
        _url("staff:intervention-directions-new", intervention, kind="directions"),
        {
            **_date("made_on", D(2025, 5, 1)),
            **_date("ends_on", D(2025, 4, 30)),
            "first_report_after_months": "3",
            "report_every_months": "6",
        },
    )
    assert response.status_code == 400
    assert (
        "The end date must be after the date the directions were made" in response.content.decode()
    )
    assert not Directions.objects.exists()


def test_a_stale_edit_of_draft_directions_is_refused(caseworker: Any) -> None:
    from bestvalue.interventions import services

    client, writer = caseworker
    intervention = make_intervention()
    directions = services.draft_directions(
        by=writer, intervention=intervention, made_on=D(2025, 5, 1)
    )
    url = _url("staff:intervention-directions-edit", intervention, pk=directions.pk)
    stale = _version(client.get(url).content.decode())
    services.update_directions(directions, by=writer, functions="Changed elsewhere.")
    response = client.post(
        url,
        {
            "version": stale,
            **_date("made_on", D(2025, 5, 1)),
            "functions": "My careful edit.",
            "first_report_after_months": "3",
            "report_every_months": "6",
        },
    )
    assert response.status_code == 409
    assert "Someone else changed this directions" in response.content.decode()
    directions.refresh_from_db()
    assert directions.functions == "Changed elsewhere."


def test_schedule_and_record_a_report_and_the_response(caseworker: Any) -> None:
    client, _ = caseworker
    directions = make_directions(made_on=D(2024, 1, 1), ends_on=D(2025, 12, 31))
    intervention = directions.intervention
    schedule = _url("staff:intervention-report-schedule", intervention, pk=directions.pk)
    response = client.post(
        schedule,
        {
            "version": _version(client.get(schedule).content.decode()),
            "first_after_months": "4",
            "every_months": "6",
        },
    )
    _assert_redirected(response)
    assert list(Report.objects.values_list("due_on", flat=True)) == [
        D(2024, 5, 1),
        D(2024, 11, 1),
        D(2025, 5, 1),
        D(2025, 11, 1),
    ]
    report = Report.objects.get(due_on=D(2024, 5, 1))
    edit = _url("staff:intervention-report-edit", intervention, pk=report.pk)
    response = client.post(
        edit,
        {
            "version": _version(client.get(edit).content.decode()),
            "title": "Commissioners' first report",
            **_date("due_on", D(2024, 5, 1)),
            **_date("received_on", D(2024, 5, 3)),
            **_date("published_on", D(2024, 6, 1)),
            "url": "https://www.gov.uk/first-report",
        },
    )
    _assert_redirected(response)
    response = client.post(
        _url("staff:intervention-response-new", intervention, pk=report.pk),
        {**_date("published_on", D(2024, 6, 1)), "summary": "Progress noted; risks remain."},
    )
    _assert_redirected(response)
    html = _page(client, intervention)
    assert "Commissioners&#39; first report" in html
    assert "Progress noted; risks remain." in html
    public = CheckingClient().get(
        reverse("register:authority", kwargs={"gss_code": intervention.authority.gss_code})
    )
    assert "Progress noted; risks remain." not in public.content.decode()
    _publish(client, intervention)
    public = CheckingClient().get(
        reverse("register:authority", kwargs={"gss_code": intervention.authority.gss_code})
    )
    assert "Progress noted; risks remain." in public.content.decode()


def test_a_report_before_the_directions_is_refused(caseworker: Any) -> None:
    client, _ = caseworker
    directions = make_directions(made_on=D(2024, 1, 1))
    response = client.post(
        _url("staff:intervention-report-new", directions.intervention, pk=directions.pk),
        {"title": "Early", **_date("received_on", D(2023, 12, 1))},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A report cannot be received before the directions were made" in html
    assert 'href="#id_received_on-day"' in html
    assert not Report.objects.exists()


def test_record_the_exit_through_four_eyes(caseworker: Any, approver: Any) -> None:
    client, _ = caseworker
    directions = make_directions(made_on=D(2022, 1, 1), ends_on=D(2026, 12, 31))
    intervention = directions.intervention
    response = client.post(
        _url("staff:intervention-directions-new", intervention, kind="exit"),
        {
            "amends": str(directions.pk),
            **_date("made_on", D(2025, 9, 1)),
            "functions": "All functions returned to the council.",
            "board_afterwards": "A non-statutory improvement and assurance board.",
        },
    )
    _assert_redirected(response)
    exit_record = Directions.objects.get(kind="exit")
    html = _page(client, intervention)
    submit = _stage_url("staff:intervention-stage-submit", exit_record)
    _assert_redirected(client.post(submit, {"version": _version(html, submit)}))
    approver_client, _ = approver
    approve = _stage_url("staff:intervention-stage-approve", exit_record)
    page = approver_client.get(approve).content.decode()
    _assert_redirected(approver_client.post(approve, {"digest": _digest(page)}))
    public = (
        CheckingClient()
        .get(reverse("register:intervention", kwargs={"reference": intervention.reference}))
        .content.decode()
    )
    assert "Exit: the intervention ended" in public
    assert "A non-statutory improvement and assurance board." in public
    assert "1 January 2022 to 31 August 2025" in public  # in force until the day before the exit


def test_a_revocation_must_name_the_directions(caseworker: Any) -> None:
    client, _ = caseworker
    directions = make_directions()
    response = client.post(
        _url("staff:intervention-directions-new", directions.intervention, kind="revocation"),
        {**_date("made_on", D(2025, 9, 1)), "partial": "complete"},
    )
    assert response.status_code == 400
    assert "Choose the directions it acts on" in response.content.decode()
    assert Directions.objects.count() == 1


def test_drafts_are_not_on_the_public_page(caseworker: Any) -> None:
    from bestvalue.interventions import services

    _, writer = caseworker
    intervention = make_intervention()
    services.draft_minded_to(
        by=writer,
        intervention=intervention,
        letter_on=D(2025, 4, 1),
        proposed_powers="Secret plan.",
    )
    page = CheckingClient().get(
        reverse("register:intervention", kwargs={"reference": intervention.reference})
    )
    assert page.status_code == 404  # nothing public yet
    assert "Secret plan." not in page.content.decode()


def test_record_the_escalation_of_a_notice(caseworker: Any) -> None:
    from bestvalue.interventions import services
    from bestvalue.notices import reviews
    from tests.factories import make_issued_notice

    client, writer = caseworker
    notice = make_issued_notice(caseworker=writer)
    review = reviews.draft_review(
        notice,
        by=writer,
        reviewed_on=D(2024, 11, 1),
        decision="escalate",
        rationale="No assurance of improvement.",
        assessments=[
            reviews.AssessmentInput(e.pk, "not_met", "No.") for e in notice.expectations.all()
        ],
    )
    reviews.approve_review(reviews.submit_review(review, by=writer), by=make_user(Role.APPROVER))
    notice_page = client.get(reverse("staff:notice", kwargs={"pk": notice.pk})).content.decode()
    link = f"{reverse('staff:intervention-new')}?notice={notice.pk}"
    assert f'href="{link}">Record the escalation' in notice_page
    form = client.get(link).content.decode()
    assert f'<option value="{notice.pk}" selected>' in form
    response = client.post(
        link,
        {
            "authority": notice.authority_id,
            "reference": "testshire-2024",
            "trigger": "Escalation of the best value notice.",
            "escalated_from": str(notice.pk),
        },
    )
    _assert_redirected(response)
    intervention = Intervention.objects.get(reference="testshire-2024")
    assert intervention.escalated_from == notice
    public_url = reverse("register:intervention", kwargs={"reference": "testshire-2024"})
    public_notice_url = reverse("register:notice", kwargs={"reference": notice.reference})
    # Nothing of the intervention is public until its first step is recorded.
    assert public_url not in CheckingClient().get(public_notice_url).content.decode()
    services.record_inspection(by=writer, intervention=intervention, announced_on=D(2024, 12, 2))
    assert public_url not in CheckingClient().get(public_notice_url).content.decode()
    _publish(client, intervention)
    notice_page = client.get(reverse("staff:notice", kwargs={"pk": notice.pk})).content.decode()
    assert "Record the escalation" not in notice_page
    assert "the intervention testshire-2024" in notice_page
    public_notice = (
        CheckingClient()
        .get(reverse("register:notice", kwargs={"reference": notice.reference}))
        .content.decode()
    )
    assert reverse("register:intervention", kwargs={"reference": "testshire-2024"}) in public_notice
    public = (
        CheckingClient()
        .get(reverse("register:intervention", kwargs={"reference": "testshire-2024"}))
        .content.decode()
    )
    assert f"Best value notice {notice.reference}" in public


def test_only_an_escalated_notice_can_be_linked(caseworker: Any) -> None:
    from tests.factories import make_issued_notice

    client, writer = caseworker
    notice = make_issued_notice(caseworker=writer)
    response = client.post(
        reverse("staff:intervention-new"),
        {
            "authority": notice.authority_id,
            "reference": "testshire-2099",
            "trigger": "Concerns.",
            "escalated_from": str(notice.pk),
        },
    )
    assert response.status_code == 400
    assert "Choose a notice from the list" in response.content.decode()
    assert not Intervention.objects.filter(reference="testshire-2099").exists()
