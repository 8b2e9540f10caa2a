"""Reading register.yaml's interventions: bad data is refused with the record and field at fault."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from bestvalue.interventions.register import RegisterDataError, read_interventions


def _record(**overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "testshire-2024",
        "authority_gss": "E06000034",
        "trigger": "Section 114 notice.",
        "stages": [
            {
                "kind": "minded_to",
                "on": dt.date(2024, 1, 10),
                "legal_basis": ["s.15(5)", "s.15(6)"],
                "model": "commissioners",
                "representations_by": dt.date(2024, 1, 24),
                "ends_on": None,
                "appointees": [],
                "findings_failing_themes": ["governance"],
                "note": "Minded to intervene.",
                "sources": ["https://www.gov.uk/a"],
            },
            {
                "kind": "directions",
                "on": dt.date(2024, 3, 1),
                "legal_basis": ["s.15(5)"],
                "model": "commissioners",
                "representations_by": None,
                "ends_on": dt.date(2026, 2, 28),
                "appointees": [
                    {
                        "name": "A Person",
                        "role": "lead commissioner",
                        "fee_per_day_gbp": 1200,
                        "days_per_year": 150,
                    },
                ],
                "findings_failing_themes": [],
                "note": "",
                "sources": ["https://www.gov.uk/b"],
            },
        ],
        "directions_in_force": [],
        "status": "active",
    }
    record.update(overrides)
    return record


def _stage(record: dict[str, Any], number: int, **changes: Any) -> dict[str, Any]:
    record = copy.deepcopy(record)
    record["stages"][number - 1].update(changes)
    return record


def _refused(records: list[Any], message: str) -> None:
    with pytest.raises(RegisterDataError) as caught:
        read_interventions(records)
    assert message in str(caught.value)


def test_a_sound_record_is_read_into_plain_values() -> None:
    (record,) = read_interventions([_record()])
    assert record.id == "testshire-2024"
    minded_to, directions = record.stages
    assert minded_to.representations_by == dt.date(2024, 1, 24)
    assert minded_to.failing_themes == ("governance",)
    assert directions.appointees[0].role == "lead_commissioner"
    assert directions.appointees[0].fee_per_day == Decimal(1200)
    assert directions.sources == ("https://www.gov.uk/b",)


def test_dates_written_as_text_are_accepted() -> None:
    (record,) = read_interventions([_stage(_record(), 2, on="2024-03-01", ends_on="2026-02-28")])
    assert record.stages[1].on == dt.date(2024, 3, 1)


def test_a_bad_date_is_refused_with_the_record_and_stage() -> None:
    records = [
        _record(id="first-2020"),
        _stage(_record(id="thurrock-2022"), 2, ends_on="2020-13-01"),
    ]
    _refused(
        records, "interventions[1] (thurrock-2022) stage 2: ends_on '2020-13-01' is not a date"
    )


def test_a_date_and_time_is_not_a_date() -> None:
    records = [_stage(_record(), 1, on=dt.datetime(2024, 1, 10, 9, 0, tzinfo=dt.UTC))]
    _refused(records, "stage 1: on ")


def test_an_unknown_stage_kind_is_refused() -> None:
    _refused([_stage(_record(), 2, kind="takeover")], "(testshire-2024) stage 2: kind 'takeover'")


def test_an_end_before_the_start_is_refused() -> None:
    records = [_stage(_record(), 2, ends_on=dt.date(2024, 2, 1))]
    _refused(records, "stage 2: ends_on 2024-02-01 is not after the stage date 2024-03-01")


def test_an_end_on_the_start_is_refused() -> None:
    _refused([_stage(_record(), 2, ends_on=dt.date(2024, 3, 1))], "stage 2: ends_on 2024-03-01")


def test_a_rough_end_before_a_rough_start_is_refused() -> None:
    records = [
        _stage(_record(), 2, on=None, on_approx="2024-03", ends_on=None, ends_on_approx="2023")
    ]
    _refused(records, "stage 2: ends_on 2023 is not after the stage date 2024-03")


def test_a_malformed_rough_date_is_refused() -> None:
    _refused(
        [_stage(_record(), 2, on=None, on_approx="spring 2024")], "stage 2: on_approx 'spring 2024'"
    )


def test_an_exact_and_a_rough_date_together_are_refused() -> None:
    _refused([_stage(_record(), 2, on_approx="2024-03")], "give on or on_approx, not both")


def test_representations_by_must_follow_the_letter() -> None:
    records = [_stage(_record(), 1, representations_by=dt.date(2024, 1, 10))]
    _refused(records, "stage 1: representations_by 2024-01-10 is not after the letter")
    records = [_stage(_record(), 2, representations_by=dt.date(2024, 4, 1))]
    _refused(records, "stage 2: representations_by is only for minded_to stages")


def test_an_unknown_field_is_refused() -> None:
    _refused([_stage(_record(), 2, ends_om=None)], "stage 2: unknown field(s) ends_om")
    _refused([_record(notes="x")], "interventions[0] (testshire-2024): unknown field(s) notes")


def test_a_bare_on_key_is_refused_with_the_fix() -> None:
    stage = _record()["stages"][1]
    stage[True] = stage.pop("on")
    record = _record()
    record["stages"][1] = stage
    _refused([record], 'write it quoted, "on":')


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"legal_basis": ["s.16"]}, "legal_basis ['s.16'] must be a list"),
        ({"legal_basis": ["s.10"]}, "s.10 is the legal basis of inspections only"),
        ({"model": "takeover"}, "model 'takeover' is not one of"),
        (
            {"findings_failing_themes": ["finance"]},
            "findings_failing_themes has unknown theme(s) ['finance']",
        ),
        ({"sources": ["not a url"]}, "sources: 'not a url' is not a web address"),
        ({"note": 12}, "note must be text"),
    ],
)
def test_bad_stage_fields_are_refused(changes: dict[str, Any], message: str) -> None:
    _refused([_stage(_record(), 2, **changes)], f"stage 2: {message}")


@pytest.mark.parametrize(
    ("appointee", "message"),
    [
        ({"name": "X", "role": "emperor"}, "role 'emperor' is not one we know"),
        ({"name": "X", "role": "inspector"}, "a directions stage cannot have a inspector"),
        ({"name": "X", "role": "commissioner", "fee_per_day_gbp": -1}, "must be zero or more"),
        ({"name": "X", "role": "commissioner", "fee_per_day_gbp": True}, "is not a number"),
        ({"name": "X", "role": "commissioner", "days_per_year": 1.5}, "not a whole number"),
    ],
)
def test_bad_appointees_are_refused(appointee: dict[str, Any], message: str) -> None:
    records = [_stage(_record(), 2, appointees=[appointee])]
    _refused(records, "stage 2 appointee 1: ")
    _refused(records, message)


def test_an_inspection_has_only_inspectors_and_section_ten() -> None:
    inspection = {"kind": "best_value_inspection", "legal_basis": ["s.15(5)"]}
    _refused(
        [_stage(_record(), 2, **inspection)], "an inspection's legal_basis can only be ['s.10']"
    )
    inspection = {"kind": "best_value_inspection", "legal_basis": ["s.10"]}
    _refused(
        [_stage(_record(), 2, **inspection)],
        "a best_value_inspection stage cannot have a lead commissioner",
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"id": "Thurrock 2022"}, "interventions[0]: id 'Thurrock 2022' is not a slug"),
        ({"authority_gss": "W06000001x"}, "authority_gss 'W06000001x' is not a GSS code"),
        ({"status": "paused"}, "status 'paused' is not one of active, ended"),
        ({"status_approx": "yes"}, "status_approx must be true or false"),
        ({"trigger": " "}, "trigger must be non-empty text"),
        ({"stages": None}, "stages must be a list"),
    ],
)
def test_bad_record_fields_are_refused(changes: dict[str, Any], message: str) -> None:
    _refused([_record(**changes)], message)


def test_an_id_used_twice_is_refused() -> None:
    _refused(
        [_record(), _record()], "interventions[1] (testshire-2024): the id appears more than once"
    )


def test_the_list_must_be_a_list_of_mappings() -> None:
    _refused("interventions", "expected a list")  # type: ignore[arg-type]
    _refused(["thurrock"], "interventions[0]: expected a mapping")
