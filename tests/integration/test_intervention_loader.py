"""Loading the register's inspections and interventions: the real record, idempotent, and
all-or-nothing."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from bestvalue.audit.models import AuditEvent
from bestvalue.authorities.models import Authority, FormerCode
from bestvalue.authorities.services import load_authorities
from bestvalue.interventions import rules, selectors
from bestvalue.interventions.loader import load_interventions
from bestvalue.interventions.models import (
    Appointee,
    ApprovalStatus,
    Directions,
    Finding,
    Inspection,
    InspectionExtension,
    Inspector,
    Intervention,
    MindedTo,
    NonStatutoryStage,
)
from bestvalue.interventions.register import RegisterDataError
from tests.factories import make_register_authorities, register_interventions

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def records() -> list[dict[str, Any]]:
    records = register_interventions()
    make_register_authorities(records)
    return records


@pytest.fixture
def loaded(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    load_interventions(records)
    return records


def _counts() -> dict[str, int]:
    models = (
        Intervention,
        NonStatutoryStage,
        Inspection,
        Inspector,
        InspectionExtension,
        MindedTo,
        Directions,
        Appointee,
        Finding,
    )
    return {m.__name__: m.objects.count() for m in models}


def _intervention(reference: str) -> Intervention:
    found = selectors.intervention_by_reference(reference)
    assert found is not None
    return found


def test_it_loads_all_seventeen_interventions_and_eighty_two_stages(records: list[Any]) -> None:
    report = load_interventions(records)
    assert len(report.created) == Intervention.objects.count() == 17
    assert Intervention.objects.active().count() == 10
    assert Intervention.objects.ended().count() == 7
    stages = sum(m.objects.count() for m in (NonStatutoryStage, Inspection, MindedTo, Directions))
    assert stages == 82
    assert Inspection.objects.count() == 8
    assert MindedTo.objects.count() == 22
    kinds = dict(Directions.objects.values_list("kind").annotate(n=Count("id")))
    assert kinds == {
        "directions": 25,
        "revocation": 5,
        "expiry": 4,
        "exit": 2,
        "extension": 1,
        "appointment": 7,
    }
    assert NonStatutoryStage.objects.filter(kind="non_statutory_panel").count() == 4
    assert NonStatutoryStage.objects.filter(kind="external_assurance_review").count() == 4
    # README: 98 appointee entries; inspectors are kept apart from appointees.
    assert Appointee.objects.count() + Inspector.objects.count() == 98


def test_every_source_url_and_note_is_kept(loaded: list[dict[str, Any]]) -> None:
    expected = {u for r in loaded for s in r["stages"] for u in s["sources"]}
    kept = set()
    for model in (NonStatutoryStage, Inspection, MindedTo, Directions):
        for sources in model.objects.values_list("sources", flat=True):
            kept.update(sources)
    assert kept == expected
    assert len(kept) == 102
    spelthorne = Directions.objects.get(intervention__reference="spelthorne-2024", position=3)
    assert spelthorne.note.startswith("12 representations received.")


def test_loaded_letters_and_directions_are_issued_with_no_users(loaded: Any) -> None:
    for model in (MindedTo, Directions):
        assert set(model.objects.values_list("status", flat=True)) == {ApprovalStatus.ISSUED}
        assert not model.objects.filter(drafted_by__isnull=False).exists()
        assert not model.objects.filter(approved_by__isnull=False).exists()


def test_thurrock(loaded: Any) -> None:
    thurrock = _intervention("thurrock-2022")
    assert thurrock.authority.gss_code == "E06000034"
    assert thurrock.status == "active"
    first, later, appointment, final = thurrock.directions.all()
    assert (first.made_on, first.legal_basis, first.model) == (
        D(2022, 9, 2),
        ["s.15(5)", "s.15(6)"],
        "commissioners",
    )
    assert first.representations_foregone_reason == "Representation period foregone as urgent."
    assert [a.name for a in first.appointees.all()] == ["Essex County Council"]
    assert (later.made_on, later.amends) == (D(2023, 3, 16), None)
    assert (appointment.kind, appointment.amends_id) == ("appointment", later.pk)
    assert [(a.name, a.role) for a in appointment.appointees.all()] == [
        ("Gavin Jones", "lead_commissioner"),
        ("Nicole Wood", "finance_commissioner"),
        ("Dr Dave Smith", "managing_director_commissioner"),
    ]
    assert (final.made_on, final.ends_on, final.legal_basis) == (
        D(2025, 7, 17),
        D(2028, 4, 30),
        ["s.15(5)", "s.15(6)"],
    )
    (inspection,) = thurrock.inspections.all()
    assert inspection.announced_on == D(2022, 9, 2)
    assert inspection.started_on == D(2022, 10, 10)
    assert inspection.report_published_on == D(2023, 6, 15)
    assert inspection.report_due_on is None  # the original deadline is not in the sources
    (extension,) = inspection.extensions.all()
    assert (extension.made_on, extension.new_deadline_on) == (D(2022, 12, 14), D(2023, 2, 17))
    assert inspection.deadline == D(2023, 2, 17)
    assert [i.name for i in inspection.inspectors.all()] == ["Essex County Council"]
    letters = thurrock.minded_to_letters.all()
    assert [(m.letter_on, m.representations_by) for m in letters] == [
        (D(2023, 1, 24), D(2023, 2, 7)),
        (D(2025, 6, 19), None),
    ]


def test_woking(loaded: Any) -> None:
    woking = _intervention("woking-2023")
    (review,) = woking.non_statutory_stages.all()
    assert review.kind == "external_assurance_review"
    assert (review.started_on, review.started_on_approx, review.ends_on) == (
        None,
        "2023-01",
        D(2023, 5, 25),
    )
    assert [a.role for a in review.appointees.all()] == ["reviewer"] * 3
    directions, *appointments = woking.directions.all()
    assert directions.made_on == D(2023, 5, 25)
    # Five years, to 24 May 2028 (corrections of December 2026, gaps).
    assert (directions.ends_on, directions.ends_on_approx) == (D(2028, 5, 24), "")
    assert [(a.kind, a.made_on, a.made_on_approx) for a in appointments] == [
        ("appointment", D(2023, 12, 13), ""),
        ("appointment", None, "2024-04"),
        ("appointment", D(2026, 1, 27), ""),
    ]
    assert directions.representations_foregone_reason
    assert directions.first_report_after_months is None  # the council's updates, not reports
    assert [a.name for a in directions.appointees.all()] == [
        "Jim Taylor",
        "Carol Culley OBE",
        "Mervyn Greer",
    ]
    assert rules.in_force_on(selectors.in_force_periods(woking), D(2026, 1, 1)) is True


def test_birmingham(loaded: Any) -> None:
    birmingham = _intervention("birmingham-2023")
    (letter,) = birmingham.minded_to_letters.all()
    assert (letter.letter_on, letter.representations_by) == (D(2023, 9, 19), None)
    (directions,) = birmingham.directions.all()
    assert (directions.made_on, directions.ends_on, directions.legal_basis) == (
        D(2023, 10, 5),
        D(2028, 10, 4),
        None,
    )
    people = {a.name: a for a in directions.appointees.all()}
    assert len(people) == 8
    caller = people["Max Caller CBE"]
    assert (caller.role, caller.fee_per_day, caller.days_per_year) == (
        "lead_commissioner",
        Decimal(1200),
        150,
    )
    assert caller.estimated_annual_cost == Decimal(180000)
    assert people["Chris Tambini"].role == "finance_commissioner"
    assert people["Chris Tambini"].estimated_annual_cost == Decimal(165000)
    assert people["Lord John Hutton"].role == "political_adviser"
    assert people["Lord John Hutton"].estimated_annual_cost is None


def test_croydon(loaded: Any) -> None:
    croydon = _intervention("croydon-2021")
    (panel,) = croydon.non_statutory_stages.all()
    assert (panel.kind, panel.started_on_approx, panel.ends_on) == (
        "non_statutory_panel",
        "2021-02",
        D(2023, 7, 20),
    )
    first_letter, second_letter = croydon.minded_to_letters.all()
    assert (first_letter.proposed_model, first_letter.representations_by) == (
        "improvement_and_assurance_panel",
        D(2023, 3, 30),
    )
    assert (second_letter.proposed_model, second_letter.representations_by) == (
        "commissioners",
        D(2025, 6, 25),
    )
    panel_directions, commissioners = croydon.directions.all()
    assert (panel_directions.made_on, panel_directions.ends_on) == (D(2023, 7, 20), D(2025, 7, 20))
    assert (panel_directions.first_report_after_months, panel_directions.report_every_months) == (
        3,
        6,
    )
    assert [a.role for a in panel_directions.appointees.all()] == ["panel_chair"] + [
        "panel_member"
    ] * 4
    assert commissioners.legal_basis == ["s.15(5)", "s.15(6)"]
    assert (commissioners.made_on, commissioners.ends_on) == (D(2025, 7, 17), D(2027, 7, 20))
    assert commissioners.report_every_months == 6
    brown = commissioners.appointees.get(name="Cllr Abi Brown OBE")
    assert (brown.fee_per_day, brown.days_per_year, brown.estimated_annual_cost) == (
        Decimal(1100),
        120,
        Decimal(132000),
    )
    failing = {(f.theme.key, f.meets_duty) for f in commissioners.findings.all()}
    assert failing == {
        ("continuous_improvement", False),
        ("leadership", False),
        ("use_of_resources", False),
    }


def test_nottingham(loaded: Any) -> None:
    nottingham = _intervention("nottingham-2021")
    assert (nottingham.status, nottingham.status_approx) == ("active", True)
    assert "22 Feb 2026" in nottingham.status_note
    board, commissioners, expiry, envoy_directions = nottingham.directions.all()
    assert (board.model, board.ends_on) == ("improvement_and_assurance_panel", D(2024, 2, 22))
    assert (expiry.kind, expiry.made_on) == ("expiry", D(2026, 2, 22))
    assert (envoy_directions.model, envoy_directions.made_on_approx) == (
        "ministerial_envoys",
        "2026-02",
    )
    assert [a.powers for a in envoy_directions.appointees.all()] == ["none"]
    assert [a.name for a in commissioners.appointees.all()] == ["McArdle", "Lee", "Kemp"]
    envoys = nottingham.minded_to_letters.all()[2]
    assert (envoys.letter_on, envoys.letter_on_approx) == (None, "2025-12/2026-02")
    assert envoys.proposed_model == "ministerial_envoys"
    assert {f.theme.key for f in envoys.findings.all()} == {
        "continuous_improvement",
        "service_delivery",
    }


def test_spelthorne(loaded: Any) -> None:
    spelthorne = _intervention("spelthorne-2024")
    (inspection,) = spelthorne.inspections.all()
    assert (inspection.announced_on, inspection.report_due_on) == (D(2024, 5, 8), D(2024, 7, 31))
    (extension,) = inspection.extensions.all()
    assert (extension.made_on, extension.extends_deadline_on, extension.new_deadline_on) == (
        None,
        D(2024, 7, 31),
        D(2025, 1, 31),
    )
    assert inspection.deadline == D(2025, 1, 31)
    assert [(i.name, i.role) for i in inspection.inspectors.all()] == [
        ("Lesley Seary", "lead"),
        ("Mervyn Greer", ""),
        ("Peter Robinson", ""),
        ("Deborah McLaughlin", ""),
    ]
    (letter,) = spelthorne.minded_to_letters.all()
    assert (letter.letter_on, letter.representations_by) == (D(2025, 3, 17), D(2025, 3, 28))
    assert letter.window_state(D(2025, 3, 28)) == rules.WindowState.OPEN
    assert letter.window_state(D(2025, 3, 29)) == rules.WindowState.CLOSED
    directions, reappointment = spelthorne.directions.all()
    assert (directions.made_on, directions.ends_on) == (D(2025, 5, 8), D(2030, 5, 31))
    assert (reappointment.kind, reappointment.made_on) == ("appointment", D(2026, 2, 10))
    assert directions.appointees.get(role="lead_commissioner").name == "Lesley Seary"
    assert directions.findings.count() == 5
    assert spelthorne.status == "active"


def test_warrington(loaded: Any) -> None:
    warrington = _intervention("warrington-2024")
    (inspection,) = warrington.inspections.all()
    assert inspection.report_due_on == D(2024, 8, 30)
    assert inspection.deadline == D(2025, 1, 31)
    assert [i.role for i in inspection.inspectors.all()] == ["lead", "assistant", "assistant"]
    (letter,) = warrington.minded_to_letters.all()
    assert letter.proposed_model == "ministerial_envoys"
    assert letter.proposed_legal_basis == ["s.15(5)", "s.15(6)"]
    assert {f.theme.key for f in letter.findings.all()} == {
        "leadership",
        "culture",
        "governance",
        "use_of_resources",
    }
    (directions,) = warrington.directions.all()
    assert (directions.made_on, directions.ends_on, directions.model) == (
        D(2025, 7, 9),
        D(2030, 7, 31),
        "ministerial_envoys",
    )
    assert [a.role for a in directions.appointees.all()] == ["envoy"] * 4


def test_tower_hamlets_rough_dates_stay_text_beside_a_blank_date(loaded: Any) -> None:
    earlier = _intervention("tower-hamlets-2014")
    *partial, revocation, exit_ = (
        d for d in earlier.directions.all() if d.kind in ("revocation", "exit")
    )
    assert [(p.made_on, p.made_on_approx) for p in partial] == [
        (D(2015, 10, 29), ""),
        (None, "2017-01"),
    ]
    assert (revocation.made_on, revocation.made_on_approx) == (D(2017, 3, 31), "")
    assert (exit_.made_on, exit_.made_on_approx) == (None, "2018-09")
    (inspection,) = earlier.inspections.all()
    assert inspection.report_published_on == D(2014, 11, 4)
    later = _intervention("tower-hamlets-2024")
    (inspection,) = later.inspections.all()
    assert (
        inspection.report_due_on,
        inspection.report_submitted_on,
        inspection.report_published_on,
    ) == (
        D(2024, 5, 31),
        D(2024, 7, 31),
        D(2024, 11, 12),
    )
    envoy, *assistants = later.directions.get(position=3).appointees.all()
    assert [(a.name, a.role, a.fee_per_day, a.powers) for a in assistants] == [
        ("Shokat Lal", "assistant_envoy", Decimal(1000), "none"),
        ("Pam Parkes", "assistant_envoy", Decimal(1000), "none"),
    ]
    assert (envoy.days_per_year, envoy.estimated_annual_cost) == (None, None)


def test_the_periods_in_force_agree_with_the_registers_derived_ones(loaded: Any) -> None:
    for record in loaded:
        periods = selectors.in_force_periods(_intervention(record["id"]))
        stated = record["directions_in_force"]
        assert len(periods) == len(stated), record["id"]
        for period, expected in zip(periods, stated, strict=True):
            start = rules.span_of(expected["from"], expected.get("from_approx", ""))
            assert period.start == start, record["id"]
            if expected["to"] is not None:
                assert period.end == rules.Span.exact(expected["to"]), record["id"]
            elif expected.get("to_approx"):
                assert period.end is not None, record["id"]
                assert not period.end.is_exact, record["id"]
            else:
                assert period.end is None, record["id"]


def test_a_second_run_changes_nothing_and_records_nothing(records: list[Any]) -> None:
    load_interventions(records)
    counts, events = _counts(), AuditEvent.objects.count()
    assert events == sum(counts.values())  # one event per record loaded
    report = load_interventions(records)
    assert (report.created, report.updated, report.unchanged) == ([], [], 17)
    assert not report.changed
    assert _counts() == counts
    assert AuditEvent.objects.count() == events


def test_a_changed_fact_updates_that_record_alone(records: list[Any]) -> None:
    load_interventions(records)
    events = AuditEvent.objects.count()
    changed = copy.deepcopy(records)
    woking = next(r for r in changed if r["id"] == "woking-2023")
    woking["stages"][1]["ends_on"] = D(2027, 5, 31)
    report = load_interventions(changed)
    assert (report.updated, report.unchanged) == (["woking-2023"], 16)
    (event,) = AuditEvent.objects.filter(sequence__gt=events)
    assert event.action == "directions.updated_from_register"
    assert event.actor is None
    assert (event.before["ends_on"], event.after["ends_on"]) == ("2028-05-24", "2027-05-31")


def test_a_stage_taken_out_of_the_register_is_removed_with_its_people(records: list[Any]) -> None:
    load_interventions(records)
    changed = copy.deepcopy(records)
    thurrock = next(r for r in changed if r["id"] == "thurrock-2022")
    del thurrock["stages"][6]  # the 2025 directions, with three appointees
    load_interventions(changed)
    assert not Directions.objects.filter(
        intervention__reference="thurrock-2022", position=7
    ).exists()
    actions = list(AuditEvent.objects.order_by("-sequence").values_list("action", flat=True)[:4])
    assert actions == ["directions.removed_from_register"] + ["appointee.removed_from_register"] * 3


def _refused(records: list[Any], message: str) -> None:
    with pytest.raises(RegisterDataError) as caught:
        load_interventions(records)
    assert message in str(caught.value)
    assert Intervention.objects.count() == 0
    assert Directions.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def _thurrock_first(records: list[Any]) -> list[Any]:
    return sorted(copy.deepcopy(records), key=lambda r: r["id"] != "thurrock-2022")


def test_a_bad_date_is_refused_and_nothing_is_saved(records: list[Any]) -> None:
    bad = _thurrock_first(records)
    bad[0]["stages"][1]["ends_on"] = "2020-13-01"
    _refused(
        bad,
        "register.yaml: interventions[0] (thurrock-2022) stage 2: ends_on '2020-13-01' is not a date",
    )


def test_an_unknown_authority_is_refused_and_nothing_is_saved(records: list[Any]) -> None:
    bad = _thurrock_first(records)
    bad[3]["authority_gss"] = "E06999999"
    _refused(
        bad, f"interventions[3] ({bad[3]['id']}): authority_gss E06999999 is not a known authority"
    )


def test_an_unknown_stage_kind_is_refused_and_nothing_is_saved(records: list[Any]) -> None:
    bad = _thurrock_first(records)
    bad[0]["stages"][2]["kind"] = "special_measures"
    _refused(bad, "interventions[0] (thurrock-2022) stage 3: kind 'special_measures' is not one of")


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(records: list[Any]) -> None:
    bad = _thurrock_first(records)
    bad[0]["stages"][6]["ends_on"] = D(2025, 1, 1)
    _refused(
        bad,
        "interventions[0] (thurrock-2022) stage 7: ends_on 2025-01-01 is not after the stage date 2025-07-17",
    )


def test_a_record_the_database_refuses_rolls_back_the_records_before_it(records: list[Any]) -> None:
    bad = copy.deepcopy(records)
    bad[15]["stages"][2]["appointees"][0]["name"] = "x" * 201  # longer than the field allows
    _refused(
        bad,
        f"interventions[15] ({bad[15]['id']}) stage 3: Ensure this value has at most 200 characters",
    )


def test_a_note_that_no_longer_supports_a_derived_fact_is_refused(records: list[Any]) -> None:
    bad = _thurrock_first(records)
    bad[0]["stages"][1]["note"] = "Inspection report published."
    _refused(bad, "interventions[0] (thurrock-2022) stage 2: the note no longer says")


def test_authorities_are_found_by_a_former_code(records: list[Any]) -> None:
    woking = Authority.objects.get(gss_code="E07000217")
    woking.gss_code = "E07000999"
    woking.save()
    FormerCode.objects.create(authority=woking, gss_code="E07000217")
    load_interventions(records)
    assert Intervention.objects.get(reference="woking-2023").authority == woking


def test_the_command_loads_the_shipped_register_with_the_real_authorities(
    capsys: pytest.CaptureFixture[str],
) -> None:
    load_authorities()
    northamptonshire = Authority.objects.get(gss_code="E10000021")
    assert not northamptonshire.is_current
    call_command("load_register")
    assert "Interventions: 17 added, 0 updated, 0 unchanged." in capsys.readouterr().out
    assert Intervention.objects.get(reference="northamptonshire-2018").authority == northamptonshire
    call_command("load_register")
    assert "Interventions: 0 added, 0 updated, 17 unchanged." in capsys.readouterr().out


def test_the_command_refuses_an_unreadable_file(records: list[Any], tmp_path: Path) -> None:
    broken = tmp_path / "register.yaml"
    broken.write_text('interventions:\n  - id: x\n    "on": 2020-13-01\n', encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_register", file=broken)
    bad = _thurrock_first(records)
    bad[0]["status"] = "paused"
    broken.write_text(yaml.safe_dump({"notices": [], "interventions": bad}), encoding="utf-8")
    with pytest.raises(
        CommandError, match=r"Nothing was loaded\. register\.yaml: interventions\[0\]"
    ):
        call_command("load_register", file=broken)
    assert Intervention.objects.count() == 0


def test_reloading_keeps_the_steps_the_department_recorded(loaded: list[dict[str, Any]]) -> None:
    from bestvalue.accounts.roles import Role
    from bestvalue.interventions import services
    from tests.factories import make_user

    thurrock = Intervention.objects.get(reference="thurrock-2022")
    inspection = services.record_inspection(
        by=make_user(Role.CASEWORKER), intervention=thurrock, announced_on=D(2026, 1, 5)
    )
    report = load_interventions(loaded)
    assert report.unchanged == len(loaded)
    assert Inspection.objects.filter(pk=inspection.pk, from_register=False).exists()
