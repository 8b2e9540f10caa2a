"""The keyed chain and its checkpoints: `bestvalue audit checkpoint`, the daily checkpoint of the
reminder run, /audit/ and /audit/checkpoints.json, and `bestvalue audit verify [--checkpoints]`
against someone with database access who rewrites or cuts short the log."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from bestvalue.accounts.roles import Role
from bestvalue.audit.hashing import GENESIS_HASH, HASHED_FIELDS, canonical_json, event_hash
from bestvalue.audit.keys import audit_key
from bestvalue.audit.models import AppendOnly, AuditCheckpoint, AuditEvent
from bestvalue.audit.services import record_event
from tests.clients import CheckingClient
from tests.factories import make_user
from tests.integration.test_audit_log import guards_lifted

pytestmark = pytest.mark.django_db

Forge = Callable[[dict[str, Any]], str]


def _log(length: int, actor: Any = None) -> list[AuditEvent]:
    events = []
    for n in range(1, length + 1):
        with transaction.atomic():
            events.append(
                record_event(actor=actor, action="notice.issued", object_id=str(n), after={"n": n})
            )
    return events


def _checkpoint() -> str:
    out = StringIO()
    call_command("audit", "checkpoint", stdout=out)
    return out.getvalue()


def _verify(*args: str) -> str:
    out = StringIO()
    call_command("audit", "verify", *args, stdout=out)
    return out.getvalue()


def _saved_copy(tmp_path: Path) -> str:
    """An outsider's copy of the published checkpoints."""
    response = CheckingClient().get("/audit/checkpoints.json")
    path = tmp_path / "checkpoints.json"
    path.write_bytes(response.content)
    return str(path)


def _unkeyed(fields: dict[str, Any]) -> str:
    # What an attacker without the key can compute: the plain SHA-256 of the same bytes.
    payload = {name: fields[name] for name in HASHED_FIELDS}
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def _keyed(fields: dict[str, Any]) -> str:
    # An insider who also holds the key.
    return event_hash(fields, key=audit_key())


def _rewrite_actor(events: list[AuditEvent], *, sequence: int, to: Any, forge: Forge) -> None:
    """Give event `sequence` another actor and recompute every hash from it on with `forge`,
    relinking the chain and moving its head, as someone with database access could."""
    previous = events[sequence - 2].hash if sequence > 1 else events[0].previous_hash
    with guards_lifted() as cursor:
        for event in events[sequence - 1 :]:
            fields = {**event.hashed_fields(), "previous_hash": previous}
            if event.sequence == sequence:
                fields.update(actor=to.pk, actor_label=to.username)
            digest = forge(fields)
            cursor.execute(
                "UPDATE audit_auditevent SET actor_id = %s, actor_label = %s, previous_hash = %s, "
                "hash = %s WHERE sequence = %s",
                [fields["actor"], fields["actor_label"], previous, digest, event.sequence],
            )
            previous = digest
        cursor.execute("UPDATE audit_auditchainhead SET hash = %s WHERE id = 1", [previous])


def _truncate(events: list[AuditEvent], *, keep: int) -> None:
    """Delete every event after `keep` and move the head back, as someone with database access
    could, so that the chain that is left is intact."""
    with guards_lifted() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence > %s", [keep])
        cursor.execute(
            "UPDATE audit_auditchainhead SET sequence = %s, hash = %s WHERE id = 1",
            [keep, events[keep - 1].hash],
        )


# --- Recording checkpoints ------------------------------------------------------------------


def test_the_checkpoint_command_records_the_chain_head() -> None:
    events = _log(3)
    assert _checkpoint() == f"Checkpoint recorded: event 3, hash {events[-1].hash}.\n"
    checkpoint = AuditCheckpoint.objects.get()
    assert (checkpoint.sequence, checkpoint.hash) == (3, events[-1].hash)


def test_a_checkpoint_of_an_empty_log_names_the_genesis_hash(tmp_path: Path) -> None:
    _checkpoint()
    checkpoint = AuditCheckpoint.objects.get()
    assert (checkpoint.sequence, checkpoint.hash) == (0, GENESIS_HASH)
    assert _verify("--checkpoints", _saved_copy(tmp_path)) == (
        "Audit log verified: 0 events, chain intact, agrees with 1 checkpoint.\n"
    )


def test_checkpoints_cannot_be_changed_or_deleted() -> None:
    _log(1)
    _checkpoint()
    checkpoint = AuditCheckpoint.objects.get()
    checkpoint.sequence = 9
    with pytest.raises(AppendOnly):
        checkpoint.save()
    with pytest.raises(AppendOnly):
        checkpoint.delete()
    with pytest.raises(AppendOnly):
        AuditCheckpoint.objects.all().delete()
    for statement in (
        "UPDATE audit_auditcheckpoint SET sequence = 9",
        "DELETE FROM audit_auditcheckpoint",
    ):
        with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert AuditCheckpoint.objects.get().sequence == 1


def test_the_reminder_run_records_one_checkpoint_a_day() -> None:
    _log(2)
    day = dt.datetime(2026, 12, 3, 23, 30, tzinfo=dt.UTC)  # 23:30 in London: still 3 December
    with time_machine.travel(day, tick=False):
        call_command("remind", stdout=StringIO())
        _log(1)
        call_command("remind", stdout=StringIO())
    assert list(AuditCheckpoint.objects.values_list("sequence", flat=True)) == [2]
    with time_machine.travel(day + dt.timedelta(hours=1), tick=False):
        out = StringIO()
        call_command("remind", stdout=out)
    assert "Audit checkpoint recorded for today." in out.getvalue()
    assert list(AuditCheckpoint.objects.values_list("sequence", flat=True)) == [3, 2]


# --- Publishing them ------------------------------------------------------------------------


def test_checkpoints_json_lists_every_checkpoint_newest_first(
    anonymous_client: CheckingClient,
) -> None:
    events = _log(1)
    with time_machine.travel(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC), tick=False):
        _checkpoint()
    events += _log(1)
    with time_machine.travel(dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        _checkpoint()
    response = anonymous_client.get("/audit/checkpoints.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == [
        {"sequence": 2, "hash": events[1].hash, "recorded_at": "2026-12-02T09:00:00+00:00"},
        {"sequence": 1, "hash": events[0].hash, "recorded_at": "2026-12-01T09:00:00+00:00"},
    ]


def test_checkpoints_json_carries_validators_that_change_with_a_new_checkpoint(
    anonymous_client: CheckingClient,
) -> None:
    _log(1)
    _checkpoint()
    first = anonymous_client.get("/audit/checkpoints.json")
    assert first["Last-Modified"]
    assert first["Cache-Control"] == "public, max-age=300"
    again = anonymous_client.get("/audit/checkpoints.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    _checkpoint()
    changed = anonymous_client.get("/audit/checkpoints.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert len(changed.json()) == 2


def test_the_audit_page_explains_the_checkpoints_and_lists_them(
    anonymous_client: CheckingClient,
) -> None:
    events = _log(2)
    _checkpoint()
    page = anonymous_client.get("/audit/").content.decode()
    assert "Checking the record has not been changed" in page
    assert "bestvalue audit verify --checkpoints" in page
    assert 'href="/audit/checkpoints.json"' in page
    assert events[-1].hash in page


def test_the_audit_page_says_when_there_is_no_checkpoint_yet(
    anonymous_client: CheckingClient,
) -> None:
    assert (
        "No checkpoint has been recorded yet." in anonymous_client.get("/audit/").content.decode()
    )


def test_the_open_data_page_links_to_the_audit_page(anonymous_client: CheckingClient) -> None:
    assert 'href="/audit/"' in anonymous_client.get("/open-data/").content.decode()


# --- Verifying ------------------------------------------------------------------------------


def test_verify_names_a_keyed_chain_rewrite_of_an_actor_rehashed_without_the_key() -> None:
    alice, mallory = make_user(Role.CASEWORKER), make_user(Role.CASEWORKER)
    events = _log(5, actor=alice)
    _rewrite_actor(events, sequence=2, to=mallory, forge=_unkeyed)
    assert AuditEvent.objects.get(sequence=2).actor == mallory
    with pytest.raises(CommandError) as excinfo:
        _verify()
    assert excinfo.value.returncode == 1
    assert str(excinfo.value) == (
        "Audit log check FAILED at event 2: altered (its content does not match its hash)."
    )


def test_verify_with_checkpoints_names_the_truncation_of_the_last_three_events(
    tmp_path: Path,
) -> None:
    events = _log(6)
    _checkpoint()
    copy = _saved_copy(tmp_path)
    _truncate(events, keep=3)
    # The chain that is left is intact, so without the checkpoints nothing shows.
    assert _verify() == "Audit log verified: 3 events, chain intact.\n"
    with pytest.raises(CommandError) as excinfo:
        _verify("--checkpoints", copy)
    assert str(excinfo.value).startswith(
        "Audit log check FAILED at event 4: missing: the log ends at event 3, but the checkpoint "
        "(recorded "
    )
    assert str(excinfo.value).endswith("records event 6, so events were cut off the end.")


def test_verify_with_checkpoints_names_a_keyed_chain_rewrite_by_someone_holding_the_key(
    tmp_path: Path,
) -> None:
    alice, mallory = make_user(Role.CASEWORKER), make_user(Role.CASEWORKER)
    events = _log(4, actor=alice)
    _checkpoint()
    copy = _saved_copy(tmp_path)
    _rewrite_actor(events, sequence=2, to=mallory, forge=_keyed)
    assert _verify() == "Audit log verified: 4 events, chain intact.\n"
    with pytest.raises(CommandError, match="FAILED at event 4: rewritten: its hash differs"):
        _verify("--checkpoints", copy)


def test_verify_with_checkpoints_passes_an_intact_log_that_has_grown_since(
    tmp_path: Path,
) -> None:
    _log(2)
    _checkpoint()
    _log(2)
    _checkpoint()
    copy = _saved_copy(tmp_path)
    _log(1)
    assert _verify("--checkpoints", copy) == (
        "Audit log verified: 5 events, chain intact, agrees with 2 checkpoints.\n"
    )


def test_verify_refuses_checkpoints_it_cannot_read(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Could not read the checkpoints file"):
        _verify("--checkpoints", str(tmp_path / "missing.json"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"not": "a list"}')
    with pytest.raises(CommandError, match="must be a JSON list"):
        _verify("--checkpoints", str(bad))


@pytest.mark.django_db(transaction=True)
def test_verify_reads_the_checkpoints_from_their_url(live_server: Any) -> None:
    _log(3)
    _checkpoint()
    url = f"{live_server.url}/audit/checkpoints.json"
    assert _verify("--checkpoints", url) == (
        "Audit log verified: 3 events, chain intact, agrees with 1 checkpoint.\n"
    )
    with pytest.raises(CommandError, match="Could not fetch the checkpoints"):
        _verify("--checkpoints", f"{live_server.url}/audit/no-such-file.json")
