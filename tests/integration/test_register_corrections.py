"""Every item of the December 2026 corrections is in the loaded record or its exclusion is
documented (issue 19, point 4). The corrections list is shipped beside the register."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from bestvalue.authorities.models import Authority
from bestvalue.guidance.themes import GUIDANCE_PUBLISHED
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


# Sections 4 and 5 of the corrections: gaps the sources fill, and changes to the regime. Their
# bullets carry no numbers in the file; the README numbers them 4.1... and 5.1... in order.


def regime_items() -> list[str]:
    """4.n for each top-level bullet of section 4, 5.n for each numbered item of section 5."""
    text = (DATA / "corrections-2026-12.md").read_text(encoding="utf-8")
    gaps = text.split("## 4.", 1)[1].split("## 5.", 1)[0]
    changes = text.split("## 5.", 1)[1]
    bullets = re.findall(r"^- \*\*", gaps, flags=re.MULTILINE)
    numbered = re.findall(r"^(\d+)\. \*\*", changes, flags=re.MULTILINE)
    return [f"4.{n}" for n in range(1, len(bullets) + 1)] + [f"5.{n}" for n in numbered]


def how_each_regime_item_went() -> dict[str, str]:
    text = (DATA / "README.md").read_text(encoding="utf-8")
    section = text.split("### Section 4 (gaps the sources fill)", 1)[1]
    rows = re.findall(r"^\| ([45]\.\d+) \| [^|]+ \| (.+) \|$", section, flags=re.MULTILINE)
    return dict(rows)


def _appointees(reference: str, position: int) -> dict[str, Appointee]:
    return {
        a.name: a
        for a in Appointee.objects.filter(
            directions__intervention__reference=reference, directions__position=position
        )
    }


def _directions(reference: str, position: int) -> Directions:
    return Directions.objects.get(intervention__reference=reference, position=position)


def _check_woking() -> None:
    assert _directions("woking-2023", 2).ends_on == dt.date(2028, 5, 24)
    assert set(_appointees("woking-2023", 6)) == {"Sir Tony Redmond", "Richard Carr", "Barry Scarr"}
    woking = Authority.objects.get(gss_code="E07000217")
    assert woking.reorganisation_due == "2027"


def _check_thurrock_2025() -> None:
    assert _directions("thurrock-2022", 7).legal_basis == ["s.15(5)", "s.15(6)"]


def _check_thurrock_managing_director() -> None:
    smith = _appointees("thurrock-2022", 4)["Dr Dave Smith"]
    assert "appointed Managing Director Commissioner in March 2023" in smith.note
    assert "inference" not in smith.note


def _check_nottingham_legal_basis() -> None:
    assert _directions("nottingham-2021", 5).legal_basis == ["s.15(5)", "s.15(6)"]
    assert _directions("nottingham-2021", 3).legal_basis in (None, [])  # only a mirror says


def _check_nottingham_lead_commissioner() -> None:
    nottingham = Appointee.objects.filter(directions__intervention__reference="nottingham-2021")
    assert "McArdle" in _appointees("nottingham-2021", 5)
    assert not nottingham.filter(name__contains="Tony McArdle").exists()


def _check_tower_hamlets_assistant_envoys() -> None:
    envoys = _appointees("tower-hamlets-2024", 3)
    for name in ("Shokat Lal", "Pam Parkes"):
        assert envoys[name].role == "assistant_envoy", name


def _check_tower_hamlets_2014_end() -> None:
    assert _stage("tower-hamlets-2014", 9) == ("revocation", "2017-03-31")


def _check_liverpool() -> None:
    inspection = Inspection.objects.get(intervention__reference="liverpool-2020")
    assert inspection.announced_on == dt.date(2020, 12, 17)
    assistants = set(inspection.inspectors.filter(role="assistant").values_list("name", flat=True))
    assert assistants == {"Vivienne Geary", "Mervyn Greer"}
    others = {"Joanna Killian", "Neil Gibson", "Deborah McLaughlin", "Stephen Hughes"}
    assert others < set(_appointees("liverpool-2020", 3))
    board = NonStatutoryStage.objects.get(intervention__reference="liverpool-2020", position=8)
    assert board.ends_on_approx == "2025-04"


def _check_slough_extension() -> None:
    assert Directions.objects.filter(
        intervention__reference="slough-2021", made_on=dt.date(2024, 11, 20)
    ).exists()


def _check_weca_left_out() -> None:
    outcome = Notice.objects.get(register_id="weca-2024-03").outcome
    assert (outcome.decided_on, outcome.decided_on_approx) == (None, "2025-03")


def _check_spelthorne_first_terms() -> None:
    assert "until January 2026" in _appointees("spelthorne-2024", 4)["Lesley Seary"].note


def _check_wirral_stand_down() -> None:
    exit_stage = _directions("wirral-2021", 3)
    assert "https://www.birkenhead.news/" in " ".join(exit_stage.sources)


def _check_wirral_figures() -> None:
    review = NonStatutoryStage.objects.get(intervention__reference="wirral-2021", position=1)
    assert "12.4m" in review.note
    assert "17.2m" in review.note


def _check_guidance() -> None:
    assert GUIDANCE_PUBLISHED == "8 May 2024"


def _check_envoy_powers() -> None:
    assert Appointee.objects.filter(role="assistant_envoy").exists()
    assert {p for p in EnvoyPowers} <= set(Appointee.objects.values_list("powers", flat=True))


def _check_reorganisation() -> None:
    under_intervention = Authority.objects.exclude(reorganisation_due="").filter(
        interventions__status="active"
    )
    assert list(under_intervention.values_list("gss_code", flat=True)) == ["E07000217"]


def _check_signatories() -> None:
    signed = Notice.objects.filter(issued_on__year=2025, signatory_name="James Blythe")
    assert signed.count() >= 3


CHECKS = {
    "4.1": _check_woking,
    "4.2": _check_thurrock_2025,
    "4.3": _check_thurrock_managing_director,
    "4.4": _check_nottingham_legal_basis,
    "4.5": _check_nottingham_lead_commissioner,
    "4.6": _check_tower_hamlets_assistant_envoys,
    "4.7": _check_tower_hamlets_2014_end,
    "4.8": _check_liverpool,
    "4.9": _check_slough_extension,
    "4.10": _check_weca_left_out,
    "4.11": _check_spelthorne_first_terms,
    "4.12": _check_wirral_stand_down,
    "4.13": _check_wirral_figures,
    "5.1": _check_guidance,
    "5.2": _check_envoy_powers,
    "5.8": _check_reorganisation,
    "5.9": _check_signatories,
}


def test_the_gaps_and_regime_changes_are_the_ones_the_corrections_list() -> None:
    assert regime_items() == [f"4.{n}" for n in range(1, 14)] + [f"5.{n}" for n in range(1, 10)]


def test_every_gap_and_regime_change_is_folded_in_modelled_or_its_exclusion_documented() -> None:
    went = how_each_regime_item_went()
    assert list(went) == regime_items()
    for item, how in went.items():
        assert how.startswith(("folded in", "modelled: ", "left out: ")), item
        if how.startswith(("folded in", "modelled: ")):
            assert item in CHECKS, f"{item} is said to be in the record but nothing checks it"


@pytest.mark.django_db
def test_each_gap_and_regime_change_is_as_the_readme_says_after_loading() -> None:
    call_command("load_authorities")
    call_command("load_register")
    for item, check in CHECKS.items():
        try:
            check()
        except AssertionError as error:
            raise AssertionError(f"item {item}: {error}") from error
