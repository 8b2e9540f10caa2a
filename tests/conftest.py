"""Fixtures shared by every test: one client per role (DESIGN.md section 2)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, transaction

from bestvalue.accounts.roles import Role
from tests.clients import CheckingClient
from tests.factories import make_user
from tests.object_store import object_storage, s3_endpoint  # noqa: F401 (shared fixtures)

ROLES = [None, *Role.values]  # None is the public: not signed in


@pytest.fixture
def client() -> CheckingClient:
    return CheckingClient()


@pytest.fixture
def anonymous_client() -> CheckingClient:
    return CheckingClient()


def _client_for(role: str) -> CheckingClient:
    client = CheckingClient()
    client.force_login(make_user(role))
    return client


@pytest.fixture
def caseworker_client(db: None) -> CheckingClient:
    return _client_for(Role.CASEWORKER)


@pytest.fixture
def approver_client(db: None) -> CheckingClient:
    return _client_for(Role.APPROVER)


@pytest.fixture
def authority_officer_client(db: None) -> CheckingClient:
    return _client_for(Role.AUTHORITY_OFFICER)


@pytest.fixture
def board_member_client(db: None) -> CheckingClient:
    return _client_for(Role.BOARD_MEMBER)


@pytest.fixture
def administrator_client(db: None) -> CheckingClient:
    return _client_for(Role.ADMINISTRATOR)


@pytest.fixture
def client_for_role(db: None):  # type: ignore[no-untyped-def]
    """Call with a role (or None for the public) to get a signed-in client of that role."""

    def make(role: str | None) -> CheckingClient:
        return CheckingClient() if role is None else _client_for(role)

    return make


@pytest.fixture(autouse=True)
def _historical_record_dates(settings: Any) -> None:
    # The tests build worlds dated 2023 and 2024 while the clock reads today. The rule that a date
    # of issue or decision sits near today (settings.RECORD_DATE_MARGIN_DAYS) is tested with a
    # real margin where it is the subject: those tests set it back.
    settings.RECORD_DATE_MARGIN_DAYS = 365 * 100


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Real hashers are slow by design; tests create many users and never attack them.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _audit_log_emptied_before_flush(request: pytest.FixtureRequest) -> Iterator[None]:
    """Tests that really commit end with Django deleting every row; on SQLite the audit log's
    append-only triggers refuse that, so empty the log and its checkpoints first (PostgreSQL
    resets with TRUNCATE)."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("transactional_db")  # so this teardown runs before the flush
    yield
    if transactional and connection.vendor == "sqlite":
        with transaction.atomic(), connection.cursor() as cursor:
            for table, trigger in (
                ("audit_auditevent", "audit_event_no_delete"),
                ("audit_auditcheckpoint", "audit_checkpoint_no_delete"),
            ):
                cursor.execute(
                    "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = %s",
                    [trigger],
                )
                (create,) = cursor.fetchone()
                cursor.execute(f"DROP TRIGGER {trigger}")
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - names from the tuple above
                cursor.execute(create)


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    # Each test starts with an empty cache: rate limits (sign-in, alerts) and cached public
    # responses counted by one test must not carry into the next one in the same process.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fixed_audit_key(settings: Any) -> None:
    # The audit log's hashes are keyed (AUDIT_KEY); tests use one fixed key, not var/audit.key.
    settings.AUDIT_KEY = "test-audit-key-" + "k" * 32


@pytest.fixture(autouse=True)
def _uploads_in_a_temporary_folder(settings: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Issued letters and evidence go through Django's storage; in tests keep them out of var/media.
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path_factory.mktemp("media"))},
        },
    }


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """pytest-django's test databases, with one thing done before they are dropped: on
    PostgreSQL, a session still connected to this worker's test database (a server thread or
    process a test started and that had not yet let go) would make DROP DATABASE fail the run.
    Such sessions are written to test-results/stray-connections.txt, so the test that left them
    can be found, and ended."""
    yield
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid, application_name, state, backend_start, left(query, 200) "
            "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        stray = cursor.fetchall()
        for pid, *_ in stray:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.close()
    if stray:
        report = Path("test-results") / "stray-connections.txt"
        report.parent.mkdir(exist_ok=True)
        with report.open("a", encoding="utf-8") as out:
            out.writelines(f"{row!r}\n" for row in stray)
