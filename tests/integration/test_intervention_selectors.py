"""Reading interventions for pages: fixed query counts, drafts kept from the public, the
authority timeline in date order, and which directions were in force on a day."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestvalue.authorities.models import Authority
from bestvalue.interventions import selectors
from bestvalue.interventions.loader import load_interventions
from bestvalue.interventions.models import (
    ApprovalStatus,
    DepartmentResponse,
    Directions,
    NonStatutoryStage,
    Report,
)
from tests.factories import (
    make_directions,
    make_intervention,
    make_register_authorities,
    register_interventions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    """These tests replay dates from the register's past; the margin of dates from today
    (rules.too_far_from_today) is tested in test_intervention_rules.py."""
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


D = dt.date


@pytest.fixture
def loaded() -> None:
    records = register_interventions()
    make_register_authorities(records)
    load_interventions(records)


def _touch_everything(interventions: list[Any]) -> int:
    """Read all a page would show; return how many things were read."""
    seen = 0
    for i in interventions:
        seen += len(i.authority.short_name) > 0
        for s in i.non_statutory_stages.all():
            seen += len(s.appointees.all())
        for s in i.inspections.all():
            seen += len(s.inspectors.all()) + len(s.extensions.all()) + len(s.findings.all())
            seen += len([f.theme.name for f in s.findings.all()])
        for s in i.minded_to_letters.all():
            seen += len(s.representations.all()) + len([f.theme.name for f in s.findings.all()])
        for s in i.directions.all():
            seen += len(s.appointees.all()) + len([f.theme.name for f in s.findings.all()])
            seen += sum(len(r.responses.all()) for r in s.reports.all())
    return seen


def _queries(authority: Authority) -> int:
    with CaptureQueriesContext(connection) as captured:
        _touch_everything(selectors.interventions_of(authority))
    return len(captured)


def test_an_authoritys_interventions_take_a_fixed_number_of_queries(loaded: None) -> None:
    croydon = Authority.objects.get(gss_code="E09000008")
    for gss in ("E08000017", "E09000030", "E09000008", "E06000034"):
        # Empty relations are not queried at all, so small records take fewer.
        assert _queries(Authority.objects.get(gss_code=gss)) <= 15
    directions = Directions.objects.get(intervention__reference="croydon-2021", position=5)
    report = Report.objects.create(directions=directions, due_on=D(2026, 1, 17))
    DepartmentResponse.objects.create(report=report, published_on=D(2026, 3, 1))
    before = _queries(croydon)
    another = make_intervention(authority=croydon)
    NonStatutoryStage.objects.create(intervention=another, position=1, kind="non_statutory_panel")
    for position in (2, 3):
        more = make_directions(intervention=another, made_on=D(2026, position, 1), ends_on=None)
        more.appointees.create(position=1, name="A Commissioner", role="commissioner")
        report = Report.objects.create(directions=more, due_on=D(2026, 6, position))
        DepartmentResponse.objects.create(report=report)
    assert _queries(croydon) == before <= 15


def test_drafts_are_not_public(loaded: None) -> None:
    birmingham = Authority.objects.get(gss_code="E08000025")
    intervention = birmingham.interventions.get()
    make_directions(
        intervention=intervention,
        status=ApprovalStatus.DRAFT,
        position=3,
        made_on=D(2026, 1, 1),
        ends_on=None,
    )
    (public,) = selectors.interventions_of(birmingham)
    assert [d.status for d in public.directions.all()] == [ApprovalStatus.ISSUED]
    (everything,) = selectors.interventions_of(birmingham, public=False)
    assert len(everything.directions.all()) == 2
    assert all(
        e.record.status == ApprovalStatus.ISSUED
        for e in selectors.timeline_entries(birmingham)
        if isinstance(e.record, Directions)
    )


def test_the_timeline_is_in_date_order_with_rough_dates_placed_and_unknown_last(
    loaded: None,
) -> None:
    tower_hamlets = Authority.objects.get(gss_code="E09000030")
    later = tower_hamlets.interventions.get(reference="tower-hamlets-2024")
    NonStatutoryStage.objects.create(
        intervention=later, position=9, kind="non_statutory_panel", publication="issued"
    )
    entries = selectors.timeline_entries(tower_hamlets)
    assert [(e.on, e.on_approx, e.title) for e in entries] == [
        (D(2014, 4, 4), "", "Best value inspection announced"),
        (D(2014, 11, 4), "", "Inspection report published"),
        (D(2014, 11, 4), "", "Minded-to letter sent"),
        (D(2014, 12, 17), "", "Directions made"),
        (D(2015, 3, 25), "", "Minded-to letter sent"),
        (D(2015, 4, 29), "", "Directions made"),
        (D(2015, 4, 29), "", "Minded-to letter sent"),
        (D(2015, 10, 29), "", "Directions revoked"),
        (None, "2017-01", "Directions revoked"),
        (D(2017, 3, 31), "", "Directions revoked"),
        (None, "2018-09", "Intervention ended"),
        (D(2024, 2, 22), "", "Best value inspection announced"),
        (D(2024, 11, 12), "", "Inspection report published"),
        (D(2024, 11, 12), "", "Minded-to letter sent"),
        (D(2025, 1, 22), "", "Directions made"),
        (D(2026, 1, 19), "", "Minded-to letter sent"),
        (None, "2026-02/2026-03", "Directions made"),
        (None, "", "Non-statutory improvement panel"),
    ]
    inspection = entries[11]
    assert inspection.kind == "best_value_inspection"
    assert inspection.summary.startswith(
        "Kim Bromley-Derry CBE DL (lead inspector); Suki Binjal (assistant inspector)"
    )
    assert entries[0].summary == "PricewaterhouseCoopers LLP"
    assert inspection.sources[0].startswith("https://www.localgovernmentlawyer.co.uk/")
    assert entries[14].summary.startswith(
        "Ministerial envoys. Kim Bromley-Derry (ministerial envoy)"
    )


def test_the_timeline_includes_reports_and_responses(loaded: None) -> None:
    directions = Directions.objects.get(intervention__reference="spelthorne-2024", position=3)
    report = Report.objects.create(
        directions=directions,
        due_on=D(2025, 11, 8),
        received_on=D(2025, 11, 10),
        url="https://www.gov.uk/report",
        publication="issued",
    )
    DepartmentResponse.objects.create(
        report=report, published_on=D(2026, 1, 15), summary="Progress noted.", publication="issued"
    )
    entries = selectors.timeline_entries(directions.intervention.authority)
    # The lead commissioner's reappointment of 10 February 2026 comes after them.
    assert [e.kind for e in entries][-3:] == ["report", "department_response", "appointment"]
    assert entries[-3].sources == ["https://www.gov.uk/report"]


def _references(day: dt.date, **options: Any) -> set[str]:
    return {i.reference for i in selectors.directions_in_force_on(day, **options)}


def test_directions_in_force_on_a_day(loaded: None) -> None:
    certain = {
        "birmingham-2023",
        "croydon-2021",
        "liverpool-2020",
        "nottingham-2021",
        "sandwell-2022",
        "slough-2021",
        "thurrock-2022",
        "woking-2023",
    }
    assert _references(D(2024, 1, 1)) == certain
    # Northamptonshire's end is not in the sources.
    assert _references(D(2024, 1, 1), include_uncertain=True) == certain | {"northamptonshire-2018"}


def test_directions_in_force_at_the_boundaries(loaded: None) -> None:
    assert "sandwell-2022" in _references(D(2024, 3, 22))
    assert "sandwell-2022" not in _references(D(2024, 3, 23))
    assert "liverpool-2020" in _references(D(2024, 6, 9))
    assert "liverpool-2020" not in _references(D(2024, 6, 10))
    assert "warrington-2024" not in _references(D(2025, 7, 8))
    assert "warrington-2024" in _references(D(2025, 7, 9))
    assert "rotherham-2015" in _references(
        D(2019, 3, 31)
    )  # functions returned in 2018, directions ran on
    assert "doncaster-2010" in _references(D(2015, 7, 31))
    assert "doncaster-2010" not in _references(D(2010, 6, 1))  # started some time in 2010
    assert "doncaster-2010" in _references(D(2010, 6, 1), include_uncertain=True)


def test_draft_directions_are_never_in_force() -> None:
    make_directions(status=ApprovalStatus.DRAFT, made_on=D(2024, 1, 1), ends_on=D(2025, 1, 1))
    assert selectors.directions_in_force_on(D(2024, 6, 1)) == []


def test_an_undated_step_follows_the_step_recorded_before_it() -> None:
    intervention = make_intervention()
    make_directions(intervention=intervention, position=1, made_on=D(2020, 1, 1), ends_on=None)
    NonStatutoryStage.objects.create(
        intervention=intervention, position=2, kind="non_statutory_panel", publication="issued"
    )
    make_directions(intervention=intervention, position=3, made_on=D(2023, 1, 1), ends_on=None)
    other = make_intervention(authority=intervention.authority)
    make_directions(intervention=other, position=1, made_on=D(2021, 6, 1), ends_on=None)
    entries = selectors.timeline_entries(intervention.authority)
    assert [(e.on, e.kind, e.intervention_reference == other.reference) for e in entries] == [
        (D(2020, 1, 1), "directions", False),
        (None, "non_statutory_panel", False),  # placed after its predecessor, not at the end
        (D(2021, 6, 1), "directions", True),
        (D(2023, 1, 1), "directions", False),
    ]
    assert entries[1].anchor.startswith("stage-")


def test_the_dashboard_lists_what_falls_due(caseworker_client: Any) -> None:
    from bestvalue.interventions.models import Inspection, MindedTo

    today = D(2025, 6, 1)
    ending = make_directions(made_on=D(2023, 1, 1), ends_on=D(2025, 8, 29))  # 89 days
    make_directions(made_on=D(2023, 1, 1), ends_on=D(2025, 8, 31))  # 91 days: not yet
    Report.objects.create(directions=ending, due_on=D(2025, 5, 20))  # overdue
    Report.objects.create(directions=ending, due_on=D(2025, 7, 2))  # 31 days: not yet
    inspection = Inspection.objects.create(
        intervention=ending.intervention,
        position=5,
        announced_on=D(2025, 1, 1),
        report_due_on=D(2025, 6, 30),
    )
    # An inspection followed by issued directions has reported, though no date is recorded.
    Inspection.objects.create(
        intervention=ending.intervention,
        position=0,
        announced_on=D(2022, 6, 1),
        report_due_on=D(2022, 10, 1),
    )
    MindedTo.objects.create(
        intervention=ending.intervention,
        position=4,
        status=ApprovalStatus.ISSUED,
        letter_on=D(2025, 5, 20),
        representations_by=D(2025, 6, 1),
    )
    # What falls due is interventions.due's answer; the dashboard shows each kind within its
    # window (reminders.selectors.dashboard_dates).
    from bestvalue.reminders.selectors import dashboard_dates

    with CaptureQueriesContext(connection) as captured:
        board = dashboard_dates(today)
    assert [o.due_on for o in board.directions_ending] == [D(2025, 8, 29)]
    assert [(o.due_on, o.is_overdue(today)) for o in board.reports_due] == [(D(2025, 5, 20), True)]
    assert [(o.record_id, o.days_from(today)) for o in board.inspection_reports] == [
        (inspection.pk, 29)
    ]
    assert [o.days_from(today) for o in board.windows_open] == [0]  # closes today: still open
    assert len(captured) <= 12
    with time_machine.travel(dt.datetime(2025, 6, 1, 9, tzinfo=dt.UTC), tick=False):
        html = caseworker_client.get("/staff/").content.decode()
    assert "Directions ending within 90 days (1)" in html
    assert "Representation windows open (1)" in html
