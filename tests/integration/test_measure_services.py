"""Measures and readings through their services: targets that improve on the baseline, one
reading per date, versions, and imports that are all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import IntegrityError, transaction

from bestvalue.audit.models import AuditEvent
from bestvalue.improvement.models import Measure, Reading
from bestvalue.improvement.readings_csv import ReadingsRefused
from bestvalue.improvement.services import measures
from bestvalue.notices.errors import NotAllowed, StaleEdit
from tests.factories import make_issued_notice, make_measure, make_officer

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def measure() -> Any:
    return make_measure(make_issued_notice().authority)


@pytest.mark.parametrize(
    ("direction", "target", "message"),
    [
        ("higher", "40", "the target must be above the baseline"),
        ("lower", "60", "the target must be below the baseline"),
    ],
)
def test_a_target_must_improve_on_the_baseline(
    measure: Any, direction: str, target: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        measures.change_measure(
            measure,
            by=make_officer(measure.authority),
            version=measure.version,
            expectation_ids=[e.pk for e in measure.expectations.all()],
            direction=direction,
            target_value=Decimal(target),
        )


def test_the_database_refuses_a_target_that_is_no_improvement(measure: Any) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Measure.objects.filter(pk=measure.pk).update(target_value=Decimal("10"))


def test_a_second_measure_of_the_same_name_is_refused(measure: Any) -> None:
    with pytest.raises(ValueError, match="already a measure with this name"):
        make_measure(measure.authority, name="staff survey engagement")


def test_a_stale_change_is_refused(measure: Any) -> None:
    officer = make_officer(measure.authority)
    ids = [e.pk for e in measure.expectations.all()]
    measures.change_measure(measure, by=officer, version=1, expectation_ids=ids, unit="per cent")
    with pytest.raises(StaleEdit):
        measures.change_measure(measure, by=officer, version=1, expectation_ids=ids, unit="%")
    measure.refresh_from_db()
    assert (measure.unit, measure.version) == ("per cent", 2)


def test_one_reading_per_date(measure: Any) -> None:
    officer = make_officer(measure.authority)
    measures.record_reading(
        measure, by=officer, taken_on=D(2024, 3, 31), value=Decimal(55), source="S"
    )
    with pytest.raises(ValueError, match="already a reading for 31 March 2024"):
        measures.record_reading(
            measure, by=officer, taken_on=D(2024, 3, 31), value=Decimal(56), source="S"
        )


def test_another_authoritys_officer_cannot_add_readings(measure: Any) -> None:
    stranger = make_officer(make_issued_notice().authority)
    with pytest.raises(NotAllowed):
        measures.record_reading(
            measure, by=stranger, taken_on=D(2024, 3, 31), value=Decimal(1), source="S"
        )
    with pytest.raises(NotAllowed):
        measures.import_readings(measure, by=stranger, data=b"date,value,source\n2024-01-31,1,S\n")
    assert not Reading.objects.exists()


def test_an_import_is_one_audit_event_listing_its_readings(measure: Any) -> None:
    readings = measures.import_readings(
        measure,
        by=make_officer(measure.authority),
        data=b"date,value,source\n2024-01-31,51,S\n2024-02-29,52.5,S\n",
        filename="q1.csv",
    )
    assert [r.value for r in readings] == [Decimal(51), Decimal("52.5")]
    event = AuditEvent.objects.get(action="improvement.readings.imported")
    assert event.after["file"] == "q1.csv"
    assert len(event.after["readings"]) == 2


def test_an_import_clashing_with_a_recorded_date_imports_nothing(measure: Any) -> None:
    officer = make_officer(measure.authority)
    measures.record_reading(
        measure, by=officer, taken_on=D(2024, 2, 29), value=Decimal(50), source="S"
    )
    with pytest.raises(ReadingsRefused) as refused:
        measures.import_readings(
            measure, by=officer, data=b"date,value,source\n2024-01-31,51,S\n2024-02-29,52.5,S\n"
        )
    assert refused.value.problems == ["Line 3: there is already a reading for 29 February 2024."]
    assert Reading.objects.count() == 1
