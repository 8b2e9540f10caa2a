"""Checking the audit log: every event matches its keyed hash, links to the one before, none
missing, and (given published checkpoints) the log is as long as each says and agrees with it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from bestvalue.audit.checkpoints import Checkpoint
from bestvalue.audit.hashing import GENESIS_HASH, event_hash
from bestvalue.audit.keys import audit_key
from bestvalue.audit.models import AuditChainHead, AuditEvent

# Events read from the database at a time: memory stays flat however long the log grows.
CHUNK_SIZE = 2000


class Chained(Protocol):
    """What the check reads of an event (an AuditEvent, or a stand-in in unit tests)."""

    @property
    def sequence(self) -> int: ...
    @property
    def previous_hash(self) -> str: ...
    @property
    def hash(self) -> str: ...

    def hashed_fields(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class VerificationResult:
    ok: bool
    checked: int
    first_bad_sequence: int | None = None
    reason: str = "chain intact"

    @property
    def summary(self) -> str:
        if self.ok:
            noun = "event" if self.checked == 1 else "events"
            return f"Audit log verified: {self.checked:,} {noun}, {self.reason}."
        where = "" if self.first_bad_sequence is None else f" at event {self.first_bad_sequence}"
        return f"Audit log check FAILED{where}: {self.reason}."


def verify_chain(checkpoints: Sequence[Checkpoint] = ()) -> VerificationResult:
    """Walk the whole log in order and report the first event that is altered or missing; then
    check it against `checkpoints` (copies of published ones), if given."""
    # The head is read first and only events up to it are walked. Events appended while the
    # walk runs are committed together with a newer head, so they are simply not checked this
    # time, rather than mistaken for events added behind the service's back.
    head = AuditChainHead.objects.first()
    head_sequence, head_hash = (head.sequence, head.hash) if head else (0, GENESIS_HASH)
    events = (
        AuditEvent.objects.filter(sequence__lte=head_sequence)
        .order_by("sequence")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    result = check_chain(events, head_sequence=head_sequence, head_hash=head_hash, key=audit_key())
    if result.ok:
        result = _check_nothing_beyond_head(result)
    if not result.ok or not checkpoints:
        return result
    wanted = {c.sequence for c in checkpoints if 0 < c.sequence <= result.checked}
    hashes = dict(AuditEvent.objects.filter(sequence__in=wanted).values_list("sequence", "hash"))
    return check_checkpoints(checkpoints, length=result.checked, hashes=hashes)


def check_checkpoints(
    checkpoints: Sequence[Checkpoint], *, length: int, hashes: Mapping[int, str]
) -> VerificationResult:
    """The pure part: a verified log of `length` events, whose event hashes at the checkpoints'
    sequences are `hashes`, against the checkpoints. The earliest disagreement is reported."""
    for checkpoint in sorted(checkpoints, key=lambda c: c.sequence):
        when = f" (recorded {checkpoint.recorded_at})" if checkpoint.recorded_at else ""
        if checkpoint.sequence > length:
            return VerificationResult(
                False,
                length,
                length + 1,
                f"missing: the log ends at event {length:,}, but the checkpoint{when} records "
                f"event {checkpoint.sequence:,}, so events were cut off the end",
            )
        actual = GENESIS_HASH if checkpoint.sequence == 0 else hashes.get(checkpoint.sequence)
        if actual != checkpoint.hash:
            return VerificationResult(
                False,
                length,
                checkpoint.sequence or None,
                f"rewritten: its hash differs from the one the checkpoint{when} recorded",
            )
    noun = "checkpoint" if len(checkpoints) == 1 else "checkpoints"
    return VerificationResult(
        True, length, reason=f"chain intact, agrees with {len(checkpoints):,} {noun}"
    )


def check_chain(
    events: Iterable[Chained], *, head_sequence: int, head_hash: str, key: bytes
) -> VerificationResult:
    """The pure part: events in sequence order, hashed with `key`, against the head that says
    where they end."""
    expected, previous_hash = 1, GENESIS_HASH
    for event in events:
        problem = _problem(event, expected, previous_hash, key)
        if problem is not None:
            bad = expected if event.sequence > expected else event.sequence
            return VerificationResult(False, expected - 1, bad, problem)
        expected, previous_hash = expected + 1, event.hash
    checked = expected - 1
    if checked < head_sequence:
        return VerificationResult(
            False,
            checked,
            checked + 1,
            f"missing: event {checked + 1} is not in the log "
            f"(the chain head records {head_sequence:,} events)",
        )
    if previous_hash != head_hash:
        return VerificationResult(
            False,
            checked,
            checked or None,
            "replaced (its hash differs from the one the chain head kept)",
        )
    return VerificationResult(True, checked)


def _problem(event: Chained, expected: int, previous_hash: str, key: bytes) -> str | None:
    if event.sequence > expected:
        return f"missing: event {expected} is not in the log"
    if event.sequence < expected:
        return f"out of order: event {event.sequence} comes after event {expected - 1}"
    # Content before link: an edited event is reported as altered, where the edit is; a link
    # that fails while the content holds means the event before it was rewritten and rehashed.
    if event_hash(event.hashed_fields(), key=key) != event.hash:
        return "altered (its content does not match its hash)"
    if event.previous_hash != previous_hash:
        return f"broken link (its previous hash does not match the hash of event {expected - 1})"
    return None


def _check_nothing_beyond_head(result: VerificationResult) -> VerificationResult:
    latest = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    if latest is None or latest <= result.checked:
        return result
    # Read the head again: events past the first reading may be honest appends made since.
    head = AuditChainHead.objects.first()
    if head is None:
        return VerificationResult(False, result.checked, None, "the chain head is missing")
    if latest > head.sequence:
        return VerificationResult(
            False,
            result.checked,
            head.sequence + 1,
            f"unrecorded: event {head.sequence + 1} is past the chain head, "
            "so it was not added by the service",
        )
    return result
