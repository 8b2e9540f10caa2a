"""What the improvement services share: role checks, version checks and the expectations an
authority's records may answer."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Max, QuerySet

from bestvalue.authorities.models import Authority
from bestvalue.guidance.models import Theme
from bestvalue.improvement import rules
from bestvalue.improvement.errors import NotAllowed, StaleEdit
from bestvalue.notices.models import Expectation
from bestvalue.notices.rules import PUBLISHED_STATUSES


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
    found = list(Theme.objects.filter(key__in=keys))
    unknown = set(keys) - {t.key for t in found}
    if unknown:
        raise ValueError(f"Unknown themes: {', '.join(sorted(unknown))}")
    return found


def clean_text(value: str, message: str) -> str:
    """The text, trimmed; refused (with `message`) if it is empty or says nothing
    (rules.is_meaningless: punctuation alone, or a placeholder such as "n/a")."""
    value = value.strip()
    if not value:
        raise ValueError(message)
    if rules.is_meaningless(value):
        raise ValueError(f"{message}: “{value}” says nothing")
    return value
