"""A bad setting stops the command line with one line (the variable, what is wrong, what to set)
and exit status 2, never a traceback; usage lines name the command once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BESTVALUE = str(Path(sys.executable).parent / "bestvalue")
PRODUCTION = {
    "SECRET_KEY": "a-production-secret-key-that-is-long-enough-for-django-checks-0123456789",
    "ALLOWED_HOSTS": "bestvalue.example.gov.uk",
}


def _bestvalue(*args: str, env: dict[str, str], var_dir: Path) -> subprocess.CompletedProcess[str]:
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(Path.home()), "BESTVALUE_VAR_DIR": str(var_dir)}
    return subprocess.run(  # noqa: S603 - our own command
        [BESTVALUE, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "line"),
    [
        (
            {},
            "bestvalue: SECRET_KEY: not set, and DEBUG is off; set it to 50 or more random "
            "characters, or run ./scripts/serve once for a local install, or DEBUG=true for "
            "development.",
        ),
        (
            {**PRODUCTION, "ALLOWED_HOSTS": ""},
            "bestvalue: ALLOWED_HOSTS: not set, and DEBUG is off; set the comma-separated host "
            "names the service answers to, or run ./scripts/serve once for a local install, or "
            "DEBUG=true for development.",
        ),
        (
            {**PRODUCTION, "SECRET_KEY": "short"},
            "bestvalue: SECRET_KEY: only 5 characters long; set it to 50 or more random "
            "characters.",
        ),
        (
            {"DEBUG": "true", "LOG_LEVEL": "loud"},
            "bestvalue: LOG_LEVEL: 'loud' is not one of DEBUG, INFO, WARNING, ERROR, CRITICAL; "
            "set one of DEBUG, INFO, WARNING, ERROR, CRITICAL.",
        ),
        (
            {"DEBUG": "true", "DATABASE_URL": "mysql://user@db.example/bestvalue"},
            "bestvalue: DATABASE_URL: the service runs on SQLite or PostgreSQL only; set a "
            "sqlite:/// or postgres:// URL, for example postgres://user@host:5432/name.",
        ),
        (
            {"DEBUG": "maybe"},
            "bestvalue: DEBUG: must be true or false, not 'maybe'; set true or false.",
        ),
        (
            {"DEBUG": "true", "LOGIN_FAILURE_LIMIT": "lots"},
            "bestvalue: LOGIN_FAILURE_LIMIT: must be a whole number, not 'lots'; set a whole "
            "number, 1 or more.",
        ),
        (
            {"DEBUG": "true", "DEPARTMENT": "DCLG"},
            "bestvalue: DEPARTMENT: 'DCLG' is not DLUHC or MHCLG; set DLUHC or MHCLG.",
        ),
    ],
    ids=["no-secret-key", "no-hosts", "short-key", "log-level", "mysql", "debug", "int", "dept"],
)
def test_a_bad_setting_is_one_line_and_exit_status_2(
    env: dict[str, str], line: str, tmp_path: Path
) -> None:
    result = _bestvalue("check", env=env, var_dir=tmp_path)
    assert result.returncode == 2
    assert result.stderr == line + "\n"
    assert "Traceback" not in result.stdout + result.stderr


def test_log_level_is_read_whatever_its_case(tmp_path: Path) -> None:
    result = _bestvalue("check", env={"DEBUG": "true", "LOG_LEVEL": "debug"}, var_dir=tmp_path)
    assert result.returncode == 0, result.stderr


def test_usage_lines_name_the_command_once(tmp_path: Path) -> None:
    for command in ("setup", "create-user", "export"):
        result = _bestvalue(command, "--help", env={"DEBUG": "true"}, var_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(f"usage: bestvalue {command} ")
        assert f"{command} {command}" not in result.stdout


def test_a_local_install_runs_without_settings_and_production_still_refuses(tmp_path: Path) -> None:
    local, production = tmp_path / "local", tmp_path / "production"
    assert _bestvalue("check", env={}, var_dir=production).returncode == 2
    made = _bestvalue("setup", "--local", env={}, var_dir=local)
    assert made.returncode == 0, made.stderr
    assert (local / "local-install").is_file()
    key = (local / "secret.key").read_text().strip()
    assert len(key) >= 50
    assert (local / "secret.key").stat().st_mode & 0o077 == 0
    assert _bestvalue("check", env={}, var_dir=local).returncode == 0
    assert (local / "secret.key").read_text().strip() == key  # kept, not made again
    assert _bestvalue("check", env={}, var_dir=production).returncode == 2
