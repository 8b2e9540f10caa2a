"""Checkpoints of the audit chain: recording the head, and reading published copies back.

A checkpoint is the chain's head (last sequence and hash) at a moment. They are published at
/audit/checkpoints.json; anyone may keep copies. `bestvalue audit verify --checkpoints` then
refuses a log that is shorter than a copy says it was, or whose event at a copy's sequence has
another hash, which is what cutting events off the end, or rewriting the log by someone who holds
the key, would leave.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction

from bestvalue.audit.models import AuditChainHead, AuditCheckpoint
from bestvalue.core import clock

# A year of daily checkpoints is about 40 kB; anything past this is not a checkpoints file.
MAX_BYTES = 10 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 30
_HEX_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Checkpoint:
    """One checkpoint as published (and as read back from a copy)."""

    sequence: int
    hash: str
    recorded_at: str = ""


def record_checkpoint() -> AuditCheckpoint:
    """Record the chain's head as it stands now."""
    with transaction.atomic():
        return _create(_locked_head())


def record_daily_checkpoint(*, today: dt.date) -> AuditCheckpoint | None:
    """Record the head unless a checkpoint was already recorded on `today` (Europe/London);
    None if one was. Safe to call from every reminder run, and from several workers at once:
    the chain head's lock makes them take turns."""
    with transaction.atomic():
        head = _locked_head()
        if AuditCheckpoint.objects.filter(recorded_at__date=today).exists():
            return None
        return _create(head)


def _locked_head() -> AuditChainHead:
    # Locked as record_event locks it, so the checkpoint names a committed head, and appenders
    # and other checkpoints wait for it.
    head: AuditChainHead = AuditChainHead.objects.select_for_update().get_or_create(pk=1)[0]
    return head


def _create(head: AuditChainHead) -> AuditCheckpoint:
    checkpoint = AuditCheckpoint(sequence=head.sequence, hash=head.hash, recorded_at=clock.now())
    checkpoint.full_clean()
    checkpoint.save()
    return checkpoint


def as_published(checkpoint: AuditCheckpoint) -> dict[str, Any]:
    """A checkpoint as /audit/checkpoints.json spells it."""
    return {
        "sequence": checkpoint.sequence,
        "hash": checkpoint.hash,
        "recorded_at": checkpoint.recorded_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
    }


def parse_checkpoints(text: str) -> list[Checkpoint]:
    """The checkpoints in a copy of /audit/checkpoints.json. Raises ValueError, saying what is
    wrong and where, for anything else."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"The checkpoints are not JSON: {exc}.") from None
    if not isinstance(data, list):
        raise ValueError("The checkpoints must be a JSON list, as /audit/checkpoints.json is.")
    return [_checkpoint(item, position) for position, item in enumerate(data, start=1)]


def _checkpoint(item: Any, position: int) -> Checkpoint:
    if not isinstance(item, dict):
        raise ValueError(f"Checkpoint {position} is not an object with a sequence and a hash.")
    sequence, digest = item.get("sequence"), item.get("hash")
    if isinstance(sequence, bool) or not isinstance(sequence, int) or sequence < 0:
        raise ValueError(f"Checkpoint {position} has no sequence (a whole number, 0 or more).")
    if not isinstance(digest, str) or not _HEX_SHA256.match(digest):
        raise ValueError(f"Checkpoint {position} has no hash (64 lower-case hex digits).")
    return Checkpoint(sequence, digest, str(item.get("recorded_at") or ""))


def read_checkpoints(source: str) -> list[Checkpoint]:
    """The checkpoints at `source`: an http(s) URL of a checkpoints.json, or a file path."""
    if re.match(r"^https?://", source, re.IGNORECASE):
        request = urllib.request.Request(source, headers={"Accept": "application/json"})  # noqa: S310
        try:
            with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
                raw = response.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ValueError(f"Could not fetch the checkpoints from {source}: {exc}.") from None
    else:
        try:
            with Path(source).open("rb") as file:
                raw = file.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ValueError(f"Could not read the checkpoints file {source}: {exc}.") from None
    if len(raw) > MAX_BYTES:
        raise ValueError(f"{source} is larger than {MAX_BYTES:,} bytes: not a checkpoints file.")
    try:
        return parse_checkpoints(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValueError(f"{source} is not UTF-8 text.") from None
