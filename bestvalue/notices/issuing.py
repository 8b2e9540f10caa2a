"""What issuing a notice needs beyond the notice itself: its reference, allocated so that
concurrent issues never collide, and the letters app's writer, which notices hand the issued
notice to (issue 14.5: notices issue; letters render what they are handed)."""

from __future__ import annotations

from typing import Any, Protocol

from bestvalue.notices.models import Notice, ReferenceCounter


def allocate_reference(year: int) -> str:
    """The next reference of the year, BVN-YYYY-NNN, in issue order.

    One counter row per year, locked only now, at the moment of allocation, until the issuing
    transaction ends: concurrent issues take their numbers in turn and never collide (issue
    13.9; "highest so far plus one" raced). The row is made on first use from the highest
    reference already taken that year; making it ignores a concurrent maker's row."""
    prefix = f"BVN-{year}-"
    if not ReferenceCounter.objects.filter(year=year).exists():
        taken = Notice.objects.filter(reference__startswith=prefix).values_list(
            "reference", flat=True
        )
        numbers = [int(r[len(prefix) :]) for r in taken if r and r[len(prefix) :].isdigit()]
        ReferenceCounter.objects.bulk_create(
            [ReferenceCounter(year=year, last=max(numbers, default=0))], ignore_conflicts=True
        )
    counter = ReferenceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{prefix}{counter.last:03d}"


class LetterWriter(Protocol):
    """What notices hand the letters app when a notice is issued or ends: the notice (with its
    reference and dates), to render and freeze its letter in the same transaction. Raising
    refuses the whole change; `discard` removes the files written when it does not commit."""

    def write(self, notice: Notice, *, by: Any) -> object: ...

    def discard(self) -> None: ...
