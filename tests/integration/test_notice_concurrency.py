"""Concurrent writes, with real transactions in parallel threads."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.audit.verification import verify_chain
from bestvalue.guidance.services import ensure_themes
from bestvalue.notices import engagement, reviews, services
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import InvalidTransition, Status
from tests.factories import make_draft_notice, make_issued_notice, make_user

# Real transactions in parallel threads: PostgreSQL row locks, or SQLite's database write lock
# (IMMEDIATE transactions), decide who goes first; the second must see the first's result.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _themes() -> None:
    # Committing tests start from empty tables: the themes' data migration has been flushed.
    ensure_themes()


def _race(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls at the same moment, each in its own thread and connection."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_approvals_at_the_same_moment_issue_the_notice_once() -> None:
    caseworker = make_user(Role.CASEWORKER)
    notice = services.submit_for_approval(make_draft_notice(caseworker=caseworker), by=caseworker)
    first, second = make_user(Role.APPROVER), make_user(Role.APPROVER)
    results = _race(
        lambda: services.approve_and_issue(notice, by=first, issued_on=dt.date(2024, 3, 1)),
        lambda: services.approve_and_issue(notice, by=second, issued_on=dt.date(2024, 3, 2)),
    )
    issued = [r for r in results if isinstance(r, Notice)]
    refused = [r for r in results if isinstance(r, InvalidTransition)]
    assert len(issued) == 1
    assert len(refused) == 1
    assert "it is in force" in str(refused[0])
    assert AuditEvent.objects.filter(action="notice.issued").count() == 1
    assert Notice.objects.get(pk=notice.pk).status == Status.ISSUED
    assert verify_chain().ok


def test_two_notices_for_one_authority_approved_at_once_leave_one_in_force() -> None:
    caseworker = make_user(Role.CASEWORKER)
    first = services.submit_for_approval(make_draft_notice(caseworker=caseworker), by=caseworker)
    second = services.submit_for_approval(
        make_draft_notice(caseworker=caseworker, authority=first.authority), by=caseworker
    )
    approver_a, approver_b = make_user(Role.APPROVER), make_user(Role.APPROVER)
    results = _race(
        lambda: services.approve_and_issue(first, by=approver_a, issued_on=dt.date(2024, 3, 1)),
        lambda: services.approve_and_issue(second, by=approver_b, issued_on=dt.date(2024, 3, 1)),
    )
    assert Notice.objects.filter(authority=first.authority, status=Status.ISSUED).count() == 1
    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1
    assert isinstance(failures[0], NotAllowed) or "notice_one_in_force_per_authority" in str(
        failures[0]
    )


def test_two_edits_from_the_same_version_save_exactly_one() -> None:
    caseworker, other = make_user(Role.CASEWORKER), make_user(Role.CASEWORKER)
    notice = make_draft_notice(caseworker=caseworker)
    version = notice.version
    results = _race(
        lambda: services.update_draft(
            notice, by=caseworker, version=version, addressee_name="First"
        ),
        lambda: services.update_draft(notice, by=other, version=version, addressee_name="Second"),
    )
    saved = [r for r in results if isinstance(r, Notice)]
    stale = [r for r in results if isinstance(r, StaleEdit)]
    assert (len(saved), len(stale)) == (1, 1)
    assert Notice.objects.get(pk=notice.pk).addressee_name == saved[0].addressee_name


# --- Lock order against deferred foreign-key checks (PostgreSQL) -------------------------------
#
# PostgreSQL checks foreign keys at COMMIT (Django makes them DEFERRABLE INITIALLY DEFERRED),
# so a transaction that inserts a row takes FOR KEY SHARE on the row it points to at the very
# end, after record_event has taken the audit chain head. A service that locked that row FOR
# UPDATE and then waited for the head deadlocked with it (found by bench/load.py).
ON_POSTGRESQL = connection.vendor == "postgresql"
postgresql_only = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="row locks and deferred foreign-key checks are PostgreSQL's"
)


def _hold_after_event(
    module: Any, action: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[threading.Event, threading.Event]:
    """Make the transaction that records `action` wait after its audit event, so holding the
    audit chain head and not yet committed, until `release` is set."""
    holding, release = threading.Event(), threading.Event()
    real = module.record_event

    def record_and_hold(**kwargs: Any) -> Any:
        event = real(**kwargs)
        if kwargs["action"] == action:
            holding.set()
            release.wait(timeout=10)
        return event

    monkeypatch.setattr(module, "record_event", record_and_hold)
    return holding, release


def _start(call: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    result: list[Any] = []

    def run() -> None:
        try:
            result.append(call())
        except Exception as exc:
            result.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, result


def _until_a_transaction_waits_for_a_lock() -> None:
    with connection.cursor() as cursor:
        for _ in range(200):
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the second transaction never waited for a lock")


def _one_then_the_other(first: Callable[[], Any], second: Callable[[], Any], holding: Any) -> Any:
    """Run `first` until it holds the audit chain head, then `second` until it waits for a lock,
    then let `first` commit; both results (or exceptions)."""
    holding, release = holding
    first_thread, first_result = _start(first)
    assert holding.wait(timeout=10)
    second_thread, second_result = _start(second)
    try:
        _until_a_transaction_waits_for_a_lock()
    finally:
        release.set()
        first_thread.join(timeout=30)
        second_thread.join(timeout=30)
    return first_result[0], second_result[0]


@postgresql_only
def test_a_draft_started_while_a_draft_for_the_same_authority_is_edited_saves_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caseworker, other = make_user(Role.CASEWORKER), make_user(Role.CASEWORKER)
    draft = make_draft_notice(caseworker=caseworker)
    started, edited = _one_then_the_other(
        lambda: services.create_draft(by=other, authority=draft.authority, period_months=12),
        lambda: services.save_item(
            draft,
            by=caseworker,
            version=draft.version,
            kind="grounds",
            item=services.ItemInput("Weak financial controls.", ["use_of_resources"]),
        ),
        _hold_after_event(services, "notice.drafted", monkeypatch),
    )
    assert isinstance(started, Notice), started
    assert isinstance(edited, Notice), edited
    assert Notice.objects.filter(authority=draft.authority).count() == 2
    assert verify_chain().ok


@postgresql_only
def test_engagement_recorded_while_the_notice_is_reviewed_saves_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    caseworker = make_user(Role.CASEWORKER)
    notice = make_issued_notice(caseworker=caseworker)
    recorded, reviewed = _one_then_the_other(
        lambda: engagement.record_engagement(
            notice,
            by=caseworker,
            kind="meeting",
            occurred_on=dt.date(2024, 2, 1),
            summary="Progress meeting with the chief executive.",
        ),
        lambda: reviews.draft_review(
            notice,
            by=caseworker,
            reviewed_on=dt.date(2024, 6, 1),
            decision="lapse",
            rationale="The expectations have been met.",
            assessments=[],
        ),
        _hold_after_event(engagement, "engagement.recorded", monkeypatch),
    )
    assert not isinstance(recorded, Exception), recorded
    assert not isinstance(reviewed, Exception), reviewed
    assert notice.engagements.count() == 1
    assert verify_chain().ok


# --- References never collide (issue 13.9) ------------------------------------------------------


@postgresql_only
@pytest.mark.parametrize("round_number", range(5))
def test_sixteen_approvals_to_sixteen_authorities_at_once_all_issue_in_turn(
    round_number: int,
) -> None:
    """16 approvals of notices to 16 different authorities, released together by a barrier, all
    issue with distinct references and no error: one counter row per year, locked only at the
    moment of allocation, in place of "highest so far plus one" with retries."""
    caseworker = make_user(Role.CASEWORKER)
    notices = [
        services.submit_for_approval(make_draft_notice(caseworker=caseworker), by=caseworker)
        for _ in range(16)
    ]
    approvers = [make_user(Role.APPROVER) for _ in notices]
    results = _race(
        *(
            (lambda n=n, a=a: services.approve_and_issue(n, by=a, issued_on=dt.date(2024, 3, 1)))
            for n, a in zip(notices, approvers, strict=True)
        )
    )
    errors = [r for r in results if not isinstance(r, Notice)]
    assert errors == []
    references = sorted(r.reference for r in results)
    assert references == [f"BVN-2024-{n:03d}" for n in range(1, 17)]
    issued = Notice.objects.filter(status=Status.ISSUED)
    assert issued.count() == 16
    # In issue order: the audit log records the issues in the order of their numbers.
    events = AuditEvent.objects.filter(action="notice.issued").order_by("sequence")
    in_log_order = [e.after["reference"] for e in events]
    assert in_log_order == sorted(in_log_order)
    assert verify_chain().ok


def test_approvals_to_different_authorities_at_once_never_collide() -> None:
    """The same on SQLite (its write lock makes them take turns): four at once, four numbers."""
    caseworker = make_user(Role.CASEWORKER)
    notices = [
        services.submit_for_approval(make_draft_notice(caseworker=caseworker), by=caseworker)
        for _ in range(4)
    ]
    approvers = [make_user(Role.APPROVER) for _ in notices]
    results = _race(
        *(
            (lambda n=n, a=a: services.approve_and_issue(n, by=a, issued_on=dt.date(2025, 5, 1)))
            for n, a in zip(notices, approvers, strict=True)
        )
    )
    assert [type(r) for r in results] == [Notice] * 4
    assert sorted(r.reference for r in results) == [f"BVN-2025-{n:03d}" for n in range(1, 5)]
