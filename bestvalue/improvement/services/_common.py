"""What the improvement services share: role checks, version checks, the expectations and
themes an authority's records may answer, and the audit record of an addition."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db.models import Max, Model, QuerySet

from bestvalue.audit.services import record_event, snapshot
from bestvalue.authorities.models import Authority
from bestvalue.guidance.models import Theme
from bestvalue.guidance.selectors import themes_by_key
from bestvalue.improvement import rules
from bestvalue.improvement.errors import NotAllowed, StaleEdit
from bestvalue.notices.models import Expectation
from bestvalue.notices.rules import PUBLISHED_STATUSES

R = TypeVar("R", bound=Model)


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


def check_version(current: int, given: int | None, what: str) -> None:
    if given is not None and given != current:
        raise StaleEdit(what)


def lock_authority(authority: Authority) -> Authority:
    """Lock the authority's row: writers numbering its plan take turns (PostgreSQL; SQLite's
    IMMEDIATE transactions already do)."""
    return Authority.objects.select_for_update(no_key=True).get(pk=authority.pk)


def next_number(items: QuerySet[Any]) -> int:
    return (items.aggregate(last=Max("number"))["last"] or 0) + 1


def expectations_of(
    authority_id: int, ids: Iterable[int], *, required: bool = True
) -> list[Expectation]:
    """The expectations with these ids, which must be on a published notice to this authority."""
    wanted = set(ids)
    if required and not wanted:
        raise ValueError("Choose at least one expectation")
    found = list(
        Expectation.objects.filter(
            pk__in=wanted, notice__authority_id=authority_id, notice__status__in=PUBLISHED_STATUSES
        )
    )
    if len(found) != len(wanted):
        raise ValueError("Choose expectations from the notices to this authority")
    return found


def themes(keys: Sequence[str]) -> list[Theme]:
    """The themes with these keys (the guidance's seven), refusing any key it does not have."""
    known = themes_by_key()
    if unknown := sorted(set(keys) - known.keys()):
        raise ValueError(f"Unknown themes: {', '.join(unknown)}")
    return [known[key] for key in dict.fromkeys(keys)]


def record_added(record: R, fields: Iterable[str] | None = None, *, by: Any, action: str) -> R:
    """Record `action` with the new record's `fields` as they now stand (an addition has no
    before; a change is recorded with audit.services.audited instead), and hand the record back."""
    record_event(actor=by, action=action, obj=record, after=snapshot(record, fields))
    return record


def clean_text(value: str, message: str) -> str:
    """The text, trimmed; refused (with `message`) if it is empty or says nothing
    (rules.is_meaningless: punctuation alone, or a placeholder such as "n/a")."""
    value = value.strip()
    if not value:
        raise ValueError(message)
    if rules.is_meaningless(value):
        raise ValueError(f"{message}: “{value}” says nothing")
    return value
