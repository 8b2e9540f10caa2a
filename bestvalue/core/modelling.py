"""Field and constraint shapes that many domain models share, so each model states only what is
its own. Each returns the plain Django field or constraint (migrations see no difference)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q


def optional_link(to: Any, *, related_name: str, help_text: str = "") -> models.ForeignKey[Any]:
    """A link that may be empty and that keeps what it points to from being deleted."""
    return models.ForeignKey(
        to,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
        help_text=help_text,
    )


def one_of(name: str, field: str, choices: type[models.Choices]) -> models.CheckConstraint:
    """The database, too, refuses a value outside the field's choices."""
    return models.CheckConstraint(name=name, condition=Q(**{f"{field}__in": choices.values}))


def not_before(name: str, later: str, earlier: str) -> models.CheckConstraint:
    """The database refuses a `later` date before the `earlier` one, where both are known."""
    return models.CheckConstraint(
        name=name,
        condition=Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__gte": F(earlier)}),
    )


def both_or_neither(name: str, when: str, why: str) -> models.CheckConstraint:
    """The database refuses a `when` (a date or time) without its `why` (a note or reason), and
    a `why` without its `when`."""
    return models.CheckConstraint(
        name=name,
        condition=Q(**{f"{when}__isnull": True, why: ""})
        | (Q(**{f"{when}__isnull": False}) & ~Q(**{why: ""})),
    )
