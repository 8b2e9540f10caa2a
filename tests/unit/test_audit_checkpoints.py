"""The pure parts of the keyed chain's defences: the audit key's configuration, reading published
checkpoints, and checking a log against them. No database."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from bestvalue.audit.checkpoints import Checkpoint, parse_checkpoints
from bestvalue.audit.hashing import GENESIS_HASH, event_hash
from bestvalue.audit.keys import configured_audit_key, local_key
from bestvalue.audit.verification import check_checkpoints
from bestvalue.core.env import ConfigurationError

A, B, C = "a" * 64, "b" * 64, "c" * 64
HASHES = {1: A, 2: B, 3: C}


# --- The audit key --------------------------------------------------------------------------


def test_without_debug_start_up_refuses_a_missing_audit_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="AUDIT_KEY"):
        configured_audit_key(debug=False, var_dir=tmp_path, environ={})
    assert not (tmp_path / "audit.key").exists()


def test_a_short_audit_key_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigurationError,
        match="AUDIT_KEY: 5 characters long; set it to at least 32 random characters",
    ):
        configured_audit_key(debug=True, var_dir=tmp_path, environ={"AUDIT_KEY": "short"})


def test_the_audit_key_from_the_environment_is_used(tmp_path: Path) -> None:
    key = "k" * 40
    assert configured_audit_key(debug=False, var_dir=tmp_path, environ={"AUDIT_KEY": key}) == key
    assert not (tmp_path / "audit.key").exists()


def test_a_local_install_generates_its_key_once_readable_by_its_owner_only(
    tmp_path: Path,
) -> None:
    var_dir = tmp_path / "var"  # not there yet, as on a fresh clone
    first = configured_audit_key(debug=True, var_dir=var_dir, environ={})
    path = var_dir / "audit.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32
    assert configured_audit_key(debug=True, var_dir=var_dir, environ={}) == first
    assert [p.name for p in var_dir.iterdir()] == ["audit.key"]  # no temporary file left


def test_a_damaged_key_file_is_refused_rather_than_replaced(tmp_path: Path) -> None:
    path = tmp_path / "audit.key"
    path.write_text("\n")
    with pytest.raises(ConfigurationError, match="restore it"):
        local_key(path)


def test_the_hash_depends_on_the_key() -> None:
    fields = {
        "sequence": 1,
        "occurred_at": "2026-12-03T10:00:00.000000+00:00",
        "actor": None,
        "actor_label": "system",
        "action": "notice.issued",
        "object_type": "",
        "object_id": "",
        "object_label": "",
        "before": None,
        "after": None,
        "previous_hash": GENESIS_HASH,
    }
    assert event_hash(fields, key=b"k" * 32) != event_hash(fields, key=b"j" * 32)
    with pytest.raises(ValueError, match="empty"):
        event_hash(fields, key=b"")


# --- Reading checkpoints --------------------------------------------------------------------


def test_published_checkpoints_read_back() -> None:
    text = json.dumps([{"sequence": 3, "hash": C, "recorded_at": "2026-12-03T10:00:00+00:00"}])
    assert parse_checkpoints(text) == [Checkpoint(3, C, "2026-12-03T10:00:00+00:00")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not JSON"),
        ('{"sequence": 1}', "must be a JSON list"),
        ('["x"]', "Checkpoint 1 is not an object"),
        (json.dumps([{"sequence": -1, "hash": A}]), "Checkpoint 1 has no sequence"),
        (json.dumps([{"sequence": True, "hash": A}]), "Checkpoint 1 has no sequence"),
        (json.dumps([{"sequence": 1, "hash": A}, {"sequence": 2}]), "Checkpoint 2 has no hash"),
        (json.dumps([{"sequence": 1, "hash": A.upper()}]), "Checkpoint 1 has no hash"),
    ],
)
def test_anything_but_a_list_of_checkpoints_is_refused_saying_where(
    text: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        parse_checkpoints(text)


# --- Checking a log against checkpoints -----------------------------------------------------


def test_a_log_that_agrees_with_every_checkpoint_passes() -> None:
    result = check_checkpoints(
        [Checkpoint(3, C), Checkpoint(1, A), Checkpoint(0, GENESIS_HASH)], length=3, hashes=HASHES
    )
    assert (result.ok, result.checked) == (True, 3)
    assert (
        result.summary == "Audit log verified: 3 events, chain intact, agrees with 3 checkpoints."
    )


def test_a_log_shorter_than_a_checkpoint_fails_at_the_first_missing_event() -> None:
    result = check_checkpoints(
        [Checkpoint(5, "d" * 64, "2026-12-03T10:00:00+00:00")], length=3, hashes=HASHES
    )
    assert (result.ok, result.first_bad_sequence) == (False, 4)
    assert result.summary == (
        "Audit log check FAILED at event 4: missing: the log ends at event 3, but the checkpoint "
        "(recorded 2026-12-03T10:00:00+00:00) records event 5, so events were cut off the end."
    )


def test_a_log_that_disagrees_with_a_checkpoint_fails_at_that_event() -> None:
    result = check_checkpoints([Checkpoint(2, "e" * 64)], length=3, hashes=HASHES)
    assert (result.ok, result.first_bad_sequence) == (False, 2)
    assert result.reason == "rewritten: its hash differs from the one the checkpoint recorded"


def test_the_earliest_disagreement_is_reported() -> None:
    result = check_checkpoints([Checkpoint(9, A), Checkpoint(2, "e" * 64)], length=3, hashes=HASHES)
    assert result.first_bad_sequence == 2
