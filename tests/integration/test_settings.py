"""Production settings: refused without their secrets, and clean under Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-enough-for-django-checks-0123456789",
    "ALLOWED_HOSTS": "bestvalue.example.gov.uk",
    "AUDIT_KEY": "a-production-audit-key-of-at-least-32-characters",
}


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    base = {
        # A production process starts clean: none of the test run's own settings (DEBUG, or the
        # browser tests' DJANGO_ALLOW_ASYNC_UNSAFE) leak into it.
        k: v
        for k, v in os.environ.items()
        if k
        not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "AUDIT_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        # A var/ directory of its own: the clone's var/ may be a local install (./scripts/serve).
        env={"BESTVALUE_VAR_DIR": tempfile.mkdtemp(), **base, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deployment_checks_pass_with_production_settings() -> None:
    result = _run("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = _run("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY: not set, and DEBUG is off; set it to 50 or more" in result.stderr


def test_production_refuses_to_start_without_an_audit_key(tmp_path: Path) -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "AUDIT_KEY"}
    result = _run("check", env={**env, "BESTVALUE_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "AUDIT_KEY: not set, and DEBUG is off" in result.stderr
    assert not (tmp_path / "audit.key").exists()  # never generated in production


def test_production_refuses_to_start_without_allowed_hosts() -> None:
    env = {**PRODUCTION, "ALLOWED_HOSTS": ""}
    result = _run("check", env=env)
    assert result.returncode != 0
    assert (
        "ALLOWED_HOSTS: not set, and DEBUG is off; set the comma-separated host names"
        in result.stderr
    )


def test_a_bad_value_stops_start_up_with_a_clear_message() -> None:
    result = _run("check", env={**PRODUCTION, "LOGIN_FAILURE_LIMIT": "lots"})
    assert "LOGIN_FAILURE_LIMIT: must be a whole number, not 'lots'" in result.stderr
