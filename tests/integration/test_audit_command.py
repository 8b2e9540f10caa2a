"""bestvalue audit verify: says the chain is intact, or names the first bad event and exits 1."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from bestvalue import cli
from bestvalue.audit.management.commands.audit import Command
from bestvalue.audit.services import record_event
from tests.integration.test_audit_log import ON_POSTGRESQL, guards_lifted

pytestmark = pytest.mark.django_db


def _record(count: int) -> None:
    for n in range(1, count + 1):
        with transaction.atomic():
            record_event(actor=None, action="notice.issued", object_id=str(n), after={"n": n})


def test_it_reports_an_intact_chain() -> None:
    _record(3)
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue() == "Audit log verified: 3 events, chain intact.\n"


def test_it_fails_with_status_1_naming_the_altered_event() -> None:
    _record(3)
    with guards_lifted() as cursor:
        value = "CAST(%s AS jsonb)" if ON_POSTGRESQL else "%s"
        cursor.execute(
            f'UPDATE audit_auditevent SET "after" = {value} WHERE sequence = 2',  # noqa: S608
            ['{"n": 3}'],
        )
    with pytest.raises(CommandError) as excinfo:
        call_command("audit", "verify", stdout=StringIO())
    assert excinfo.value.returncode == 1
    assert str(excinfo.value) == (
        "Audit log check FAILED at event 2: altered (its content does not match its hash)."
    )


def test_it_asks_for_a_subcommand() -> None:
    with pytest.raises(CommandError, match="SUBCOMMAND"):
        call_command("audit")


def test_its_help_explains_verify() -> None:
    parser = Command().create_parser("bestvalue", "audit")
    assert "verify" in parser.format_help()
    assert "Check every event against its hash" in parser.format_help()


@pytest.mark.django_db(transaction=True)
def test_bestvalue_audit_verify_runs_from_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli.main(["audit", "verify"])
    assert capsys.readouterr().out == "Audit log verified: 0 events, chain intact.\n"
