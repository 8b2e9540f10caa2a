"""What the stage records share: notes with sources, a place in the intervention, and approval."""

from __future__ import annotations

from typing import Any, TypeVar, overload

from django.conf import settings
from django.db import models
from django.db.models import Q

from bestvalue.interventions.models.choices import ApprovalStatus, validate_approx, validate_sources


def known_date(help_text: str = "") -> models.DateField:
    """A date the sources may not give."""
    return models.DateField(null=True, blank=True, help_text=help_text)


def approx() -> models.CharField:
    """How roughly the date beside it is known, as the register gives it ("2019", "by March
    2020"); blank when the date is exact or not known."""
    return models.CharField(max_length=21, blank=True, validators=[validate_approx])


_M = TypeVar("_M", bound=models.Model)


@overload
def part_of(to: type[_M], related_name: str) -> models.ForeignKey[_M | None, _M | None]: ...
@overload
def part_of(to: str, related_name: str) -> models.ForeignKey[Any, Any]: ...
def part_of(to: Any, related_name: str) -> models.ForeignKey[Any, Any]:
    """The record this one may belong to, when it belongs to one of several (`exactly_one`)."""
    return models.ForeignKey(
        to, on_delete=models.CASCADE, null=True, blank=True, related_name=related_name
    )


def _user() -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )


class Sourced(models.Model):
    note = models.TextField(
        blank=True, help_text="Caveats, and facts that have no field of their own."
    )
    sources = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_sources],
        help_text="Web addresses of the public sources the record rests on.",
    )

    class Meta:
        abstract = True


class Versioned(models.Model):
    """A record edited through the department's pages: `version` goes up with every change, so
    that a form opened on an older version is refused rather than overwriting someone else's
    change (services._common.update)."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Stage(Sourced, Versioned):
    """A step of an intervention. `position` is its place in the intervention's sequence (the
    register's stage number for loaded records); it orders steps made on the same day.

    `from_register` marks the steps the register loader wrote, so that reloading the register
    removes only its own stale steps, never those the department recorded through the service.
    """

    position = models.PositiveSmallIntegerField()
    from_register = models.BooleanField(default=False, editable=False)

    class Meta:
        abstract = True


def position_unique(parent: str) -> models.UniqueConstraint:
    """One record at each place among its parent's."""
    return models.UniqueConstraint(
        fields=[parent, "position"], name="%(app_label)s_%(class)s_position_unique"
    )


def stage_constraints() -> list[models.BaseConstraint]:
    return [position_unique("intervention")]


def one_of(field: str, values: list[str], *, blank: bool = False) -> models.CheckConstraint:
    """`field` holds one of `values` (or is blank, if `blank`)."""
    condition = Q(**{f"{field}__in": values})
    return models.CheckConstraint(
        name=f"%(app_label)s_%(class)s_{field}_valid",
        condition=Q(**{field: ""}) | condition if blank else condition,
    )


class FourEyes(models.Model):
    """Who drafted a record, everyone else who changed it (none of them may approve it), and who
    approved it and when. Records loaded from the public register have no drafting or approving
    user."""

    drafted_by = _user()
    approved_by = _user()
    approved_at = models.DateTimeField(null=True, blank=True)
    editors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+")

    class Meta:
        abstract = True


class Approvable(FourEyes):
    """Four eyes: drafted by one official, approved by another, then issued."""

    status = models.CharField(
        max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT
    )

    class Meta:
        abstract = True

    @property
    def is_issued(self) -> bool:
        return self.status == ApprovalStatus.ISSUED


class Publishable(FourEyes):
    """Four eyes for publication: a fact the department records (opening an intervention, an
    inspection and its inspectors, findings, extensions, representations, reports, responses)
    is drafted by a caseworker and reaches no public channel until an approver other than the
    drafter and its editors approves it (services.publication). `publication` is the same
    draft / awaiting approval / issued as Approvable's `status` (named apart because an
    intervention's `status` is active or ended). Records loaded from the register are issued.
    """

    publication = models.CharField(
        max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.DRAFT
    )

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.publication == ApprovalStatus.ISSUED


def _four_eyes_constraints(field: str, not_by_drafter: str) -> list[models.BaseConstraint]:
    """`field` is a known approval status, and the drafter did not approve their own record."""
    return [
        one_of(field, ApprovalStatus.values),
        models.CheckConstraint(
            name=f"%(app_label)s_%(class)s_{not_by_drafter}",
            condition=Q(approved_by__isnull=True)
            | Q(drafted_by__isnull=True)
            | ~Q(approved_by=models.F("drafted_by")),
            violation_error_message="Someone other than the person who drafted it must approve it",
        ),
    ]


def publication_constraints() -> list[models.BaseConstraint]:
    return _four_eyes_constraints("publication", "not_published_by_drafter")


def approval_constraints() -> list[models.BaseConstraint]:
    return _four_eyes_constraints("status", "not_approved_by_drafter")


def after(
    later: str, earlier: str, message: str, *, name: str, strict: bool = True
) -> models.CheckConstraint:
    """A check that `later` falls after `earlier` (or on it, unless strict) when both are known."""
    lookup = "gt" if strict else "gte"
    return models.CheckConstraint(
        name=f"%(app_label)s_%(class)s_{name}",
        condition=Q(**{f"{later}__isnull": True})
        | Q(**{f"{earlier}__isnull": True})
        | Q(**{f"{later}__{lookup}": models.F(earlier)}),
        violation_error_message=message,
    )


def not_before(later: str, earlier: str, message: str, *, name: str) -> models.CheckConstraint:
    """A check that `later` is not before `earlier` (the same day will do) when both are known."""
    return after(later, earlier, message, name=name, strict=False)


def exactly_one(*fields: str, message: str) -> models.CheckConstraint:
    """A check that exactly one of the foreign keys `fields` is set."""
    condition = Q()
    for field in fields:
        others = {other: None for other in fields if other != field}
        condition |= Q(**{f"{field}__isnull": False}, **others)
    return models.CheckConstraint(
        name="%(app_label)s_%(class)s_has_one_record",
        condition=condition,
        violation_error_message=message,
    )


def not_negative(field: str, message: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        name=f"%(app_label)s_%(class)s_{field}_not_negative",
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": 0}),
        violation_error_message=message,
    )
