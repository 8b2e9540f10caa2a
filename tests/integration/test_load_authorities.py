"""bestvalue load-authorities: every English authority, idempotent, and all-or-nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bestvalue.authorities.kinds import AuthorityKind
from bestvalue.authorities.models import Authority, AuthorityName, Membership
from bestvalue.authorities.reference import (
    DATA_DIR,
    MYSOCIETY,
    ReferenceDataError,
    read_reference_data,
)
from bestvalue.authorities.services import load_authorities

pytestmark = pytest.mark.django_db


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _snapshot() -> tuple:
    return (
        list(Authority.objects.order_by("gss_code").values()),
        list(AuthorityName.objects.order_by("id").values()),
        list(Membership.objects.order_by("id").values()),
    )


def test_it_loads_every_english_authority() -> None:
    report = load_authorities()
    assert len(report.created) == Authority.objects.count() == 383
    current = Authority.objects.current()
    assert current.count() == 333
    assert current.filter(kind=AuthorityKind.NON_METROPOLITAN_DISTRICT).count() == 164
    assert current.combined().count() == 15


def test_cambridgeshire_and_peterborough_has_seven_constituent_councils() -> None:
    load_authorities()
    cpca = Authority.objects.get(gss_code="E47000008")
    members = Membership.objects.filter(combined_authority=cpca, is_constituent=True)
    assert members.count() == 7
    assert "Cambridgeshire County Council" in {m.member.official_name for m in members}


def test_districts_in_a_combined_county_authority_are_not_constituent() -> None:
    load_authorities()
    emca = Authority.objects.get(gss_code="E47000013")
    assert emca.kind == AuthorityKind.COMBINED_COUNTY_AUTHORITY
    constituent = {m.member.gss_code for m in emca.memberships.filter(is_constituent=True)}
    # Derby, Nottingham, Derbyshire CC and Nottinghamshire CC.
    assert constituent == {"E06000015", "E06000018", "E10000007", "E10000024"}
    assert emca.memberships.filter(is_constituent=False).count() == 15


def test_the_caveats_of_the_source_are_handled() -> None:
    load_authorities()
    north_east = Authority.objects.get(gss_code="E47000014")
    assert north_east.is_current
    old = Authority.objects.get(gss_code="E47000010")
    assert not old.is_current
    assert list(old.successors.all()) == [north_east]
    assert (
        Authority.objects.filter(gss_code__in=["E47000015", "E47000018"], is_current=True).count()
        == 2
    )
    assert Authority.objects.get(gss_code="E10000007").region == "East Midlands"  # Derbyshire CC
    barnsley = Authority.objects.get(gss_code="E08000038")
    assert barnsley.former_codes.get().gss_code == "E08000016"
    assert Authority.objects.get(gss_code="E47000017").region == ""  # spans two regions


def test_abolished_councils_are_kept_with_their_successors() -> None:
    load_authorities()
    cumbria = Authority.objects.get(code="CMA")
    assert not cumbria.is_current
    assert {a.code for a in cumbria.successors.all()} == {"CBD", "WAF"}


def test_name_variants_are_kept_for_matching_without_inventing_comma_splits() -> None:
    load_authorities()
    bristol = Authority.objects.get(code="BST")
    names = set(bristol.names.values_list("name", flat=True))
    assert "Bristol, City of" in names or "Bristol City Council" in names
    assert not AuthorityName.objects.filter(normalised="city of").exists()


def test_a_second_run_changes_nothing() -> None:
    load_authorities()
    before = _snapshot()
    report = load_authorities()
    assert (report.created, report.updated, report.unchanged) == ([], [], 383)
    assert _snapshot() == before


def test_a_change_in_the_files_updates_only_that_authority(data_copy: Path) -> None:
    load_authorities(directory=data_copy)
    path = data_copy / MYSOCIETY
    path.write_text(
        path.read_text(encoding="utf-8").replace("Fenland District Council", "Fenland Council"),
        encoding="utf-8",
    )
    report = load_authorities(directory=data_copy)
    assert report.updated == ["E07000010"]
    assert Authority.objects.get(gss_code="E07000010").official_name == "Fenland Council"


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (",E07000010,", ",E0700001X,", "gss-code 'E0700001X' is not a GSS code"),
        (",2023-04-01,CBD,", ",2023-04-31,CBD,", "end-date '2023-04-31' is not a date"),
        (
            "Non-metropolitan district,CAM",
            "Non-metropolitan district,CAM,extra",
            "fields but the header has",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_line_and_nothing_changes(
    data_copy: Path, old: str, new: str, reason: str
) -> None:
    load_authorities()
    before = _snapshot()
    path = data_copy / MYSOCIETY
    text = path.read_text(encoding="utf-8")
    assert old in text
    broken = text.replace(old, new, 1)
    path.write_text(broken, encoding="utf-8")
    line = next(n for n, row in enumerate(broken.splitlines(), start=1) if new in row)
    with pytest.raises(CommandError) as excinfo:
        call_command("load_authorities", directory=data_copy)
    message = str(excinfo.value)
    assert f"uk_local_authorities_current.csv, line {line}:" in message
    assert reason in message
    assert "Nothing was loaded" in message
    assert _snapshot() == before


def test_a_file_missing_a_column_is_refused_at_line_one(data_copy: Path) -> None:
    path = data_copy / MYSOCIETY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("gss-code,", "gss_code,", 1), encoding="utf-8")
    with pytest.raises(CommandError, match=r"line 1: missing column\(s\): gss-code"):
        call_command("load_authorities", directory=data_copy)
    assert Authority.objects.count() == 0


def test_a_failure_half_way_rolls_back_everything(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bestvalue.authorities import services

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_sync_memberships", explode)
    with pytest.raises(RuntimeError):
        load_authorities(directory=data_copy)
    assert Authority.objects.count() == 0


def test_the_command_reports_what_it_did(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_authorities")
    call_command("load_authorities")
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "Authorities: 383 added, 0 updated, 0 unchanged.",
        "Authorities: 0 added, 0 updated, 383 unchanged.",
    ]


def test_a_reorganisation_of_an_unknown_authority_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "reorganisations.csv").write_text(
        "gss-code,due-on,successor-gss-codes,note,sources\nE07999999,2027,,x,\n", encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError, match="line 2: gss-code E07999999 is not a known"):
        read_reference_data(data)
    (data / "reorganisations.csv").write_text(
        "gss-code,due-on,successor-gss-codes,note,sources\nE07000217,soon,,x,\n", encoding="utf-8"
    )
    with pytest.raises(ReferenceDataError, match="due-on 'soon' is not a year"):
        read_reference_data(data)
