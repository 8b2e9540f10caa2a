"""Concurrent writes, with real transactions in parallel threads."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections

from bestvalue.accounts.roles import Role
from bestvalue.audit.models import AuditEvent
from bestvalue.audit.verification import verify_chain
from bestvalue.guidance.services import ensure_themes
from bestvalue.notices import services
from bestvalue.notices.errors import NotAllowed, StaleEdit
from bestvalue.notices.models import Notice
from bestvalue.notices.rules import InvalidTransition, Status
from tests.factories import make_draft_notice, make_user

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
