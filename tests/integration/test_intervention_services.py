"""Writing inspections and interventions through the services: rules refused with clear messages
and nothing saved, every change audited in its own transaction, and four eyes on issuing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.guidance.models import Theme
from bestvalue.interventions import services
from bestvalue.interventions.models import (
    Appointee,
    ApprovalStatus,
    Directions,
    DirectionsKind,
    Finding,
    Inspection,
    InspectionExtension,
    Intervention,
    MindedTo,
    Report,
)
from bestvalue.records.errors import NotAllowed
from tests.factories import make_authority, make_directions, make_intervention, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    """These tests replay dates from the register's past; the margin of dates from today
    (rules.too_far_from_today) is tested in test_intervention_rules.py."""
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


D = dt.date


@pytest.fixture
def caseworker() -> Any:
    return make_user(Role.CASEWORKER)


@pytest.fixture
def approver() -> Any:
    return make_user(Role.APPROVER)


@pytest.fixture
def intervention() -> Intervention:
    return make_intervention()


def _refused(message: str, call: Any, *models: Any) -> None:
    """The call is refused with `message` and leaves no record and no audit event behind."""
    before = [m.objects.count() for m in models]
    events = AuditEvent.objects.count()
    with pytest.raises((ValidationError, NotAllowed)) as caught:
        call()
    messages = getattr(caught.value, "messages", [str(caught.value)])
    assert message in messages
    assert [m.objects.count() for m in models] == before
    assert AuditEvent.objects.count() == events


def _last_event() -> AuditEvent:
    return AuditEvent.objects.order_by("-sequence").first()  # type: ignore[return-value]


# --- Interventions ---------------------------------------------------------------------------


def test_opening_an_intervention_records_who_did_it(caseworker: Any) -> None:
    authority = make_authority()
    opened = services.open_intervention(
        by=caseworker, authority=authority, reference="testshire-2026", trigger="Audit report."
    )
    event = _last_event()
    assert (event.action, event.actor, event.object_id) == (
        "intervention.opened",
        caseworker,
        str(opened.pk),
    )
    assert event.after["reference"] == "testshire-2026"


def test_a_reference_must_be_a_unique_slug(caseworker: Any, intervention: Intervention) -> None:
    with pytest.raises(ValidationError) as caught:
        services.open_intervention(
            by=caseworker,
            authority=intervention.authority,
            reference=intervention.reference,
            trigger="Again.",
        )
    assert "reference" in caught.value.message_dict


def test_updating_an_intervention_keeps_before_and_after(
    caseworker: Any, intervention: Intervention
) -> None:
    ended = services.update_intervention(
        intervention, by=caseworker, status="ended", status_note="Exit."
    )
    assert ended.status == "ended"
    event = _last_event()
    # It was published, so the change takes it off the public record until approved again.
    assert (event.action, event.before["status"], event.after["status"]) == (
        "intervention.reopened",
        "active",
        "ended",
    )
    assert (event.before["publication"], event.after["publication"]) == ("issued", "draft")


def test_only_named_fields_can_be_updated(caseworker: Any, intervention: Intervention) -> None:
    with pytest.raises(TypeError, match="reference"):
        services.update_intervention(intervention, by=caseworker, reference="elsewhere-2020")


def test_a_refused_update_leaves_the_callers_object_and_the_database_alone(
    caseworker: Any, intervention: Intervention
) -> None:
    with pytest.raises(ValidationError):
        services.update_intervention(intervention, by=caseworker, status="paused")
    assert intervention.status == "active"
    assert Intervention.objects.get(pk=intervention.pk).status == "active"


def test_stages_are_numbered_in_the_order_recorded(
    caseworker: Any, intervention: Intervention
) -> None:
    review = services.record_non_statutory_stage(
        by=caseworker,
        intervention=intervention,
        kind="external_assurance_review",
        started_on_approx="2025-01",
    )
    inspection = services.record_inspection(
        by=caseworker, intervention=intervention, announced_on=D(2025, 5, 1)
    )
    letter = services.draft_minded_to(
        by=caseworker, intervention=intervention, letter_on=D(2025, 9, 1)
    )
    assert (review.position, inspection.position, letter.position) == (1, 2, 3)


def test_a_review_cannot_end_before_it_starts(caseworker: Any, intervention: Intervention) -> None:
    _refused(
        "The end date cannot be before the start date",
        lambda: services.record_non_statutory_stage(
            by=caseworker,
            intervention=intervention,
            kind="non_statutory_panel",
            started_on=D(2025, 2, 1),
            ends_on=D(2025, 1, 31),
        ),
        Intervention,
    )


# --- Inspections -----------------------------------------------------------------------------


def test_the_report_deadline_must_follow_the_announcement(
    caseworker: Any, intervention: Intervention
) -> None:
    for due in (D(2024, 5, 7), D(2024, 5, 8)):
        _refused(
            "The report deadline must be after the inspection was announced",
            lambda due=due: services.record_inspection(
                by=caseworker,
                intervention=intervention,
                announced_on=D(2024, 5, 8),
                report_due_on=due,
            ),
            Inspection,
        )
    inspection = services.record_inspection(
        by=caseworker,
        intervention=intervention,
        announced_on=D(2024, 5, 8),
        report_due_on=D(2024, 5, 9),
    )
    assert inspection.deadline == D(2024, 5, 9)


def test_extending_a_deadline_keeps_the_one_it_extends(
    caseworker: Any, intervention: Intervention
) -> None:
    inspection = services.record_inspection(
        by=caseworker,
        intervention=intervention,
        announced_on=D(2024, 5, 8),
        report_due_on=D(2024, 7, 31),
    )
    first = services.extend_inspection_deadline(
        by=caseworker, inspection=inspection, new_deadline_on=D(2024, 10, 31), made_on=D(2024, 7, 1)
    )
    second = services.extend_inspection_deadline(
        by=caseworker, inspection=inspection, new_deadline_on=D(2025, 1, 31)
    )
    assert (first.extends_deadline_on, first.position) == (D(2024, 7, 31), 1)
    assert (second.extends_deadline_on, second.position) == (D(2024, 10, 31), 2)
    assert Inspection.objects.get(pk=inspection.pk).deadline == D(2025, 1, 31)
    assert _last_event().action == "inspection.deadline_extended"


@pytest.mark.parametrize("new_deadline", [D(2024, 7, 30), D(2024, 7, 31)])
def test_an_extension_must_move_the_deadline_later(
    caseworker: Any, intervention: Intervention, new_deadline: dt.date
) -> None:
    inspection = services.record_inspection(
        by=caseworker,
        intervention=intervention,
        announced_on=D(2024, 5, 8),
        report_due_on=D(2024, 7, 31),
    )
    _refused(
        "The new deadline must be after the deadline it extends (31 July 2024)",
        lambda: services.extend_inspection_deadline(
            by=caseworker, inspection=inspection, new_deadline_on=new_deadline
        ),
        InspectionExtension,
    )


def test_the_database_refuses_an_extension_that_is_not_later() -> None:
    inspection = Inspection.objects.create(intervention=make_intervention(), position=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        InspectionExtension.objects.create(
            inspection=inspection,
            position=1,
            extends_deadline_on=D(2024, 7, 31),
            new_deadline_on=D(2024, 7, 31),
        )


def test_findings_are_recorded_per_theme_and_replaced(
    caseworker: Any, intervention: Intervention
) -> None:
    inspection = services.record_inspection(
        by=caseworker, intervention=intervention, announced_on=D(2024, 5, 8)
    )
    governance = Theme.objects.get(key="governance")
    services.record_finding(by=caseworker, record=inspection, theme=governance, meets_duty=False)
    services.record_finding(
        by=caseworker, record=inspection, theme=governance, meets_duty=True, summary="Improved."
    )
    (finding,) = Finding.objects.filter(inspection=inspection)
    assert (finding.meets_duty, finding.summary) == (True, "Improved.")
    assert _last_event().action == "finding.updated"


def test_an_inspector_is_lead_or_assistant(caseworker: Any, intervention: Intervention) -> None:
    inspection = services.record_inspection(
        by=caseworker, intervention=intervention, announced_on=D(2024, 5, 8)
    )
    lead = services.add_inspector(by=caseworker, inspection=inspection, name="A Lead", role="lead")
    assert lead.get_role_display() == "Lead inspector"
    with pytest.raises(ValidationError):
        services.add_inspector(by=caseworker, inspection=inspection, name="B", role="chief")


# --- Minded-to letters -----------------------------------------------------------------------


@pytest.mark.parametrize("closes", [D(2025, 3, 16), D(2025, 3, 17)])
def test_the_representation_window_must_close_after_the_letter(
    caseworker: Any, intervention: Intervention, closes: dt.date
) -> None:
    _refused(
        "The closing date for representations must be after the date of the letter",
        lambda: services.draft_minded_to(
            by=caseworker,
            intervention=intervention,
            letter_on=D(2025, 3, 17),
            representations_by=closes,
        ),
        MindedTo,
    )


def test_a_foregone_window_needs_a_reason(caseworker: Any, intervention: Intervention) -> None:
    _refused(
        "A foregone window has a reason and no closing date",
        lambda: services.draft_minded_to(
            by=caseworker, intervention=intervention, letter_on=D(2025, 3, 17), window_foregone=True
        ),
        MindedTo,
    )
    letter = services.draft_minded_to(
        by=caseworker,
        intervention=intervention,
        letter_on=D(2025, 3, 17),
        window_foregone=True,
        window_foregone_reason="Urgent: the council cannot set a budget.",
    )
    assert letter.window_state(D(2025, 3, 18)) == "foregone"


def test_representations_cannot_come_before_the_letter(
    caseworker: Any, intervention: Intervention
) -> None:
    letter = services.draft_minded_to(
        by=caseworker,
        intervention=intervention,
        letter_on=D(2025, 3, 17),
        representations_by=D(2025, 3, 28),
    )
    _refused(
        "Representations cannot be received before the minded-to letter was sent",
        lambda: services.record_representation(
            by=caseworker, minded_to=letter, made_by="The council", received_on=D(2025, 3, 16)
        ),
        MindedTo,
    )
    made = services.record_representation(
        by=caseworker, minded_to=letter, made_by="The council", received_on=D(2025, 3, 28)
    )
    assert made.position == 1


def test_the_legal_basis_is_a_list_of_known_sections(
    caseworker: Any, intervention: Intervention
) -> None:
    with pytest.raises(ValidationError, match=r"s\.15\(5\)"):
        services.draft_minded_to(
            by=caseworker, intervention=intervention, proposed_legal_basis=["s.99"]
        )


# --- Directions ------------------------------------------------------------------------------


@pytest.mark.parametrize("ends_on", [D(2025, 7, 16), D(2025, 7, 17)])
def test_directions_must_end_after_they_were_made(
    caseworker: Any, intervention: Intervention, ends_on: dt.date
) -> None:
    _refused(
        "The end date must be after the date the directions were made",
        lambda: services.draft_directions(
            by=caseworker, intervention=intervention, made_on=D(2025, 7, 17), ends_on=ends_on
        ),
        Directions,
    )


def test_directions_made_and_ended_a_day_apart_are_accepted(
    caseworker: Any, intervention: Intervention
) -> None:
    made = services.draft_directions(
        by=caseworker,
        intervention=intervention,
        made_on=D(2025, 7, 17),
        ends_on=D(2025, 7, 18),
        legal_basis=["s.15(5)", "s.15(6)"],
        model="commissioners",
    )
    assert (made.status, made.drafted_by) == (ApprovalStatus.DRAFT, caseworker)
    assert _last_event().action == "directions.drafted"


def test_an_extension_names_the_directions_and_a_later_end(
    caseworker: Any, intervention: Intervention
) -> None:
    directions = make_directions(
        intervention=intervention, made_on=D(2021, 12, 1), ends_on=D(2024, 11, 30)
    )
    _refused(
        "Choose the directions this extension acts on",
        lambda: services.draft_directions(
            by=caseworker,
            intervention=intervention,
            kind=DirectionsKind.EXTENSION,
            made_on=D(2024, 11, 20),
            ends_on=D(2026, 11, 30),
        ),
        Directions,
    )
    _refused(
        "The new end date must be after the end date it extends (30 November 2024)",
        lambda: services.draft_directions(
            by=caseworker,
            intervention=intervention,
            kind=DirectionsKind.EXTENSION,
            made_on=D(2024, 11, 20),
            ends_on=D(2024, 11, 30),
            amends=directions,
        ),
        Directions,
    )
    extension = services.draft_directions(
        by=caseworker,
        intervention=intervention,
        kind=DirectionsKind.EXTENSION,
        made_on=D(2024, 11, 20),
        ends_on=D(2026, 11, 30),
        amends=directions,
    )
    assert extension.amends == directions


def test_a_record_cannot_act_on_another_interventions_directions(
    caseworker: Any, intervention: Intervention
) -> None:
    elsewhere = make_directions()
    _refused(
        "Choose directions of the same intervention",
        lambda: services.draft_directions(
            by=caseworker,
            intervention=intervention,
            kind=DirectionsKind.EXPIRY,
            made_on=D(2025, 12, 31),
            amends=elsewhere,
        ),
        Directions,
    )


def test_a_revocation_is_complete_unless_said_to_be_partial(
    caseworker: Any, intervention: Intervention
) -> None:
    directions = make_directions(intervention=intervention)
    revocation = services.draft_directions(
        by=caseworker,
        intervention=intervention,
        kind=DirectionsKind.REVOCATION,
        made_on=D(2024, 6, 1),
        amends=directions,
    )
    assert revocation.partial is False


def test_appointees_fees_and_days_cannot_be_negative(
    caseworker: Any, intervention: Intervention
) -> None:
    directions = services.draft_directions(
        by=caseworker, intervention=intervention, made_on=D(2025, 7, 17)
    )
    _refused(
        "The fee per day cannot be negative",
        lambda: services.add_appointee(
            by=caseworker,
            directions=directions,
            name="A",
            role="commissioner",
            fee_per_day=Decimal(-1),
        ),
        Appointee,
    )
    lead = services.add_appointee(
        by=caseworker,
        directions=directions,
        name="Gerard Curran",
        role="lead_commissioner",
        fee_per_day=Decimal(1200),
        days_per_year=150,
    )
    assert lead.estimated_annual_cost == Decimal(180000)
    updated = services.update_appointee(lead, by=caseworker, days_per_year=100)
    assert updated.estimated_annual_cost == Decimal(120000)


def test_the_database_refuses_negative_days() -> None:
    directions = make_directions()
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointee.objects.filter(
            pk=Appointee.objects.create(directions=directions, position=1, role="commissioner").pk
        ).update(days_per_year=-1)


# --- Four eyes -------------------------------------------------------------------------------


def _approve(record: Any, by: Any) -> Any:
    """Approve what the approver read (the digest of its content, as the page carries it)."""
    return services.approve_and_issue(record, by=by, digest_read=services.approval_digest(record))


def _submitted(caseworker: Any, intervention: Intervention) -> Directions:
    directions = services.draft_directions(
        by=caseworker, intervention=intervention, made_on=D(2025, 7, 17)
    )
    return services.submit_for_approval(directions, by=caseworker)  # type: ignore[return-value]


def test_an_approver_cannot_approve_their_own_draft(
    approver: Any, intervention: Intervention
) -> None:
    directions = _submitted(approver, intervention)
    _refused(
        "You wrote or edited this, so another approver must approve it.",
        lambda: _approve(directions, approver),
        Directions,
    )
    assert Directions.objects.get(pk=directions.pk).status == ApprovalStatus.AWAITING_APPROVAL


def test_another_approver_issues_the_draft(
    caseworker: Any, approver: Any, intervention: Intervention
) -> None:
    directions = _submitted(caseworker, intervention)
    issued = _approve(directions, approver)
    assert (issued.status, issued.approved_by, issued.drafted_by) == (
        ApprovalStatus.ISSUED,
        approver,
        caseworker,
    )
    assert issued.approved_at is not None
    event = _last_event()
    assert (event.action, event.before["status"], event.after["status"]) == (
        "directions.approved",
        "awaiting_approval",
        "issued",
    )


def test_a_draft_must_be_submitted_before_approval(
    caseworker: Any, approver: Any, intervention: Intervention
) -> None:
    letter = services.draft_minded_to(
        by=caseworker, intervention=intervention, letter_on=D(2025, 1, 1)
    )
    _refused(
        "Only something awaiting approval can be approved.",
        lambda: _approve(letter, approver),
        MindedTo,
    )


def test_an_undated_letter_cannot_be_issued(
    caseworker: Any, approver: Any, intervention: Intervention
) -> None:
    letter = services.draft_minded_to(by=caseworker, intervention=intervention)
    services.submit_for_approval(letter, by=caseworker)
    _refused(
        "Enter the date it is issued before approving it.",
        lambda: _approve(letter, approver),
        MindedTo,
    )


def test_issued_directions_cannot_be_edited(
    caseworker: Any, approver: Any, intervention: Intervention
) -> None:
    directions = _approve(_submitted(caseworker, intervention), approver)
    with pytest.raises(ValidationError, match="Only a draft can be changed"):
        services.update_directions(directions, by=caseworker, ends_on=D(2030, 1, 1))
    with pytest.raises(ValidationError, match="Only a draft can be changed"):
        services.add_appointee(
            by=caseworker, directions=directions, name="Late", role="commissioner"
        )  # type: ignore[arg-type]


def test_a_returned_draft_can_be_edited_again(
    caseworker: Any, approver: Any, intervention: Intervention
) -> None:
    directions = _submitted(caseworker, intervention)
    services.return_to_draft(directions, by=approver)
    edited = services.update_directions(directions, by=caseworker, ends_on=D(2027, 7, 20))
    assert edited.ends_on == D(2027, 7, 20)


def test_the_database_refuses_approval_by_the_drafter(caseworker: Any) -> None:
    directions = make_directions(drafted_by=caseworker)
    with pytest.raises(IntegrityError), transaction.atomic():
        Directions.objects.filter(pk=directions.pk).update(approved_by=caseworker)


# --- Reports ---------------------------------------------------------------------------------


def test_reports_are_scheduled_once_from_the_directions(caseworker: Any) -> None:
    directions = make_directions(made_on=D(2023, 7, 20), ends_on=D(2025, 7, 20))
    created = services.schedule_reports(directions, by=caseworker)
    assert [r.due_on for r in created] == [
        D(2023, 10, 20),
        D(2024, 4, 20),
        D(2024, 10, 20),
        D(2025, 4, 20),
    ]
    assert services.schedule_reports(directions, by=caseworker) == []
    assert Report.objects.count() == 4


def test_a_schedule_set_per_directions_is_used(caseworker: Any) -> None:
    directions = make_directions(made_on=D(2025, 5, 8), ends_on=D(2026, 5, 8))
    directions = services.set_report_schedule(
        directions, by=caseworker, first_after_months=6, every_months=6
    )
    assert [r.due_on for r in services.schedule_reports(directions, by=caseworker)] == [
        D(2025, 11, 8),
        D(2026, 5, 8),
    ]


def test_directions_without_an_end_need_a_horizon_to_schedule(caseworker: Any) -> None:
    directions = make_directions(made_on=D(2023, 5, 25), ends_on=None)
    _refused(
        "The directions have no end date: say how far ahead to schedule",
        lambda: services.schedule_reports(directions, by=caseworker),
        Report,
    )
    assert len(services.schedule_reports(directions, by=caseworker, until=D(2024, 2, 25))) == 2


def test_a_report_cannot_be_due_before_the_directions_were_made(caseworker: Any) -> None:
    directions = make_directions(made_on=D(2024, 1, 1))
    _refused(
        "A report cannot be due before the directions were made",
        lambda: services.record_report(
            by=caseworker, directions=directions, due_on=D(2023, 12, 31)
        ),
        Report,
    )
    assert services.record_report(by=caseworker, directions=directions, due_on=D(2024, 1, 1)).pk


def test_receiving_a_report_and_the_departments_response(caseworker: Any) -> None:
    directions = make_directions(made_on=D(2024, 1, 1))
    (report, *_) = services.schedule_reports(directions, by=caseworker)
    _refused(
        "A report cannot be published before it was received",
        lambda: services.update_report(
            report, by=caseworker, received_on=D(2024, 4, 2), published_on=D(2024, 4, 1)
        ),
        Report,
    )
    report = services.update_report(
        report, by=caseworker, received_on=D(2024, 4, 2), published_on=D(2024, 5, 1)
    )
    response = services.record_department_response(
        by=caseworker, report=report, published_on=D(2024, 6, 1), url="https://www.gov.uk/response"
    )
    assert report.responses.get() == response
    assert _last_event().action == "department_response.recorded"
