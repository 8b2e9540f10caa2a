"""Typed readers for environment variables, and the secrets a local install keeps under var/.

A bad value stops start-up with one line: the variable, what is wrong and what to set
(`bestvalue` prints it without a traceback and exits with status 2).

A *local install* is a var/ directory (BESTVALUE_VAR_DIR) holding the marker file `local-install`,
written by `./scripts/serve` or `bestvalue setup --local` and by nothing else. Only there may the
service run with DEBUG off and no SECRET_KEY or ALLOWED_HOSTS set: it generates its secrets once
into var/ (local_secret) and serves the local host names. Anywhere else (production) those settings
must be given explicitly.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path


class ConfigurationError(Exception):
    """An environment variable is missing or has a value we cannot use."""

    def __init__(self, variable: str, problem: str, remedy: str) -> None:
        self.variable = variable
        super().__init__(f"{variable}: {problem}; {remedy}.")


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}

LOCAL_INSTALL_MARKER = "local-install"
LOCAL_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def env_str(
    name: str, default: str | None = None, *, environ: Mapping[str, str] = os.environ
) -> str:
    value = environ.get(name)
    if value is None:
        if default is None:
            raise ConfigurationError(name, "not set", f"set the environment variable {name}")
        return default
    return value


def env_bool(name: str, default: bool, *, environ: Mapping[str, str] = os.environ) -> bool:
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigurationError(name, f"must be true or false, not {raw!r}", "set true or false")


def env_int(
    name: str, default: int, *, minimum: int = 0, environ: Mapping[str, str] = os.environ
) -> int:
    raw = environ.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigurationError(
            name, f"must be a whole number, not {raw!r}", f"set a whole number, {minimum} or more"
        ) from None
    if value < minimum:
        raise ConfigurationError(
            name, f"must be at least {minimum}, not {value}", f"set {minimum} or more"
        )
    return value


def env_list(
    name: str, default: list[str], *, environ: Mapping[str, str] = os.environ
) -> list[str]:
    raw = environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(
    name: str, default: str, choices: Sequence[str], *, environ: Mapping[str, str] = os.environ
) -> str:
    """One of `choices`, compared without regard to case; returned as spelled in `choices`."""
    raw = environ.get(name)
    if raw is None:
        return default
    for choice in choices:
        if raw.strip().lower() == choice.lower():
            return choice
    raise ConfigurationError(
        name, f"{raw!r} is not one of {', '.join(choices)}", f"set one of {', '.join(choices)}"
    )


def is_local_install(var_dir: Path) -> bool:
    return (var_dir / LOCAL_INSTALL_MARKER).is_file()


def mark_local_install(var_dir: Path) -> None:
    """Make var_dir a local install (see the module docstring). Never used for production."""
    var_dir.mkdir(parents=True, exist_ok=True)
    marker = var_dir / LOCAL_INSTALL_MARKER
    if not marker.exists():
        marker.write_text(
            "This directory is a local install of the best value oversight service: with DEBUG\n"
            "off and no SECRET_KEY or ALLOWED_HOSTS set, it uses the secrets generated here and\n"
            "the local host names. Delete this file to require explicit settings.\n"
        )


def local_secret(var_dir: Path, name: str, *, nbytes: int = 48) -> str:
    """The secret kept in var_dir/NAME, generated on first use (readable by the owner only).

    For settings a local install generates (SECRET_KEY in secret.key; one more, such as an audit
    key, is one more call). Callers use it only when is_local_install(var_dir)."""
    path = var_dir / name
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process wrote it first
            return path.read_text().strip()
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(nbytes) + "\n")
    return path.read_text().strip()
