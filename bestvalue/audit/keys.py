"""The audit key: the secret every event's hash is keyed with, held outside the database.

Production sets AUDIT_KEY in the environment. A developer's machine (DEBUG on, AUDIT_KEY unset)
generates one once and keeps it in var/audit.key, readable by its owner only, so that the log
of a local install verifies from one run to the next. settings.py asks configured_audit_key()
at start-up; everything else asks audit_key().
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path

from bestvalue.core.env import ConfigurationError

MINIMUM_LENGTH = 32
KEY_FILE_NAME = "audit.key"


def audit_key() -> bytes:
    """The key from settings, as bytes for hashing.event_hash."""
    from django.conf import settings

    return str(settings.AUDIT_KEY).encode("utf-8")


def configured_audit_key(
    *, debug: bool, var_dir: Path, environ: Mapping[str, str] = os.environ
) -> str:
    """AUDIT_KEY from the environment; with DEBUG on and none set, the local install's own key.

    Refuses a key shorter than MINIMUM_LENGTH characters, and a missing key when DEBUG is off: a
    production log keyed with a key kept beside it would be no harder to rewrite than an unkeyed
    one.
    """
    value = environ.get("AUDIT_KEY")
    if value is None:
        if not debug:
            raise ConfigurationError(
                "AUDIT_KEY",
                "not set, and DEBUG is off (it keys the audit log's hashes)",
                "set it to 32 or more random characters kept outside the database and backed up, "
                "for example the output of: python -c 'import secrets; print(secrets.token_urlsafe(48))'",
            )
        return local_key(var_dir / KEY_FILE_NAME)
    if len(value.strip()) < MINIMUM_LENGTH:
        raise ConfigurationError(
            "AUDIT_KEY",
            f"{len(value.strip())} characters long",
            f"set it to at least {MINIMUM_LENGTH} random characters",
        )
    return value.strip()


def local_key(path: Path) -> str:
    """The key kept at `path`, generated (mode 0600) the first time it is asked for.

    The new key is written to a temporary file and linked into place, which fails if another
    process got there first; then that process's key is read, so two processes starting at once
    agree on one key.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            temporary.unlink()
    key = path.read_text(encoding="utf-8").strip()
    if len(key) < MINIMUM_LENGTH:
        raise ConfigurationError(
            "AUDIT_KEY",
            f"the key kept in {path} is shorter than {MINIMUM_LENGTH} characters",
            "restore it from a backup, or set AUDIT_KEY",
        )
    return key
