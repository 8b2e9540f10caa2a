"""The audit log: recorded in the caller's transaction, chained by hash, append-only, verified."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from bestvalue.accounts.roles import Role
from bestvalue.audit.hashing import GENESIS_HASH, event_hash
from bestvalue.audit.keys import audit_key
from bestvalue.audit.models import AppendOnly, AuditChainHead, AuditEvent
from bestvalue.audit.selectors import events_for, recent_events
from bestvalue.audit.services import audited, record_event, snapshot
from bestvalue.audit.verification import verify_chain
from bestvalue.authorities.models import Authority
from tests.factories import make_authority, make_user

ON_POSTGRESQL = connection.vendor == "postgresql"


def _record(n: int = 1, **overrides: Any) -> AuditEvent:
    values: dict[str, Any] = {
        "actor": None,
        "action": "notice.issued",
        "before": {"status": "draft", "n": n},
        "after": {"status": "issued", "n": n},
    }
    if "obj" not in overrides:
        values.update(object_type="notices.notice", object_id=str(n), object_label=f"Notice {n}")
    values.update(overrides)
    with transaction.atomic():
        return record_event(**values)


def _log(length: int) -> list[AuditEvent]:
    return [_record(n) for n in range(1, length + 1)]


@contextmanager
def guards_lifted() -> Iterator[Any]:
    """Lift the append-only triggers, as someone with direct database access could. The test's
    own transaction rolls this back, so no other test sees the triggers gone."""
    assert connection.in_atomic_block
    with connection.cursor() as cursor:
        if ON_POSTGRESQL:
            # The deferred foreign-key checks of the events just recorded must run first:
            # PostgreSQL will not alter a table with trigger events pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")
        yield cursor


def stored_after(cursor: Any, sequence: int) -> str:
    column = 'CAST("after" AS text)' if ON_POSTGRESQL else '"after"'
    cursor.execute(f"SELECT {column} FROM audit_auditevent WHERE sequence = %s", [sequence])  # noqa: S608
    return cursor.fetchone()[0]


pytestmark = pytest.mark.django_db


def test_it_records_who_when_what_before_and_after() -> None:
    user = make_user(Role.CASEWORKER)
    authority = make_authority()
    moment = dt.datetime(2025, 5, 16, 9, 30, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        event = _record(
            actor=user,
            action="authority.renamed",
            obj=authority,
            before={"short_name": "Old"},
            after={"short_name": authority.short_name},
        )
    event.refresh_from_db()
    assert (event.sequence, event.occurred_at) == (1, moment)
    assert (event.actor, event.actor_label) == (user, user.username)
    assert (event.object_type, event.object_id) == ("authorities.authority", str(authority.pk))
    assert event.object_label == authority.official_name
    assert event.after == {"short_name": authority.short_name}
    assert event.previous_hash == GENESIS_HASH
    assert event.hash == event_hash(event.hashed_fields(), key=audit_key())


def test_it_records_the_system_when_there_is_no_actor() -> None:
    event = _record()
    assert (event.actor_id, event.actor_label) == (None, "system")


def test_it_chains_each_event_to_the_one_before() -> None:
    events = _log(4)
    assert [e.sequence for e in events] == [1, 2, 3, 4]
    assert [e.previous_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    head = AuditChainHead.objects.get()
    assert (head.sequence, head.hash) == (4, events[-1].hash)


def test_it_reads_back_exactly_what_it_hashed() -> None:
    # Values that a database could re-spell (jsonb rewrites 1e20 as an int, reorders keys).
    after = {
        "z": 1e20,
        "fee": Decimal("650.00"),
        "at": dt.datetime(2024, 1, 30, 12, tzinfo=ZoneInfo("Europe/London")),
        "name": "Caf\u00e9 \u2013 \u00a35 \u201cquoted\u201d",
        "nested": {"b": [1, None, True], "a": ""},
        "big": 2**62,
    }
    _record(after=after)
    event = AuditEvent.objects.get()
    assert event.hash == event_hash(event.hashed_fields(), key=audit_key())
    assert verify_chain().ok


def test_an_empty_log_verifies() -> None:
    result = verify_chain()
    assert (result.ok, result.checked) == (True, 0)


def test_a_chain_of_events_verifies() -> None:
    _log(6)
    result = verify_chain()
    assert (result.ok, result.checked, result.first_bad_sequence) == (True, 6, None)


def test_it_catches_a_one_character_change_at_exactly_that_event() -> None:
    _log(5)
    with guards_lifted() as cursor:
        stored = stored_after(cursor, 3)
        tampered = stored.replace("issued", "issuad", 1)
        assert len(tampered) == len(stored)
        assert sum(a != b for a, b in zip(stored, tampered, strict=True)) == 1
        value = "CAST(%s AS jsonb)" if ON_POSTGRESQL else "%s"
        cursor.execute(
            f'UPDATE audit_auditevent SET "after" = {value} WHERE sequence = 3',  # noqa: S608
            [tampered],
        )
    assert AuditEvent.objects.get(sequence=3).after == {"status": "issuad", "n": 3}
    result = verify_chain()
    assert (result.ok, result.first_bad_sequence, result.checked) == (False, 3, 2)
    assert result.reason == "altered (its content does not match its hash)"


def test_it_catches_an_event_rewritten_with_a_fresh_hash_at_the_next_link() -> None:
    _log(5)
    event = AuditEvent.objects.get(sequence=3)
    event.after = {"status": "withdrawn", "n": 3}
    with guards_lifted() as cursor:
        value = "CAST(%s AS jsonb)" if ON_POSTGRESQL else "%s"
        cursor.execute(
            f'UPDATE audit_auditevent SET "after" = {value}, hash = %s WHERE sequence = 3',  # noqa: S608
            ['{"status": "withdrawn", "n": 3}', event_hash(event.hashed_fields(), key=audit_key())],
        )
    result = verify_chain()
    assert result.first_bad_sequence == 4
    assert result.reason == ("broken link (its previous hash does not match the hash of event 3)")


def test_it_reports_a_deleted_event_as_missing() -> None:
    _log(5)
    with guards_lifted() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 3")
    result = verify_chain()
    assert (result.ok, result.first_bad_sequence) == (False, 3)
    assert result.reason == "missing: event 3 is not in the log"


def test_it_notices_the_last_event_deleted_through_the_head() -> None:
    _log(5)
    with guards_lifted() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE sequence = 5")
    result = verify_chain()
    assert (result.ok, result.first_bad_sequence, result.checked) == (False, 5, 4)
    assert result.reason == "missing: event 5 is not in the log (the chain head records 5 events)"


def test_it_notices_an_event_added_behind_the_services_back() -> None:
    events = _log(3)
    forged = AuditEvent(
        sequence=4,
        occurred_at=events[-1].occurred_at,
        actor_label="system",
        action="notice.withdrawn",
        previous_hash=events[-1].hash,
    )
    forged.hash = event_hash(forged.hashed_fields(), key=audit_key())
    forged.save()  # a new row, so the model allows it; only record_event moves the head
    result = verify_chain()
    assert (result.ok, result.first_bad_sequence) == (False, 4)
    assert result.reason.startswith("unrecorded: event 4 is past the chain head")


def test_it_notices_a_missing_head() -> None:
    _log(2)
    AuditChainHead.objects.all().delete()
    result = verify_chain()
    assert not result.ok
    assert result.summary == "Audit log check FAILED: the chain head is missing."


def test_an_event_cannot_be_changed_or_deleted_through_the_orm() -> None:
    event = _record()
    event.after = {"status": "withdrawn"}
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action="notice.withdrawn")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get().after == {"status": "issued", "n": 1}


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE audit_auditevent SET action = 'notice.withdrawn' WHERE sequence = 1",
        "DELETE FROM audit_auditevent WHERE sequence = 1",
        "DELETE FROM audit_auditevent",
    ],
)
def test_an_event_cannot_be_changed_or_deleted_with_raw_sql(statement: str) -> None:
    _record()
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.get().action == "notice.issued"


@pytest.mark.django_db(transaction=True)
def test_it_refuses_to_record_outside_a_transaction() -> None:
    with pytest.raises(RuntimeError, match=r"inside the transaction\.atomic block"):
        record_event(actor=None, action="notice.issued")
    assert not AuditEvent.objects.exists()


def test_an_event_in_a_rolled_back_transaction_leaves_no_trace() -> None:
    _log(2)

    class Refused(Exception):
        pass

    def change_then_fail() -> None:
        with transaction.atomic():
            record_event(actor=None, action="notice.issued", object_type="notices.notice")
            raise Refused

    with pytest.raises(Refused):
        change_then_fail()
    assert AuditEvent.objects.count() == 2
    assert _record(3).sequence == 3
    result = verify_chain()
    assert (result.ok, result.checked) == (True, 3)


def test_it_refuses_an_action_that_is_not_a_dotted_verb() -> None:
    with pytest.raises(ValidationError, match="dotted lower-case verb"):
        _record(action="Notice issued")
    assert not AuditEvent.objects.exists()


def test_it_refuses_an_unsaved_record() -> None:
    with pytest.raises(ValueError, match="Save the record"):
        _record(obj=Authority(gss_code="E06000001"))


def test_it_shortens_a_long_label_to_fit() -> None:
    event = _record(object_label="x" * 500)
    assert len(event.object_label) == 200
    assert event.object_label.endswith("…")


def test_verification_takes_the_same_queries_however_long_the_log() -> None:
    _log(3)
    with CaptureQueriesContext(connection) as short:
        verify_chain()
    _log(12)
    with CaptureQueriesContext(connection) as long:
        assert verify_chain().checked == 15
    assert len(long) == len(short)


def test_a_snapshot_keeps_foreign_keys_as_ids_and_leaves_out_the_password() -> None:
    officer = make_user(Role.AUTHORITY_OFFICER)
    values = snapshot(officer)
    assert values["authority"] == officer.authority_id
    assert values["date_joined"] == officer.date_joined.astimezone(dt.UTC).isoformat(
        timespec="microseconds"
    )
    assert "password" not in values


def test_a_snapshot_includes_many_to_many_only_when_named() -> None:
    old, new_a, new_b = make_authority(), make_authority(), make_authority()
    old.successors.set([new_b, new_a])
    assert "successors" not in snapshot(old)
    assert snapshot(old, ["successors"]) == {"successors": sorted([new_a.pk, new_b.pk])}


def test_events_for_a_record_are_newest_first_and_only_its_own() -> None:
    authority, other = make_authority(), make_authority()
    first = _record(obj=authority)
    _record(obj=other)
    second = _record(obj=authority)
    assert list(events_for(authority)) == [second, first]


def test_recent_events_are_the_latest_newest_first() -> None:
    events = _log(5)
    assert list(recent_events(3)) == events[:1:-1]


@pytest.mark.django_db(transaction=True)
def test_concurrent_appenders_take_turns_and_the_chain_holds() -> None:
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def append(thread: int) -> None:
        try:
            start.wait(timeout=10)
            for n in range(20):
                with transaction.atomic():
                    record_event(
                        actor=None,
                        action="test.appended",
                        object_type="tests.thread",
                        object_id=str(thread),
                        after={"n": n},
                    )
        except BaseException as exc:  # reported in the main thread below
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=append, args=(t,)) for t in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    sequences = list(AuditEvent.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, 41))
    result = verify_chain()
    assert (result.ok, result.checked) == (True, 40)


def test_audited_records_the_named_fields_before_and_after_the_block() -> None:
    authority = make_authority(short_name="Old name")
    user = make_user(Role.CASEWORKER)
    with (
        transaction.atomic(),
        audited(authority, ["short_name"], actor=user, action="authority.renamed"),
    ):
        authority.short_name = "New name"
        authority.save()
    event = AuditEvent.objects.get(action="authority.renamed")
    assert (event.before, event.after) == ({"short_name": "Old name"}, {"short_name": "New name"})
    assert event.actor_label == user.get_username()


def test_audited_records_nothing_when_the_change_fails() -> None:
    authority = make_authority()
    with (
        pytest.raises(ValueError, match="refused"),
        transaction.atomic(),
        audited(authority, None, actor=None, action="authority.renamed"),
    ):
        raise ValueError("refused")
    assert not AuditEvent.objects.filter(action="authority.renamed").exists()


def test_audited_adds_what_is_noted_to_the_after() -> None:
    authority = make_authority(short_name="Old name")
    with (
        transaction.atomic(),
        audited(
            authority, ["short_name"], actor=None, action="authority.renamed", noted={"why": "typo"}
        ),
    ):
        authority.short_name = "New name"
        authority.save()
    event = AuditEvent.objects.get(action="authority.renamed")
    assert event.after == {"short_name": "New name", "why": "typo"}
