"""Writes to measures and their readings, by form or from a CSV file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction

from bestvalue.audit.services import audited, record_event
from bestvalue.authorities.models import Authority
from bestvalue.core import clock
from bestvalue.improvement import permissions, rules
from bestvalue.improvement.errors import FieldRefused
from bestvalue.improvement.models import Measure, Reading
from bestvalue.improvement.readings_csv import parse_readings, uk
from bestvalue.improvement.rules import Direction
from bestvalue.improvement.services._common import (
    check_version,
    clean_text,
    expectations_of,
    record_added,
    require,
)

MEASURE_FIELDS = (
    "authority",
    "name",
    "definition",
    "unit",
    "direction",
    "baseline_value",
    "baseline_on",
    "target_value",
    "target_on",
    "version",
    "expectations",
)


def _may_edit(by: Any, authority_id: int) -> None:
    require(
        permissions.can_edit_authority(by, authority_id),
        "Only the authority's own officers can change its measures.",
    )


def target_refusal(
    *,
    direction: str,
    baseline_value: Decimal,
    baseline_on: dt.date,
    target_value: Decimal,
    target_on: dt.date,
) -> dict[str, str]:
    """What is wrong with a baseline and target, by field name (the database refuses them too)."""
    problems = {}
    if target_on <= baseline_on:
        problems["target_on"] = "The target date must be after the baseline date"
    if direction == Direction.HIGHER and target_value <= baseline_value:
        problems["target_value"] = (
            "Higher is better for this measure, so the target must be above the baseline"
        )
    if direction == Direction.LOWER and target_value >= baseline_value:
        problems["target_value"] = (
            "Lower is better for this measure, so the target must be below the baseline"
        )
    return problems


def _write(measure: Measure, *, expectation_ids: Sequence[int], **fields: Any) -> None:
    expectations = expectations_of(measure.authority_id, expectation_ids)
    for name, value in fields.items():
        setattr(measure, name, value.strip() if isinstance(value, str) else value)
    clean_text(measure.name, "Enter the name of the measure")
    problems = target_refusal(
        direction=measure.direction,
        baseline_value=measure.baseline_value,
        baseline_on=measure.baseline_on,
        target_value=measure.target_value,
        target_on=measure.target_on,
    )
    if problems:
        raise ValueError(". ".join(problems.values()))
    taken = Measure.objects.filter(authority_id=measure.authority_id, name__iexact=measure.name)
    if taken.exclude(pk=measure.pk).exists():
        raise FieldRefused(
            "There is already a measure with this name: choose a different name", field="name"
        )
    measure.full_clean(exclude=["authority", "expectations"], validate_constraints=False)
    measure.save()
    measure.expectations.set(expectations)


def add_measure(
    authority: Authority,
    *,
    by: Any,
    name: str,
    definition: str,
    unit: str,
    direction: str,
    baseline_value: Decimal,
    baseline_on: dt.date,
    target_value: Decimal,
    target_on: dt.date,
    expectation_ids: Sequence[int],
) -> Measure:
    """Add a measure: a measurable outcome (the notices ask for "cultural change with measurable
    outcomes"), its baseline and its target, linked to the expectations it evidences."""
    _may_edit(by, authority.pk)
    with transaction.atomic():
        measure = Measure(authority=authority, created_by=by)
        _write(
            measure,
            expectation_ids=expectation_ids,
            name=name,
            definition=definition,
            unit=unit,
            direction=direction,
            baseline_value=baseline_value,
            baseline_on=baseline_on,
            target_value=target_value,
            target_on=target_on,
        )
        return record_added(measure, MEASURE_FIELDS, by=by, action="improvement.measure.added")


def change_measure(
    measure: Measure, *, by: Any, version: int, expectation_ids: Sequence[int], **fields: Any
) -> Measure:
    """Change a measure's definition, baseline or target. Refused if someone saved it since
    `version`. Its readings are not touched."""
    _may_edit(by, measure.authority_id)
    allowed = set(MEASURE_FIELDS) - {"authority", "version", "expectations"}
    if set(fields) - allowed:
        raise TypeError(f"Cannot change {', '.join(sorted(set(fields) - allowed))} on a measure")
    with transaction.atomic():
        measure = Measure.objects.select_for_update(no_key=True).get(pk=measure.pk)
        check_version(measure.version, version, "measure")
        if "baseline_on" in fields:
            first = measure.readings.order_by("taken_on").values_list("taken_on", flat=True)
            refusal = rules.baseline_date_refusal(
                fields["baseline_on"], first_reading=first.first()
            )
            if refusal:
                raise FieldRefused(refusal, field="baseline_on")
        with audited(measure, MEASURE_FIELDS, actor=by, action="improvement.measure.changed"):
            measure.version += 1
            _write(measure, expectation_ids=expectation_ids, **fields)
        return measure


def record_reading(
    measure: Measure, *, by: Any, taken_on: dt.date, value: Decimal, source: str
) -> Reading:
    """Record one reading of a measure. One reading per date: a second for the same date is
    refused, so a correction is made deliberately (by the administrator), not by accident."""
    _may_edit(by, measure.authority_id)
    refusal = rules.reading_date_refusal(
        taken_on, baseline_on=measure.baseline_on, today=clock.today()
    )
    if refusal:
        raise FieldRefused(refusal, field="taken_on")
    with transaction.atomic():
        if Reading.objects.filter(measure=measure, taken_on=taken_on).exists():
            raise FieldRefused(
                f"There is already a reading for {uk(taken_on)}: choose another date",
                field="taken_on",
            )
        reading = Reading(
            measure=measure,
            taken_on=taken_on,
            value=value,
            source=clean_text(source, "Enter the source of the reading"),
            recorded_by=by,
        )
        reading.full_clean(exclude=["measure"], validate_constraints=False)
        reading.save()
        return record_added(reading, by=by, action="improvement.reading.recorded")


def import_readings(measure: Measure, *, by: Any, data: bytes, filename: str = "") -> list[Reading]:
    """Import readings from a CSV file (readings_csv describes the format). All or nothing: any
    bad line, or a date that already has a reading, refuses the whole file, naming each line."""
    _may_edit(by, measure.authority_id)
    with transaction.atomic():
        # Checked whole, in one pass: bad lines, dates repeated in the file and dates the
        # measure already has a reading for are all listed together.
        taken = frozenset(
            Reading.objects.filter(measure=measure).values_list("taken_on", flat=True)
        )
        rows = parse_readings(
            data, today=clock.today(), baseline_on=measure.baseline_on, taken=taken
        )
        readings = Reading.objects.bulk_create(
            Reading(
                measure=measure, taken_on=r.taken_on, value=r.value, source=r.source, recorded_by=by
            )
            for r in rows
        )
        record_event(
            actor=by,
            action="improvement.readings.imported",
            obj=measure,
            after={
                "file": filename,
                "readings": [
                    {"taken_on": r.taken_on, "value": r.value, "source": r.source} for r in rows
                ],
            },
        )
        return readings
