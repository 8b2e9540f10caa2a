"""Every command line in README.md works as written: run in a subprocess with a clean environment
(`env -i PATH=/usr/bin:/bin HOME=...`, plus BESTVALUE_VAR_DIR pointing at a fresh temporary var/
so the clone's own database is untouched), after the README's first command, asserting exit
status 0 and no traceback.

Lines are run verbatim, except, as each entry of HOW says:
- commands that serve or loop for ever run with --help, or until they serve (./scripts/serve);
- commands with placeholders (NAME, FILE) in the command table run with --help;
- the test commands run with a few tests appended, not the whole suite;
- the PostgreSQL section uses a database name of its own instead of `bestvalue`, dropped after,
  so that test runs on one server do not share it;
- system installs (apt-get, brew) and dependency updates (uv, npm install) are not run.
A README command line this test does not know fails it: add it to HOW.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bestvalue.core.env import mark_local_install

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
PASSWORD = "a long enough passphrase 42\n"
FEW_TESTS = " tests/unit/test_env.py -q -p no:cacheprovider"

NOT_RUN = "not run"
HELP = "with --help"


def _code_lines() -> list[str]:
    """The lines of the README's ```sh blocks."""
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def _table_commands() -> list[str]:
    """The first column of the command-line table: `bestvalue ...`."""
    return re.findall(r"^\| `(bestvalue [^`]*)` \|", README, flags=re.M)


# How each README line is run: None = verbatim; a string = a replacement command line; NOT_RUN.
HOW: dict[str, str | None] = {
    "./scripts/serve": "serve until it answers",  # see test_the_first_command_serves_...
    "./scripts/test": "./scripts/test" + FEW_TESTS,
    ".venv/bin/bestvalue create-user alice --role administrator": None,
    ".venv/bin/bestvalue create-user bob --role caseworker": None,
    ".venv/bin/bestvalue create-user carol --role authority_officer --authority E47000008": None,
    "export DATABASE_URL=postgres://postgres@127.0.0.1:5432/bestvalue": "postgres",
    ".venv/bin/bestvalue setup": None,
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/test ./scripts/test": "postgres",
}
TABLE: dict[str, str | None] = {
    "bestvalue setup": None,
    "bestvalue setup --local": None,
    "bestvalue migrate": None,
    "bestvalue load-authorities": None,
    "bestvalue create-user NAME --role ROLE": HELP,
    "bestvalue load-register": None,
    "bestvalue export DATASET --format csv --output FILE": HELP,
    "bestvalue remind [--every SECONDS]": HELP,
    "bestvalue import-letter FILE [--published-on DATE] [--authority GSS] [--format json]": HELP,
    "bestvalue audit verify": None,
    "bestvalue audit verify --checkpoints FILE_OR_URL": HELP,
    "bestvalue audit checkpoint": None,
    "bestvalue serve": HELP,
    "bestvalue check --deploy": None,
    "bestvalue manage ...": HELP,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def clean_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": os.environ.get("HOME", str(tmp_path)),
        "BESTVALUE_VAR_DIR": str(tmp_path / "var"),
    }


def _sh(line: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    result = subprocess.run(  # noqa: S603 - the README's own command lines
        ["/bin/bash", "-c", line],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        start_new_session=True,  # no terminal: create-user reads the password from stdin
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{line!r} exited {result.returncode}:\n{output[-3000:]}"
    assert "Traceback" not in output, f"{line!r} printed a traceback:\n{output[-3000:]}"
    return result


def _serve_until_it_answers(env: dict[str, str]) -> None:
    """./scripts/serve as written (BIND only chooses a free port), until it serves pages."""
    port = _free_port()
    server = subprocess.Popen(
        ["./scripts/serve"],
        cwd=ROOT,
        env={**env, "BIND": f"127.0.0.1:{port}"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(base + "/health/", timeout=30) as response:  # noqa: S310
                    assert response.status == 200
                    break
            except OSError:  # not listening yet
                assert server.poll() is None, "scripts/serve stopped"
                assert time.monotonic() < deadline, "scripts/serve did not serve in 5 minutes"
                time.sleep(0.5)
        with urllib.request.urlopen(base + "/", timeout=60) as response:  # noqa: S310
            assert response.status == 200
            assert response.headers["Server"].startswith("gunicorn")
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/no-such-page/", timeout=60)  # noqa: S310
        page = missing.value.read().decode()
        assert missing.value.code == 404
        assert "Page not found" in page  # the service's own page, not Django's debug page
        assert "URLconf" not in page
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert "Traceback" not in output, output[-3000:]
    # One log line per request: the three requests above (and the health checks) each once.
    assert output.count('"GET / HTTP/1.1" 200') == 1, output[-3000:]


def test_every_readme_command_line_is_known_to_this_test() -> None:
    assert set(_code_lines()) == set(HOW), "add the README's new command lines to HOW"
    assert set(_table_commands()) == set(TABLE), "add the command table's new rows to TABLE"


def test_every_readme_command_works_as_written_in_a_clean_shell(clean_env: dict[str, str]) -> None:
    _serve_until_it_answers(clean_env)
    assert (Path(clean_env["BESTVALUE_VAR_DIR"]) / "local-install").is_file()
    for line, how in HOW.items():
        if how == "postgres" or line == "./scripts/serve":
            continue
        stdin = PASSWORD * 2 if "create-user" in line else ""
        _sh(line if how is None else how, clean_env, stdin)
    for command, how in TABLE.items():
        name = command.split()[1]
        line = f".venv/bin/{command}" if how is None else f".venv/bin/bestvalue {name} --help"
        _sh(line, clean_env)
    _sh(".venv/bin/bestvalue --help", clean_env)


def test_the_readme_postgresql_section_works_as_written(clean_env: dict[str, str]) -> None:
    """The section's lines with `bestvalue` replaced by a database name of this run's own, after
    the first command (which made var/ a local install, as here; serving is tested above)."""
    mark_local_install(Path(clean_env["BESTVALUE_VAR_DIR"]))
    name = f"readme_{os.getpid()}"
    section = [line for line, how in HOW.items() if how == "postgres"]
    section.insert(1, ".venv/bin/bestvalue setup")
    script = "\n".join(section).replace(":5432/bestvalue", f":5432/{name}")
    script = script.replace("./scripts/test", "./scripts/test" + FEW_TESTS)
    try:
        result = _sh("set -e\n" + script, clean_env)
        assert f"Created the PostgreSQL database {name}." in result.stdout
    finally:
        subprocess.run(  # noqa: S603
            [".venv/bin/python", "-c", _DROP.format(name=name)],
            cwd=ROOT,
            env={**clean_env, "DEBUG": "true"},
            check=False,
            timeout=60,
        )


_DROP = """
import psycopg
with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as c:
    c.execute('DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
"""
