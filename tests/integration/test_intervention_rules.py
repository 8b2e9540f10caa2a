"""The intervention date rules (issue 14.1) give the same refusal, in the same words, on every
channel that can reach them: the services, the department's pages and the register loader."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import html
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from bestvalue.accounts.roles import Role
from bestvalue.core import clock
from bestvalue.interventions import register_notes, rules, services
from bestvalue.interventions.loader import load_interventions
from bestvalue.interventions.models import ApprovalStatus, Inspection, MindedTo, Report
from bestvalue.interventions.register import RegisterDataError
from tests.clients import CheckingClient
from tests.factories import (
    make_directions,
    make_intervention,
    make_register_authorities,
    make_user,
    register_interventions,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def caseworker() -> tuple[CheckingClient, Any]:
    user = make_user(Role.CASEWORKER)
    client = CheckingClient()
    client.force_login(user)
    return client, user


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}-day": str(day.day),
        f"{prefix}-month": str(day.month),
        f"{prefix}-year": str(day.year),
    }


def _url(name: str, intervention: Any, **kwargs: Any) -> str:
    return reverse(name, kwargs={"reference": intervention.reference, **kwargs})


def _page_refuses(client: CheckingClient, url: str, data: dict[str, Any], message: str) -> None:
    response = client.post(url, data)
    assert response.status_code == 400, response.content.decode()[:2000]
    assert message in html.unescape(response.content.decode())


def _service_refuses(message: str, call: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        call()
    assert message in caught.value.messages


def _loader_refuses(records: list[Any], message: str) -> None:
    with pytest.raises(RegisterDataError) as caught:
        load_interventions(records)
    assert message in str(caught.value)


def _records() -> list[dict[str, Any]]:
    """The register's interventions and their authorities (made after the test's own
    authorities, whose made-up codes would otherwise collide with real ones)."""
    found = register_interventions()
    make_register_authorities(found)
    return copy.deepcopy(found)


def test_a_report_deadline_before_the_inspection_began_same_rule_every_channel(
    caseworker: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    message = rules.report_due_before_start(started_on=D(2026, 10, 10), due_on=D(2026, 10, 1))
    assert (
        message
        == "The report deadline must be on or after the day the inspection started (10 October 2026)"
    )
    client, user = caseworker
    intervention = make_intervention()
    _service_refuses(
        message,
        lambda: services.record_inspection(
            by=user,
            intervention=intervention,
            announced_on=D(2026, 9, 1),
            started_on=D(2026, 10, 10),
            report_due_on=D(2026, 10, 1),
        ),
    )
    _page_refuses(
        client,
        _url("staff:intervention-inspection-new", intervention),
        {
            **_date("announced_on", D(2026, 9, 1)),
            **_date("started_on", D(2026, 10, 10)),
            **_date("report_due_on", D(2026, 10, 1)),
        },
        message,
    )
    assert not Inspection.objects.filter(intervention=intervention).exists()
    key = ("thurrock-2022", 2)
    facts = register_notes.NOTE_FACTS[key]
    monkeypatch.setitem(
        register_notes.NOTE_FACTS,
        key,
        dataclasses.replace(facts, report_due_on=D(2022, 10, 5), extensions=()),
    )
    _loader_refuses(
        _records(),
        "thurrock-2022) stage 2: The report deadline must be on or after the day the inspection "
        "started (10 October 2022)",
    )


def test_a_report_submitted_in_the_future_same_rule_every_channel(
    caseworker: Any,
) -> None:
    message = "The date the report was submitted must be today or in the past"
    client, user = caseworker
    intervention = make_intervention()
    inspection = services.record_inspection(
        by=user, intervention=intervention, announced_on=D(2026, 9, 1)
    )
    tomorrow = clock.today() + dt.timedelta(days=1)
    _service_refuses(
        message,
        lambda: services.update_inspection(inspection, by=user, report_submitted_on=tomorrow),
    )
    _page_refuses(
        client,
        _url("staff:intervention-inspection-edit", intervention, pk=inspection.pk),
        {
            **_date("announced_on", D(2026, 9, 1)),
            **_date("report_submitted_on", tomorrow),
            "version": str(inspection.version),
        },
        message,
    )
    assert Inspection.objects.get(pk=inspection.pk).report_submitted_on is None
    records = _records()
    liverpool = next(r for r in records if r["id"] == "liverpool-2020")
    # Its ends_on is the report's submission (register_notes).
    liverpool["stages"][0].update(ends_on=tomorrow, ends_on_approx="")
    _loader_refuses(records, f"liverpool-2020) stage 1: {message}")


def _issued_letter(intervention: Any, closes_on: dt.date) -> MindedTo:
    return MindedTo.objects.create(
        intervention=intervention,
        position=5,
        letter_on=closes_on - dt.timedelta(days=14),
        representations_by=closes_on,
        status=ApprovalStatus.ISSUED,
    )


def test_directions_inside_the_representation_window_same_rule_every_channel(
    caseworker: Any,
) -> None:
    client, user = caseworker
    intervention = make_intervention()
    today = clock.today()
    closes_on = today + dt.timedelta(days=5)
    _issued_letter(intervention, closes_on)
    message = rules.directions_inside_window(made_on=today, closes_on=closes_on, urgency_reason="")
    assert message is not None
    assert "(s.15(9))" in message
    _service_refuses(
        message,
        lambda: services.draft_directions(by=user, intervention=intervention, made_on=today),
    )
    data = {
        **_date("made_on", today),
        **_date("ends_on", today + dt.timedelta(days=700)),
        "first_report_after_months": "3",
        "report_every_months": "6",
    }
    url = _url("staff:intervention-directions-new", intervention, kind="directions")
    _page_refuses(client, url, data, message)
    # With the urgency recorded, as s.15(9) allows, they may be made.
    response = client.post(url, {**data, "representations_foregone_reason": "Finances fail now."})
    assert response.status_code == 302
    made = intervention.directions.get()
    assert made.representations_foregone_reason == "Finances fail now."
    # After the window closes no reason is needed.
    later = services.draft_directions(
        by=user, intervention=intervention, made_on=closes_on + dt.timedelta(days=1)
    )
    assert later.pk


def test_dates_far_from_today_same_rule_every_channel(caseworker: Any, settings: Any) -> None:
    client, user = caseworker
    intervention = make_intervention()
    far = D(2031, 1, 1)
    today = clock.today()
    margin = settings.RECORD_DATE_MARGIN_DAYS = 90  # the default: the margin is the subject here
    letter = rules.too_far_from_today(
        "the date of the letter", on=far, today=today, margin_days=margin
    )
    made = rules.too_far_from_today(
        "the date the directions were made", on=far, today=today, margin_days=margin
    )
    assert letter is not None
    assert made is not None
    assert letter.endswith("check the year")
    _service_refuses(
        letter, lambda: services.draft_minded_to(by=user, intervention=intervention, letter_on=far)
    )
    _page_refuses(
        client,
        _url("staff:intervention-minded-to-new", intervention),
        {
            **_date("letter_on", far),
            "window": "invited",
            **_date("representations_by", far + dt.timedelta(days=14)),
        },
        letter,
    )
    _service_refuses(
        made, lambda: services.draft_directions(by=user, intervention=intervention, made_on=far)
    )
    _page_refuses(
        client,
        _url("staff:intervention-directions-new", intervention, kind="exit"),
        {**_date("made_on", far)},
        made,
    )
    directions = make_directions(intervention=intervention)
    received = rules.too_far_from_today(
        "the date the report was received", on=far, today=today, margin_days=margin
    )
    assert received is not None
    _page_refuses(
        client,
        _url("staff:intervention-report-new", intervention, pk=directions.pk),
        {"title": "A report", **_date("received_on", far)},
        received,
    )
    assert not MindedTo.objects.filter(intervention=intervention).exists()
    # The loader is exempt: the register's historical dates load.
    load_interventions(_records())
    assert MindedTo.objects.filter(letter_on__lt=today - dt.timedelta(days=3650)).exists()


def test_a_response_dated_before_the_report_same_rule_every_channel(caseworker: Any) -> None:
    client, user = caseworker
    directions = make_directions(intervention=make_intervention())
    today = clock.today()
    report = services.record_report(
        by=user, directions=directions, title="First report", received_on=today
    )
    message = rules.answered_before_report(
        answered_on=today - dt.timedelta(days=3), report_received_on=today
    )
    assert message is not None
    _service_refuses(
        message,
        lambda: services.record_department_response(
            by=user, report=report, published_on=today - dt.timedelta(days=3), summary="Noted."
        ),
    )
    _page_refuses(
        client,
        _url("staff:intervention-response-new", directions.intervention, pk=report.pk),
        {**_date("published_on", today - dt.timedelta(days=3)), "summary": "Noted."},
        message,
    )
    assert not report.responses.exists()


def test_an_empty_report_is_refused_same_rule_every_channel(caseworker: Any) -> None:
    client, user = caseworker
    directions = make_directions(intervention=make_intervention())
    message = "Enter at least a date or what the report says"
    _service_refuses(message, lambda: services.record_report(by=user, directions=directions))
    _page_refuses(
        client,
        _url("staff:intervention-report-new", directions.intervention, pk=directions.pk),
        {"title": ""},
        message,
    )
    assert not Report.objects.filter(directions=directions).exists()
