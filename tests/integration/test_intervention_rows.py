"""Lists of interventions (the register, the API's list, the feeds, open data) read each step's
own row only (selectors.intervention_rows), in five queries however many interventions and
steps, and say exactly what the full record says (issue 16)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bestvalue.api import serialise
from bestvalue.interventions import selectors
from bestvalue.interventions.loader import load_interventions
from bestvalue.interventions.models import DepartmentResponse, NonStatutoryStage, Report
from bestvalue.public.naming import intervention_title
from bestvalue.register.feeds import _intervention_changes
from tests.factories import (
    make_directions,
    make_intervention,
    make_register_authorities,
    register_interventions,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _historical_dates(settings: Any) -> None:
    settings.RECORD_DATE_MARGIN_DAYS = 100 * 365


def _listed(rows: Any) -> list[Any]:
    """What the register's rows, the API's list and the feed show of each intervention."""
    found = list(rows)
    return [(serialise.intervention(i), intervention_title(i), i.standing_label) for i in found] + [
        _intervention_changes(found)
    ]


def _queries(rows: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        _listed(rows)
    return len(captured)


@time_machine.travel(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC), tick=False)
def test_the_light_rows_say_what_the_full_record_says_on_the_real_register() -> None:
    records = register_interventions()
    make_register_authorities(records)
    load_interventions(records)
    light = selectors.published_intervention_rows()
    assert len(light) > 10
    assert _listed(light) == _listed(selectors.published_interventions())


def test_a_list_of_interventions_takes_five_queries_however_many_steps() -> None:
    def grow() -> None:
        intervention = make_intervention()
        NonStatutoryStage.objects.create(
            intervention=intervention, position=1, kind="non_statutory_panel"
        )
        for position in (2, 3):
            directions = make_directions(
                intervention=intervention, made_on=dt.date(2024, position, 1), position=position
            )
            directions.appointees.create(position=1, name="A Commissioner", role="commissioner")
            report = Report.objects.create(directions=directions, due_on=dt.date(2024, 9, 1))
            DepartmentResponse.objects.create(report=report)

    grow()
    few = _queries(selectors.published_intervention_rows())
    for _ in range(4):
        grow()
    assert _queries(selectors.published_intervention_rows()) == few == 5
    # The full record reads the people, findings, reports and responses too.
    assert _queries(selectors.published_interventions()) > few
