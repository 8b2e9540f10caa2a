"""bestvalue load-register: the real public record of notices, idempotent and all-or-nothing."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bestvalue.audit.models import AuditEvent
from bestvalue.authorities.services import load_authorities
from bestvalue.notices.loader import RegisterDataError, load_notices, read_register
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import Status
from bestvalue.notices.selectors import in_force_on

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def register() -> dict:  # type: ignore[type-arg]
    load_authorities()
    return read_register()


def test_all_fifteen_notices_to_twelve_authorities_are_loaded(register) -> None:  # type: ignore[no-untyped-def]
    report = load_notices(register["notices"])
    assert len(report.created) == 15
    assert Notice.objects.published().count() == 15
    assert Notice.objects.values("authority").distinct().count() == 12


def test_cambridgeshire_and_peterborough_is_loaded_word_for_word(register) -> None:  # type: ignore[no-untyped-def]
    load_notices(register["notices"])
    first = Notice.objects.get(register_id="cpca-2023-01")
    revised = Notice.objects.get(register_id="cpca-2024-01")
    assert first.authority.gss_code == "E47000008"
    assert (first.issued_on, first.period_months, first.status) == (
        D(2023, 1, 24),
        12,
        Status.REISSUED,
    )
    assert revised.replaces == first
    assert (revised.issued_on, revised.period_months, revised.expires_on) == (
        D(2024, 1, 30),
        6,
        D(2024, 7, 30),
    )
    expectations = [e.text for e in revised.expectations.all()]
    assert len(expectations) == 5
    assert expectations[0] == (
        "Continue with the independent Improvement Board, making full use of its support and "
        "engaging with its recommendations over the next six months."
    )
    assert all(e.is_verbatim for e in revised.expectations.all())
    assert revised.status == Status.LAPSED
    assert revised.outcome.decided_on == D(2024, 9, 9)
    assert revised.outcome.letter_from_name == "Jim McMahon"
    assert revised.sources.exists()


def test_unknown_facts_stay_unknown(register) -> None:  # type: ignore[no-untyped-def]
    load_notices(register["notices"])
    bcp = Notice.objects.get(register_id="bcp-2023-08")
    assert (bcp.signatory_name, bcp.addressee_name) == ("", "")
    # Its 12-month period is confirmed by the council (corrections of December 2026, C1).
    assert not bcp.period_approx
    weca = Notice.objects.get(register_id="weca-2024-03")
    assert weca.outcome.decided_on is None
    assert weca.outcome.decided_on_approx == "2025-03"
    assert not any(e.is_verbatim for e in weca.expectations.all())


def test_a_second_load_changes_nothing_and_records_no_events(register) -> None:  # type: ignore[no-untyped-def]
    load_notices(register["notices"])
    events = AuditEvent.objects.count()
    report = load_notices(register["notices"])
    assert (report.created, report.updated, report.unchanged) == ([], [], 15)
    assert AuditEvent.objects.count() == events


def test_a_changed_record_is_updated_in_place(register) -> None:  # type: ignore[no-untyped-def]
    load_notices(register["notices"])
    records = copy.deepcopy(register["notices"])
    next(r for r in records if r["id"] == "dudley-2025-07")["note"] = "Corrected."
    report = load_notices(records)
    assert report.updated == ["dudley-2025-07"]
    assert Notice.objects.get(register_id="dudley-2025-07").note == "Corrected."


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("authority_gss", "E99999999", "authority_gss 'E99999999' is not a known authority"),
        ("issued_on", "2024-13-01", "is not a date"),
        ("period_months", 0, "The period must be between 1 and 36 months"),
        ("period_months", "twelve", "is not a whole number of months"),
        ("department", "DCLG", "department 'DCLG' is not DLUHC or MHCLG"),
        ("expires_on", D(2030, 1, 1), "does not follow from issued_on and period_months"),
    ],
)
def test_a_bad_record_is_refused_with_its_id_and_nothing_is_loaded(
    register, field, value, message
) -> None:  # type: ignore[no-untyped-def]
    records = copy.deepcopy(register["notices"])
    records[3][field] = value
    with pytest.raises(RegisterDataError, match=message) as excinfo:
        load_notices(records)
    assert records[3]["id"] in str(excinfo.value)
    assert Notice.objects.count() == 0


def test_the_command_refuses_an_unreadable_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "register.yaml"
    bad.write_text("notices: [unclosed", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_register", file=bad)


def test_in_force_on_1_june_2024(register) -> None:  # type: ignore[no-untyped-def]
    load_notices(register["notices"])
    ids = {n.register_id for n in in_force_on(D(2024, 6, 1))}
    assert ids == {
        "bcp-2023-08",
        "bradford-2024-02",
        "cpca-2024-01",
        "eastleigh-2023-12",
        "middlesbrough-2024-01",
        "runnymede-2023-12",
        "scambs-2024-05",
        "weca-2024-03",
    }


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (D(2023, 1, 23), set()),
        (D(2023, 1, 24), {"cpca-2023-01"}),
        # The old notice's 12 months ran to 24 January 2024 but it counts until replaced on the 30th.
        (D(2024, 1, 29), {"cpca-2023-01"}),
        (D(2024, 1, 30), {"cpca-2024-01"}),
        (D(2024, 7, 29), {"cpca-2024-01"}),
        (D(2024, 7, 30), set()),
    ],
)
def test_in_force_across_the_cambridgeshire_boundaries(register, day, expected) -> None:  # type: ignore[no-untyped-def]
    load_notices(register["notices"])
    found = {n.register_id for n in in_force_on(day).filter(authority__gss_code="E47000008")}
    assert found == expected
