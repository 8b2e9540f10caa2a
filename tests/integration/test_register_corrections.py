"""Every item of the December 2026 corrections is in the loaded record or its exclusion is
documented (issue 19, point 4). The corrections list is shipped beside the register."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from bestvalue.interventions.models import (
    Appointee,
    Directions,
    EnvoyPowers,
    Inspection,
    MindedTo,
    NonStatutoryStage,
)
from bestvalue.notices.models import Notice

DATA = Path(__file__).resolve().parents[2] / "bestvalue/notices/data"
# The date field (exact, approximate) of each kind of stage, by the model it loads as.
STAGES = {
    Inspection: ("announced_on", {"best_value_inspection"}),
    MindedTo: ("letter_on", {"minded_to"}),
    NonStatutoryStage: ("started_on", {"external_assurance_review", "non_statutory_panel"}),
    Directions: (
        "made_on",
        {"directions", "extension", "revocation", "expiry", "exit", "appointment"},
    ),
}


def corrections_items() -> list[str]:
    """The item numbers of the corrections' tables of missing events and contradictions."""
    text = (DATA / "corrections-2026-12.md").read_text(encoding="utf-8")
    return re.findall(r"^\| (C?\d+) \|", text, flags=re.MULTILINE)


def where_each_went() -> dict[str, list[str]]:
    text = (DATA / "README.md").read_text(encoding="utf-8")
    section = text.split("## Corrections of December 2026: where each item went", 1)[1]
    rows = re.findall(r"^\| (C?\d+) \| (.+)$", section, flags=re.MULTILINE)
    return {item: [cell.strip() for cell in rest.split(" | ")] for item, rest in rows}


def test_the_corrections_list_has_the_items_the_issue_names() -> None:
    assert corrections_items() == [*map(str, range(1, 20)), "C1", "C2", "C3"]


def test_every_correction_item_is_folded_in_or_its_exclusion_documented() -> None:
    placed = where_each_went()
    assert sorted(placed) == sorted(corrections_items())
    for item, (record, *_rest, how) in placed.items():
        assert record != "-" or how.startswith("left out: "), item


def _stage(reference: str, position: int) -> tuple[str, str]:
    for model, (field, kinds) in STAGES.items():
        stage = model.objects.filter(  # type: ignore[attr-defined]
            intervention__reference=reference, position=position
        ).first()
        if stage is not None:
            kind = getattr(stage, "kind", None) or next(iter(kinds))
            day = getattr(stage, field)
            return kind, day.isoformat() if day else getattr(stage, f"{field}_approx")
    raise AssertionError(f"{reference} has no stage {position}")


@pytest.mark.django_db
def test_each_correction_item_is_in_the_loaded_record() -> None:
    call_command("load_authorities")
    call_command("load_register")
    folded = {i: row for i, row in where_each_went().items() if row[0] != "-"}
    assert len(folded) == 21
    for item, (record, stage, kind, date, _how) in folded.items():
        if kind == "notice":
            notice = Notice.objects.get(register_id=record)
            assert (notice.expires_on.isoformat(), notice.period_approx) == (date, False), item
        else:
            assert _stage(record, int(stage)) == (kind, date), item


@pytest.mark.django_db
def test_contradictions_are_resolved_as_the_sources_say() -> None:
    call_command("load_authorities")
    call_command("load_register")
    minded_to = MindedTo.objects.get(intervention__reference="nottingham-2021", position=2)
    assert (minded_to.proposed_model, minded_to.proposed_legal_basis) == (
        "commissioners",
        ["s.15(5)", "s.15(6)"],
    )
    inspection = Inspection.objects.get(intervention__reference="northamptonshire-2018")
    assert inspection.announced_on == dt.date(2018, 1, 9)


@pytest.mark.django_db
def test_envoy_powers_are_loaded_as_the_sources_give_them() -> None:
    call_command("load_authorities")
    call_command("load_register")
    powers = {
        (a.directions.intervention.reference, a.directions.position, a.name): a.powers
        for a in Appointee.objects.filter(role__in=["envoy", "assistant_envoy"]).select_related(
            "directions__intervention"
        )
    }
    assert powers[("tower-hamlets-2024", 3, "Kim Bromley-Derry")] == EnvoyPowers.NONE
    assert powers[("tower-hamlets-2024", 3, "Shokat Lal")] == EnvoyPowers.NONE
    assert powers[("tower-hamlets-2024", 5, "Kim Bromley-Derry")] == EnvoyPowers.ACTIVE
    assert powers[("nottingham-2021", 8, "")] == EnvoyPowers.NONE
    reserve = [k[2] for k, v in powers.items() if v == EnvoyPowers.IN_RESERVE]
    assert sorted(reserve) == ["Carolyn Williamson", "Harry Catherall", "Phil Brookes"]
